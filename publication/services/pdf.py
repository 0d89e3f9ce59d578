"""PDFs rendered by a worker, never in a request: the draft PDF, cached under the SHA-256 of its HTML
document, and each published version's PDF, rendered once and stored.

The request renders the HTML document (what the report page costs) and stores it on the row; the task
turns exactly that document into a PDF, so what is stored always matches the digest it is kept under.
"""

import datetime
import logging

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from authoring.report import authored_report_content
from peel.models import Inspection
from publication.models import DraftPdf, Publication, RenderedPdf, RenderStatus
from publication.selectors import correction_notices_for, draft_document
from reports.services.report_rendering import pdf_from_document, report_document_html

logger = logging.getLogger(__name__)


def _abandoned(render: RenderedPdf, since: datetime.datetime) -> bool:
    """Queued or rendering for longer than a worker may take: its worker was lost; render it again."""
    limit = datetime.timedelta(seconds=settings.PDF_TIME_LIMIT + 60)
    return render.is_active and timezone.now() - since > limit


def draft_pdf_request(*, inspection: Inspection, user) -> DraftPdf:
    """The draft PDF of the report as it is now: the stored one when the content is unchanged, otherwise
    a render queued (one per content: a second request joins the first)."""
    from publication.tasks import render_draft_pdf_task  # the task module imports this one

    document, digest = draft_document(inspection=inspection)
    with transaction.atomic():
        Inspection.objects.select_for_update().only("pk").get(pk=inspection.pk)
        draft = DraftPdf.objects.filter(inspection=inspection, document_digest=digest).first()
        if draft is not None and (
            draft.is_ready or (draft.is_active and not _abandoned(draft, draft.requested_at))
        ):
            return draft
        # Earlier drafts of this inspection are out of date: keep only the one for the current content.
        DraftPdf.objects.filter(inspection=inspection).exclude(document_digest=digest).exclude(
            status__in=[RenderStatus.QUEUED, RenderStatus.RUNNING]
        ).delete()
        if draft is None:
            draft = DraftPdf(inspection=inspection, document_digest=digest)
        draft.document_html = document
        draft.status, draft.error, draft.pdf, draft.pdf_sha256 = RenderStatus.QUEUED, "", None, ""
        draft.requested_by, draft.requested_at = user, timezone.now()
        draft.started_at = draft.finished_at = None
        draft.save()
        transaction.on_commit(lambda: _send(render_draft_pdf_task, DraftPdf, draft.pk))
    return draft


def publication_pdf_queue(*, publication: Publication) -> None:
    """Queue the render of a published version's PDF when the publication commits."""
    from publication.tasks import render_published_pdf_task

    transaction.on_commit(lambda: _send(render_published_pdf_task, Publication, publication.pk))


def publication_pdf_retry(*, publication: Publication) -> Publication:
    """Render a published version's PDF again after its render failed or its worker was lost (the
    document it is rendered from is the stored one: the published content never changes)."""
    with transaction.atomic():
        locked = Publication.objects.select_for_update().defer("pdf").get(pk=publication.pk)
        if locked.is_ready or (
            locked.is_active and not _abandoned(locked, locked.started_at or locked.created_at)
        ):
            return locked
        locked.status, locked.error, locked.started_at, locked.finished_at = (
            RenderStatus.QUEUED,
            "",
            None,
            None,
        )
        locked.save(update_fields=["status", "error", "started_at", "finished_at"])
        publication_pdf_queue(publication=locked)
    return locked


def _send(task, model: type[RenderedPdf], row_id: int) -> None:
    try:
        task.delay(row_id)
    except Exception as error:  # the broker cannot be reached: say so on the row instead of waiting
        logger.exception("%s %s could not be sent to a worker", model.__name__, row_id)
        pdf_render_failed(model=model, row_id=row_id, error=f"No worker could be reached ({error}).")


def _claim(model: type[RenderedPdf], row_id: int) -> str | None:
    """Mark the row as rendering and return its document; None if there is nothing to do (already
    rendered, or gone because a newer draft replaced it)."""
    with transaction.atomic():
        row = model.objects.select_for_update().defer("pdf").filter(pk=row_id).first()
        if row is None or row.is_ready:
            return None
        row.status, row.started_at = RenderStatus.RUNNING, timezone.now()
        row.save(update_fields=["status", "started_at"])
        return row.document_html


def pdf_render(*, model: type[RenderedPdf], row_id: int) -> None:
    """Render the row's document to PDF and store it with its SHA-256 (the tasks' one service)."""
    document = _claim(model, row_id)
    if document is None:
        return
    try:
        pdf = pdf_from_document(document)
    except Exception as error:
        # A time limit (the task's soft limit raises here) or a WeasyPrint error: the row says which.
        logger.exception("rendering %s %s failed", model.__name__, row_id)
        pdf_render_failed(model=model, row_id=row_id, error=_failure_message(error))
        return
    with transaction.atomic():
        row = model.objects.select_for_update().defer("pdf").filter(pk=row_id).first()
        if row is None:
            return
        row.pdf_stored(pdf)
        row.save(update_fields=["pdf", "pdf_sha256", "status", "error", "finished_at"])


def _failure_message(error: Exception) -> str:
    if type(error).__name__ == "SoftTimeLimitExceeded":
        return f"Rendering the PDF took longer than {settings.PDF_SOFT_TIME_LIMIT} seconds and was stopped."
    return f"The PDF could not be rendered: {error}"


def pdf_render_failed(*, model: type[RenderedPdf], row_id: int, error: str) -> None:
    model.objects.filter(pk=row_id).exclude(status=RenderStatus.READY).update(
        status=RenderStatus.FAILED, error=error[:2000], finished_at=timezone.now()
    )


def published_document_html(*, inspection: Inspection) -> str:
    """The published report's document, with its corrections (the inspection must be published)."""
    return report_document_html(
        inspection=inspection,
        content=authored_report_content(inspection=inspection),
        notices=correction_notices_for(inspection=inspection),
    )
