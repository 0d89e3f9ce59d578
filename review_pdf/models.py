"""The PDF of one case file's review, as one person may read it: rendered by a worker and kept under a
key of what it shows, so it is offered only while the reviews it shows are unchanged."""

from django.conf import settings
from django.db import models
from django.utils import timezone

from peel.models.rendered_pdfs import RenderedPdf
from reviews.models import CaseFile


class ReviewPdf(RenderedPdf):
    """``scope`` is whose view of the file it shows ("lead": every review, the adjudication and every
    thread; "reviewer-<id>": that reviewer's own review and thread). ``content_key`` is the SHA-256 of the
    scope with the versions of what it shows (``review_pdf.selectors.review_pdf_key``): any saved change
    to a review, its moderation, the adjudication or the discussion gives a new key."""

    case_file = models.ForeignKey(CaseFile, on_delete=models.CASCADE, related_name="review_pdfs")
    scope = models.CharField(max_length=40)
    content_key = models.CharField(max_length=64)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    requested_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-requested_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["case_file", "content_key"], name="review_pdf_one_per_content"),
        ]

    def __str__(self) -> str:
        return f"PDF of the review of file {self.case_file_id} ({self.scope}, {self.get_status_display()})"
