"""PDFs rendered by a worker, never in a request, for every app that stores one (``RenderedPdf``): the
report's draft and published PDFs (publication) and a file's review (review_pdf).

The request renders the HTML document and stores it on the row; the task turns exactly that document
into a PDF, so what is stored always matches what the row was asked for. Each app has its own task
(thin: it calls ``pdf_render`` with its model) and its own request service, which calls ``pdf_render_send``
when its transaction commits.
"""

import datetime
import logging

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from peel.models.rendered_pdfs import RenderedPdf, RenderStatus

logger = logging.getLogger(__name__)

# PDF/UA-1 (ISO 14289-1): a tagged PDF — a structure tree of headings, paragraphs, lists, tables and
# figures with their text alternatives, in reading order — with the document's language and title, which
# the Public Sector Bodies Accessibility Regulations 2018 ask of a published report (docs/report.md).
PDF_VARIANT = "pdf/ua-1"


def pdf_from_document(document_html: str) -> bytes:
    """WeasyPrint's tagged PDF of a self-contained HTML document (its <title>, <html lang> and <meta>
    author, description and keywords become the PDF's metadata): seconds for a full report, so only a
    worker calls it, or a command."""
    # Imported here: WeasyPrint takes a second to import (it parses its own stylesheets), which every
    # web and worker process would otherwise pay at start-up for a feature few requests use.
    from weasyprint import HTML

    return HTML(string=document_html).write_pdf(pdf_variant=PDF_VARIANT)


def render_abandoned(render: RenderedPdf, since: datetime.datetime) -> bool:
    """Queued or rendering for longer than a worker may take: its worker was lost; render it again."""
    limit = datetime.timedelta(seconds=settings.PDF_TIME_LIMIT + 60)
    return render.is_active and timezone.now() - since > limit


def render_reusable(render: RenderedPdf, since: datetime.datetime) -> bool:
    """Rendered, or being rendered by a worker still alive: serve it or wait for it, rather than render
    it again."""
    return render.is_ready or (render.is_active and not render_abandoned(render, since))


def pdf_render_send(task, model: type[RenderedPdf], row_id: int) -> None:
    """Send the row's render to a worker (call it from ``transaction.on_commit``)."""
    try:
        task.delay(row_id)
    except Exception as error:  # the broker cannot be reached: say so on the row instead of waiting
        logger.exception("%s %s could not be sent to a worker", model.__name__, row_id)
        pdf_render_failed(model=model, row_id=row_id, error=f"No worker could be reached ({error}).")


def _claim(model: type[RenderedPdf], row_id: int) -> str | None:
    """Mark the row as rendering and return its document; None if there is nothing to do (already
    rendered, or gone because a newer one replaced it)."""
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


def pdf_task_options() -> dict:
    """The options of every PDF task: a time limit, so a document that takes too long to lay out (a vast
    summary, say) is stopped and its row says why rather than pinning a worker (the hard limit ends a
    render the soft one could not), and redelivery if the worker is lost."""
    return {
        "soft_time_limit": settings.PDF_SOFT_TIME_LIMIT,
        "time_limit": settings.PDF_TIME_LIMIT,
        "acks_late": True,
        "reject_on_worker_lost": True,
    }
