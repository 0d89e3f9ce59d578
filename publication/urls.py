"""The report and its way to publication; every page loads its inspection through peel.views.access."""

from django.urls import path

from publication.views import publishing, report

app_name = "publication"
INSPECTION = "inspections/<int:pk>/"
urlpatterns = [
    path(f"{INSPECTION}report/", report.report_page, name="report"),
    path(f"{INSPECTION}report.pdf", report.report_pdf, name="report_pdf"),
    path(f"{INSPECTION}report/pdf/prepare/", report.pdf_prepare, name="pdf_prepare"),
    path(f"{INSPECTION}report/pdf/<int:draft_id>/", report.draft_pdf_download, name="draft_pdf"),
    path(
        f"{INSPECTION}report/pdf/<int:draft_id>/progress/",
        report.draft_pdf_progress,
        name="draft_pdf_progress",
    ),
    path(f"{INSPECTION}report/versions/<int:version>.pdf", report.version_pdf, name="version_pdf"),
    path(f"{INSPECTION}report/versions/<int:version>/render/", report.version_render, name="version_render"),
    path(
        f"{INSPECTION}report/versions/<int:version>/progress/",
        report.version_progress,
        name="version_progress",
    ),
    path(f"{INSPECTION}report/submit/", publishing.submit_for_sign_off, name="submit"),
    path(f"{INSPECTION}report/sign-off/", publishing.sign_off_decide, name="sign_off"),
    path(f"{INSPECTION}report/publish/", publishing.publish, name="publish"),
    path(f"{INSPECTION}report/correction/", publishing.correction, name="correction"),
]
