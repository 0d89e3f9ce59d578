"""The report's PDFs, rendered by a worker (``peel.services.pdf_renders``), never in a request: the draft
PDF, cached under the SHA-256 of its HTML document, and each published version's PDF, rendered once and
stored.

The request renders the HTML document (what the report page costs) and stores it on the row; the task
turns exactly that document into a PDF, so what is stored always matches the digest it is kept under.
"""

from django.db import transaction
from django.utils import timezone

from authoring.report import authored_report_content
from peel.models import Inspection
from peel.models.rendered_pdfs import ACTIVE_RENDER_STATUSES, RenderStatus
from peel.services.pdf_renders import pdf_render_send, render_reusable
from publication.models import DraftPdf, Publication
from publication.selectors import correction_notices_for, draft_document
from reports.services.report_rendering import report_document_html


def draft_pdf_request(*, inspection: Inspection, user) -> DraftPdf:
    """The draft PDF of the report as it is now: the stored one when the content is unchanged, otherwise
    a render queued (one per content: a second request joins the first)."""
    from publication.tasks import render_draft_pdf_task  # the task module imports this one

    document, digest = draft_document(inspection=inspection)
    with transaction.atomic():
        Inspection.objects.select_for_update().only("pk").get(pk=inspection.pk)
        draft = DraftPdf.objects.filter(inspection=inspection, document_digest=digest).first()
        if draft is not None and render_reusable(draft, draft.requested_at):
            return draft
        # Earlier drafts of this inspection are out of date: keep only the one for the current content.
        DraftPdf.objects.filter(inspection=inspection).exclude(document_digest=digest).exclude(
            status__in=ACTIVE_RENDER_STATUSES
        ).delete()
        if draft is None:
            draft = DraftPdf(inspection=inspection, document_digest=digest)
        draft.render_queued(document_html=document)
        draft.requested_by, draft.requested_at = user, timezone.now()
        draft.save()
        transaction.on_commit(lambda: pdf_render_send(render_draft_pdf_task, DraftPdf, draft.pk))
    return draft


def publication_pdf_queue(*, publication: Publication) -> None:
    """Queue the render of a published version's PDF when the publication commits."""
    from publication.tasks import render_published_pdf_task

    transaction.on_commit(lambda: pdf_render_send(render_published_pdf_task, Publication, publication.pk))


def publication_pdf_retry(*, publication: Publication) -> Publication:
    """Render a published version's PDF again after its render failed or its worker was lost (the
    document it is rendered from is the stored one: the published content never changes)."""
    with transaction.atomic():
        locked = Publication.objects.select_for_update().defer("pdf").get(pk=publication.pk)
        if render_reusable(locked, locked.started_at or locked.created_at):
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


def published_document_html(*, inspection: Inspection) -> str:
    """The published report's document, with its corrections (the inspection must be published)."""
    return report_document_html(
        inspection=inspection,
        content=authored_report_content(inspection=inspection),
        notices=correction_notices_for(inspection=inspection),
    )
