"""Celery tasks of the publication app: thin, they take an id and call the PDF service.

Each has a time limit: a report that takes too long to lay out (a vast summary, say) is stopped and
its row says why, rather than pinning a worker; the hard limit ends a render the soft one could not.
"""

from celery import shared_task
from django.conf import settings

from publication.models import DraftPdf, Publication
from publication.services.pdf import pdf_render

LIMITS = {
    "soft_time_limit": settings.PDF_SOFT_TIME_LIMIT,
    "time_limit": settings.PDF_TIME_LIMIT,
    "acks_late": True,
    "reject_on_worker_lost": True,
}


@shared_task(name="publication.render_draft_pdf", **LIMITS)
def render_draft_pdf_task(draft_id: int) -> None:
    pdf_render(model=DraftPdf, row_id=draft_id)


@shared_task(name="publication.render_published_pdf", **LIMITS)
def render_published_pdf_task(publication_id: int) -> None:
    pdf_render(model=Publication, row_id=publication_id)
