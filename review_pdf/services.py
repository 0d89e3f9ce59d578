"""The PDF of a file's review: its HTML document, rendered in the request (one file: what its page costs),
and the PDF a worker makes of it (``peel.services.pdf_renders``), kept under the key of what it shows."""

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.text import get_text_list, slugify

from peel.models import Inspection
from peel.models.rendered_pdfs import ACTIVE_RENDER_STATUSES
from peel.services.pdf_renders import pdf_render_send, render_reusable
from review_pdf.models import ReviewPdf
from review_pdf.selectors import FileReviewContent, file_review_content, review_pdf_key, review_pdf_scope
from reviews.models import CaseFile


def review_document_html(*, content: FileReviewContent) -> str:
    """The review as one self-contained HTML document, for WeasyPrint: its <title>, language and <meta>
    author, description and keywords become the PDF's metadata."""
    case_file = content.case_file
    parts = [printed.review.get_kind_display().lower() for printed in content.reviews]
    if content.adjudication or content.adjudicated_decision:
        parts.append("adjudication")
    inspection = content.inspection
    holds = get_text_list(parts, "and")
    subject = (
        f"The {holds} of case file {case_file.crime.crime_reference} ({case_file.stratum.label}): "
        f"{inspection.force.name}, {inspection.programme.name}"
    )
    return render_to_string(
        "review_pdf/document.html",
        {
            "content": content,
            "inspection": inspection,
            "case_file": case_file,
            "holds": holds,
            "subject": subject,
            "organisation": settings.PEEL_REPORT_AUTHOR,
            "created": timezone.now(),
        },
    )


def review_pdf_filename(*, case_file: CaseFile) -> str:
    return f"review-{slugify(case_file.crime.crime_reference)}.pdf"


def review_pdf_request(*, inspection: Inspection, case_file: CaseFile, user) -> ReviewPdf | None:
    """The user's PDF of the file's review as it is now: the stored one while what it shows is unchanged,
    otherwise a render queued (one per content: a second request joins the first). None when the user
    has no review of the file to read."""
    from review_pdf.tasks import render_review_pdf_task  # the task module imports the PDF service

    # The key is read before the content: a review saved in between makes the stored PDF newer than its
    # key (offered as out of date, prepared again), never older than it (an outdated PDF offered as current).
    key = review_pdf_key(inspection=inspection, case_file=case_file, user=user)
    if key is None:
        return None
    scope = review_pdf_scope(inspection=inspection, user=user)
    with transaction.atomic():
        CaseFile.objects.select_for_update().only("pk").get(pk=case_file.pk)
        row = ReviewPdf.objects.filter(case_file=case_file, content_key=key).defer("pdf").first()
        if row is not None and render_reusable(row, row.requested_at):
            return row
        # This person's earlier PDFs of the file are out of date: keep only the one for what it shows now.
        ReviewPdf.objects.filter(case_file=case_file, scope=scope).exclude(content_key=key).exclude(
            status__in=ACTIVE_RENDER_STATUSES
        ).delete()
        content = file_review_content(inspection=inspection, case_file=case_file, user=user)
        row = row or ReviewPdf(case_file=case_file, scope=scope, content_key=key)
        row.render_queued(document_html=review_document_html(content=content))
        row.requested_by, row.requested_at = user, timezone.now()
        row.save()
        transaction.on_commit(lambda: pdf_render_send(render_review_pdf_task, ReviewPdf, row.pk))
    return row
