"""The case-file review's pages, all under /inspections/<pk>/files/ (the inspection kwarg is ``pk``)."""

from django.urls import path

from reviews.models import ReviewKind
from reviews.views import discussion, moderation, reviewing, sample

app_name = "reviews"

FILES = "inspections/<int:pk>/files/"
FILE = FILES + "<int:file_id>/"

urlpatterns = [
    path(FILES, sample.sample_overview, name="sample"),
    path(FILES + "design/", sample.design_edit, name="design"),
    path(FILES + "import/", sample.crime_list_upload, name="crime_list_import"),
    path(FILES + "import/crime-types/", sample.crime_type_alias_add, name="crime_type_alias_add"),
    path(
        FILES + "import/<int:upload_id>/progress/",
        sample.crime_list_upload_progress,
        name="crime_list_import_progress",
    ),
    path(FILES + "draw/", sample.draw, name="draw"),
    path(FILES + "reserves/", sample.reserves, name="reserves"),
    path(FILES + "allocate/", sample.allocate, name="allocate"),
    path(FILES + "mine/", reviewing.my_files, name="my_files"),
    path(FILES + "progress/", moderation.progress, name="progress"),
    path(FILES + "moderation/", moderation.moderation, name="moderation"),
    path(FILES + "moderation/accept/", moderation.accept_selected, name="accept_selected"),
    path(FILES + "double-review/", moderation.double_review, name="double_review"),
    path(FILES + "export/csv/", moderation.export, {"file_format": "csv"}, name="export_csv"),
    path(FILES + "export/xlsx/", moderation.export, {"file_format": "xlsx"}, name="export_xlsx"),
    path(FILE, reviewing.file_detail, name="file_detail"),
    path(FILE + "unusable/", sample.mark_unusable, name="mark_unusable"),
    path(FILE + "adjudicate/", moderation.adjudicate, name="adjudicate"),
]
for kind in ReviewKind.values:
    urlpatterns += [
        path(FILE + f"review/{kind}/", reviewing.review_edit, {"kind": kind}, name=f"review_{kind}"),
        path(FILE + f"review/{kind}/draft/", reviewing.review_draft, {"kind": kind}, name=f"draft_{kind}"),
        path(FILE + f"review/{kind}/accept/", moderation.accept, {"kind": kind}, name=f"accept_{kind}"),
        path(FILE + f"review/{kind}/return/", moderation.send_back, {"kind": kind}, name=f"return_{kind}"),
        path(FILE + f"reassign/{kind}/", sample.reassign, {"kind": kind}, name=f"reassign_{kind}"),
        path(FILE + f"discussion/{kind}/", discussion.discussion, {"kind": kind}, name=f"discussion_{kind}"),
    ]
