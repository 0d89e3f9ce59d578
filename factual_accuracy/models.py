"""The factual accuracy check: before sign-off the inspectorate sends the draft report to the force, whose
liaison comments on it section by section, and the lead answers each comment.

- ``ForceLiaison`` — which force a user of the Force liaison role belongs to (set in the admin). A liaison
  without one sees nothing.
- ``AccuracyCheck`` — one round of the check: opened by the lead with a due date, holding the draft as
  it was sent (its HTML and that HTML's SHA-256), closed by the lead. One open at a time per inspection.
- ``AccuracyComment`` — the liaison's comment on one section of the draft, and the lead's answer.
"""

import hashlib

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from authoring.models import ReportSection
from forces.models import Force
from peel.models import Inspection, Versioned, limits


class ForceLiaison(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="force_liaison"
    )
    force = models.ForeignKey(Force, on_delete=models.PROTECT, related_name="liaisons")

    class Meta:
        verbose_name = "force liaison"

    def __str__(self) -> str:
        return f"{self.user.get_full_name() or self.user.username} · {self.force.name}"


class AccuracyCheck(models.Model):
    inspection = models.ForeignKey(Inspection, on_delete=models.CASCADE, related_name="accuracy_checks")
    round = models.PositiveSmallIntegerField(
        help_text="1 for the first check; a reopened check is the next round."
    )
    due_on = models.DateField(help_text="The day the force's comments are due.")
    opened_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    opened_at = models.DateTimeField(default=timezone.now)
    document_html = models.TextField(help_text="The draft report as it was sent to the force.")
    document_sha256 = models.CharField(max_length=64)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-round"]
        constraints = [
            models.UniqueConstraint(fields=["inspection", "round"], name="accuracy_check_one_per_round"),
            models.UniqueConstraint(
                fields=["inspection"],
                condition=Q(closed_at=None),
                name="accuracy_check_one_open_per_inspection",
            ),
            models.CheckConstraint(
                condition=Q(closed_at=None) | Q(closed_by__isnull=False),
                name="accuracy_check_closed_has_closer",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.inspection} · factual accuracy check {self.round}"

    @property
    def is_open(self) -> bool:
        return self.closed_at is None

    def document_store(self, document_html: str) -> None:
        self.document_html = document_html
        self.document_sha256 = hashlib.sha256(document_html.encode()).hexdigest()


class Answer(models.TextChoices):
    ACCEPTED = "accepted", "Accepted and changed"
    NOT_ACCEPTED = "not_accepted", "Not accepted"


class AccuracyComment(Versioned):
    """A comment on one section of the draft. ``section_key`` is the section's anchor in the report
    (``q1.2``, ``overview``, ``annex-a``) and ``section_title`` its heading when the comment was made, so
    the log reads the same after the report's headings change. ``section`` is the authored section the
    comment is about, where the part of the report is one (a question's narrative, the introduction, Next
    steps, Annex A); the Force in numbers, the overview and the summaries are not authored sections."""

    accuracy_check = models.ForeignKey(AccuracyCheck, on_delete=models.CASCADE, related_name="comments")
    section_key = models.CharField(max_length=40)
    section = models.ForeignKey(
        ReportSection, on_delete=models.SET_NULL, null=True, blank=True, related_name="accuracy_comments"
    )
    section_title = models.CharField(max_length=300)
    quoted_text = models.TextField(
        max_length=limits.STATEMENT, blank=True, help_text="The passage of the draft the comment is about."
    )
    text = models.TextField(max_length=limits.EVIDENCE)
    proposed_correction = models.TextField(max_length=limits.STATEMENT, blank=True)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    submission_key = models.UUIDField(null=True, blank=True, unique=True, editable=False)
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    answer = models.CharField(max_length=12, choices=Answer.choices, blank=True)
    reason = models.TextField(max_length=limits.REASON, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            limits.at_most("quoted_text", limits.STATEMENT, name="accuracy_comment_quoted_text_length"),
            limits.at_most("text", limits.EVIDENCE, name="accuracy_comment_text_length"),
            limits.at_most(
                "proposed_correction", limits.STATEMENT, name="accuracy_comment_correction_length"
            ),
            limits.at_most("reason", limits.REASON, name="accuracy_comment_reason_length"),
            models.CheckConstraint(
                condition=~Q(answer="not_accepted") | ~Q(reason=""),
                name="accuracy_comment_refusal_has_reason",
            ),
            models.CheckConstraint(
                condition=Q(answer="") | Q(answered_by__isnull=False),
                name="accuracy_comment_answer_has_author",
            ),
            models.CheckConstraint(
                condition=Q(answer="") | Q(withdrawn_at=None), name="accuracy_comment_withdrawn_is_unanswered"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.accuracy_check} · comment {self.pk} on {self.section_title}"

    @property
    def is_withdrawn(self) -> bool:
        return self.withdrawn_at is not None

    @property
    def is_answered(self) -> bool:
        return bool(self.answer)

    @property
    def waits_for_answer(self) -> bool:
        return not self.is_withdrawn and not self.is_answered

    @property
    def state_label(self) -> str:
        if self.is_withdrawn:
            return "Withdrawn"
        return self.get_answer_display() if self.is_answered else "Waiting for an answer"
