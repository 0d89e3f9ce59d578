"""What every PDF rendered by a worker records (the report's draft and published PDFs, a file's review):
the HTML document it is rendered from, its state for the progress bar, and the PDF with its SHA-256.

A PDF is kept in the database (``BinaryField``), not on a file system: web processes and workers on
different hosts all read the one database, and the PDF commits in the same transaction as the row that
records its SHA-256, so no process can see a digest without its file. The rendering itself is
``peel.services.pdf_renders``.
"""

import hashlib

from django.db import models
from django.utils import timezone


class RenderStatus(models.TextChoices):
    QUEUED = "queued", "Queued"
    RUNNING = "running", "Rendering"
    READY = "ready", "Ready"
    FAILED = "failed", "Failed"


ACTIVE_RENDER_STATUSES = (RenderStatus.QUEUED, RenderStatus.RUNNING)


class RenderedPdf(models.Model):
    """A PDF rendered by a worker from the HTML document stored beside it."""

    document_html = models.TextField()
    status = models.CharField(max_length=8, choices=RenderStatus.choices, default=RenderStatus.QUEUED)
    pdf = models.BinaryField(null=True, blank=True, editable=False)
    pdf_sha256 = models.CharField(max_length=64, blank=True)
    error = models.TextField(blank=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        abstract = True

    @property
    def is_active(self) -> bool:
        return self.status in ACTIVE_RENDER_STATUSES

    @property
    def is_ready(self) -> bool:
        return self.status == RenderStatus.READY

    def pdf_stored(self, pdf: bytes) -> None:
        self.pdf = pdf
        self.pdf_sha256 = hashlib.sha256(pdf).hexdigest()
        self.status = RenderStatus.READY
        self.error = ""
        self.finished_at = timezone.now()

    def render_queued(self, *, document_html: str) -> None:
        """Ready the row (new, failed or abandoned) to be rendered again from ``document_html``."""
        self.document_html = document_html
        self.status, self.error, self.pdf, self.pdf_sha256 = RenderStatus.QUEUED, "", None, ""
        self.started_at = self.finished_at = None
