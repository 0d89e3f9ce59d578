"""The PDF of a file's review: prepared by a worker at the press of a button on the file's page, its
progress polled there, then downloaded. Each view loads the inspection as the file's page does
(``inspection_member_required``) and the file of that inspection; a PDF is served only to someone whose
view of the file it shows, and only while it is current."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from peel.models.rendered_pdfs import RenderStatus
from peel.views.access import inspection_member_required
from peel.views.downloads import pdf_download
from review_pdf.models import ReviewPdf
from review_pdf.selectors import review_pdf_key, review_pdf_scope
from review_pdf.services import review_pdf_filename, review_pdf_request
from reviews.views.common import case_file_of


def _file_page(inspection, case_file) -> str:
    return (
        reverse("reviews:file_detail", kwargs={"pk": inspection.pk, "file_id": case_file.pk}) + "#review-pdf"
    )


@require_POST
@inspection_member_required
def review_pdf_prepare(request, inspection, file_id: int):
    case_file = case_file_of(inspection, file_id, with_reviewers=True)
    row = review_pdf_request(inspection=inspection, case_file=case_file, user=request.user)
    if row is None:
        messages.info(request, "You have no review of this file to make a PDF of.")
    elif row.is_ready:
        messages.success(request, "The PDF of this file's review as it is now is ready to download.")
    return redirect(_file_page(inspection, case_file))


@require_GET
@inspection_member_required
def review_pdf_progress(request, inspection, file_id: int, pdf_id: int):
    """The PDF's panel as it is now, polled by the file's page while a worker renders it."""
    case_file = case_file_of(inspection, file_id)
    row = (
        ReviewPdf.objects.filter(
            pk=pdf_id, case_file=case_file, scope=review_pdf_scope(inspection=inspection, user=request.user)
        )
        .defer("pdf", "document_html")
        .first()
    )
    if row is None:
        raise Http404("No such PDF of this file's review.")
    response = render(
        request,
        "review_pdf/_progress.html",
        {"inspection": inspection, "case_file": case_file, "review_pdf": row},
    )
    if request.htmx and not row.is_active:
        response["HX-Refresh"] = "true"  # the page shows the download link, or the error, in its place
    return response


@require_GET
@inspection_member_required
def review_pdf_download(request, inspection, file_id: int, pdf_id: int):
    case_file = case_file_of(inspection, file_id)
    key = review_pdf_key(inspection=inspection, case_file=case_file, user=request.user)
    if key is None:
        raise Http404("You have no review of this file to read.")
    row = ReviewPdf.objects.filter(
        pk=pdf_id, case_file=case_file, content_key=key, status=RenderStatus.READY
    ).first()
    if row is None:
        messages.info(request, "That PDF is out of date (the review has changed since): prepare it again.")
        return redirect(_file_page(inspection, case_file))
    return pdf_download(pdf=row.pdf, sha256=row.pdf_sha256, filename=review_pdf_filename(case_file=case_file))
