"""The way from an approved report to a published one: the HM Inspector's sign-off, each published
version with its stored PDF, corrections after publication, and the cache of draft PDFs.

Each PDF is a ``RenderedPdf`` (``peel.models.rendered_pdfs``): kept in the database with its SHA-256, a
few hundred kilobytes each.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone

from peel.models import Inspection
from peel.models.rendered_pdfs import RenderedPdf


class SignOffState(models.TextChoices):
    WAITING = "waiting", "Waiting for the HM Inspector"
    SIGNED_OFF = "signed_off", "Signed off"
    RETURNED = "returned", "Returned with comments"


class SignOff(models.Model):
    """One submission of the report to the inspection's HM Inspector, and what they decided.

    ``content_digest`` is the SHA-256 of the report's content as submitted (``report_content_digest``);
    the HM Inspector signs off exactly that content, so any change afterwards makes the sign-off stale.
    """

    inspection = models.ForeignKey(Inspection, on_delete=models.CASCADE, related_name="sign_offs")
    state = models.CharField(max_length=10, choices=SignOffState.choices, default=SignOffState.WAITING)
    content_digest = models.CharField(max_length=64)
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    submitted_at = models.DateTimeField(default=timezone.now)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    comments = models.TextField(blank=True, help_text="Why the HM Inspector returned the report.")

    class Meta:
        ordering = ["-submitted_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["inspection"],
                condition=models.Q(state="waiting"),
                name="sign_off_one_waiting_per_inspection",
            ),
            models.CheckConstraint(
                condition=models.Q(state="waiting") | models.Q(decided_by__isnull=False),
                name="sign_off_decided_has_decider",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.inspection} · sign-off {self.pk}: {self.get_state_display()}"

    def matches(self, digest: str) -> bool:
        return self.content_digest == digest


class Publication(RenderedPdf):
    """One published version of an inspection's report: version 1, then one per correction.

    Nothing here changes once the PDF is stored: a correction is a new version, and every earlier
    version's PDF and digest stay downloadable.
    """

    inspection = models.ForeignKey(Inspection, on_delete=models.CASCADE, related_name="publications")
    version = models.PositiveSmallIntegerField()
    published_on = models.DateField(help_text="The date the report carries (it is dated by its month).")
    published_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    sign_off = models.OneToOneField(SignOff, on_delete=models.PROTECT, related_name="publication")
    content_digest = models.CharField(max_length=64)
    correction_notice = models.TextField(blank=True, help_text="Empty for the first publication.")

    class Meta:
        ordering = ["-version"]
        constraints = [
            models.UniqueConstraint(fields=["inspection", "version"], name="publication_one_per_version"),
        ]

    def __str__(self) -> str:
        return f"{self.inspection} · published version {self.version} ({self.published_on:%d %B %Y})"


class Correction(models.Model):
    """A published inspection reopened to correct it: why, by whom, and (once republished) in which
    version the correction was published. At most one is open at a time."""

    inspection = models.ForeignKey(Inspection, on_delete=models.CASCADE, related_name="corrections")
    notice = models.TextField(help_text="The correction notice the republished report carries.")
    opened_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    opened_at = models.DateTimeField(default=timezone.now)
    published_in = models.OneToOneField(
        Publication, on_delete=models.PROTECT, null=True, blank=True, related_name="correction"
    )

    class Meta:
        ordering = ["opened_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["inspection"],
                condition=models.Q(published_in__isnull=True),
                name="correction_one_open_per_inspection",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.inspection} · correction {self.pk}"


class DraftPdf(RenderedPdf):
    """The PDF of a draft report, kept under the SHA-256 of the HTML document it was rendered from: a
    second request for the same content is served at once."""

    inspection = models.ForeignKey(Inspection, on_delete=models.CASCADE, related_name="draft_pdfs")
    document_digest = models.CharField(max_length=64)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    requested_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-requested_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["inspection", "document_digest"], name="draft_pdf_one_per_document"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.inspection} · draft PDF {self.document_digest[:12]}"
