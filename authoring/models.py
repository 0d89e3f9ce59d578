"""The report's written narrative: a section per question and sub-question (and the introduction, Next
steps and Annex A additions), each with an author, a status, saved versions and team comments; the
report's title-page details; and the programme's own texts that every inspection's sections add to.

A section's body is narrative markup (``peel.markup``), never HTML. ``published_html`` holds what the
published report showed of it (``sections_freeze``), so later changes to figures or file-review
results do not alter a published report.
"""

from django.conf import settings
from django.db import models

from peel.models import Inspection, Programme, Question, Versioned, limits


class SectionStatus(models.TextChoices):
    """As the GOV.UK "complete multiple tasks" pattern words them."""

    NOT_STARTED = "not_started", "Not yet started"
    IN_PROGRESS = "in_progress", "In progress"
    READY_FOR_REVIEW = "ready_for_review", "Ready for review"
    APPROVED = "approved", "Approved"


class FixedSection(models.TextChoices):
    """The sections that are not a question's: the programme's texts with an inspection's additions."""

    INTRODUCTION = "introduction", "Introduction"
    NEXT_STEPS = "next-steps", "Next steps"
    ANNEX_A = "annex-a", "Annex A – About the data"


def question_key(code: str) -> str:
    """The key of a question's section: "q-0" (the overall question), "q-1", "q-1.2"."""
    return f"q-{code}"


class ReportSection(Versioned):
    inspection = models.ForeignKey(Inspection, on_delete=models.CASCADE, related_name="report_sections")
    key = models.CharField(max_length=40, help_text='"q-1.2" for a question, or "introduction" etc.')
    question = models.ForeignKey(
        Question, on_delete=models.PROTECT, null=True, blank=True, related_name="report_sections"
    )
    title = models.CharField(max_length=300)
    body = models.TextField(max_length=limits.REPORT_SECTION, blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="report_sections",
    )
    status = models.CharField(max_length=20, choices=SectionStatus.choices, default=SectionStatus.NOT_STARTED)
    order = models.PositiveSmallIntegerField(default=0)
    published_html = models.TextField(
        blank=True, help_text="What the published report showed (set at publication)."
    )

    class Meta:
        ordering = ["inspection", "order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["inspection", "key"], name="report_section_key_unique"),
            limits.at_most("body", limits.REPORT_SECTION, name="report_section_body_length"),
        ]

    def __str__(self) -> str:
        return f"{self.inspection} · {self.title}"

    @property
    def is_approved(self) -> bool:
        return self.status == SectionStatus.APPROVED

    def can_write(self, user) -> bool:
        """The section's author and the inspection's lead write its body."""
        return user.is_authenticated and (self.author_id == user.pk or self.inspection.is_lead(user))


class SectionRevision(models.Model):
    """A saved version of a section's body: every save that changes it makes one; never changed."""

    section = models.ForeignKey(ReportSection, on_delete=models.CASCADE, related_name="revisions")
    number = models.PositiveIntegerField()
    body = models.TextField(max_length=limits.REPORT_SECTION, blank=True)
    saved_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    saved_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["section", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["section", "number"], name="section_revision_number_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.section.key} version {self.number}"


class SectionComment(models.Model):
    """A team comment on a section, optionally quoting the passage it is about; resolved when dealt with."""

    section = models.ForeignKey(ReportSection, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    body = models.TextField(max_length=limits.STATEMENT)
    quoted = models.TextField("quoted passage", max_length=limits.REASON, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["section", "created_at", "pk"]
        constraints = [
            limits.at_most("body", limits.STATEMENT, name="section_comment_body_length"),
            models.CheckConstraint(
                condition=models.Q(resolved_at__isnull=True) | models.Q(resolved_by__isnull=False),
                name="section_comment_resolved_has_resolver",
            ),
        ]

    def __str__(self) -> str:
        return f"Comment on {self.section.key}: {self.body[:60]}"

    @property
    def is_resolved(self) -> bool:
        return self.resolved_at is not None


class ReportDetails(Versioned):
    """The title page's details of one inspection's report."""

    inspection = models.OneToOneField(Inspection, on_delete=models.CASCADE, related_name="report_details")
    publication_date = models.DateField(null=True, blank=True)
    copyright_line = models.CharField(max_length=120, blank=True, help_text="E.g. © HMIC 2017")
    isbn = models.CharField("ISBN", max_length=20, blank=True, help_text="E.g. 978-1-78655-306-6")
    web_address = models.URLField(max_length=300, blank=True, help_text="Where the report is published.")

    class Meta:
        verbose_name_plural = "report details"

    def __str__(self) -> str:
        return f"Report details of {self.inspection}"


class ProgrammeReportText(models.Model):
    """The programme's own introduction, Next steps or Annex A text: every inspection's section of the
    same key adds to it."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="report_texts")
    key = models.CharField(max_length=20, choices=FixedSection.choices)
    title = models.CharField(max_length=200)
    body = models.TextField(max_length=limits.REPORT_SECTION, blank=True)

    class Meta:
        ordering = ["programme", "key"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "key"], name="programme_report_text_key_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.programme} · {self.title}"
