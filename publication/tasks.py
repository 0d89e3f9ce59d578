"""Celery tasks of the publication app: thin, they take an id and call the PDF service (with the time
limits of every PDF task, ``peel.services.pdf_renders.pdf_task_options``)."""

from celery import shared_task

from peel.services.pdf_renders import pdf_render, pdf_task_options
from publication.models import DraftPdf, Publication


@shared_task(name="publication.render_draft_pdf", **pdf_task_options())
def render_draft_pdf_task(draft_id: int) -> None:
    pdf_render(model=DraftPdf, row_id=draft_id)


@shared_task(name="publication.render_published_pdf", **pdf_task_options())
def render_published_pdf_task(publication_id: int) -> None:
    pdf_render(model=Publication, row_id=publication_id)
