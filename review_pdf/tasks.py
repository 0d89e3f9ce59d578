"""The review PDF's task: thin, it takes the row's id and calls the PDF service."""

from celery import shared_task

from peel.services.pdf_renders import pdf_render, pdf_task_options
from review_pdf.models import ReviewPdf


@shared_task(name="review_pdf.render_review_pdf", **pdf_task_options())
def render_review_pdf_task(review_pdf_id: int) -> None:
    pdf_render(model=ReviewPdf, row_id=review_pdf_id)
