"""Innovative and promising practice: what a report names for other forces to learn from, under a core
question, in programmes whose finding types include them (PEEL since 2021)."""

from django.db import models
from simple_history.models import HistoricalRecords

from peel.models import limits
from peel.models.approval import Approvable
from peel.models.frameworks import Question
from peel.models.inspections import Inspection
from peel.models.scales import NOTABLE_PRACTICE_KINDS, FindingKind


class NotablePractice(Approvable):
    """One piece of innovative or promising practice, written by the team and approved by the lead."""

    KINDS = tuple(kind.value for kind in NOTABLE_PRACTICE_KINDS)

    inspection = models.ForeignKey(Inspection, on_delete=models.CASCADE, related_name="notable_practices")
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="notable_practices")
    kind = models.CharField(
        max_length=25, choices=[(kind.value, kind.label) for kind in NOTABLE_PRACTICE_KINDS]
    )
    text = models.TextField(max_length=limits.STATEMENT)
    order = models.PositiveSmallIntegerField(default=0)
    submission_key = models.UUIDField(
        null=True, blank=True, unique=True, editable=False, help_text="The form submission that created it."
    )
    history = HistoricalRecords(history_change_reason_field=models.TextField(null=True))

    class Meta:
        ordering = ["question__order", "kind", "order", "pk"]
        verbose_name = "innovative or promising practice"
        verbose_name_plural = "innovative and promising practice"
        constraints = [
            models.UniqueConstraint(
                fields=["inspection", "question", "kind", "order"], name="notable_practice_order_unique"
            ),
            models.CheckConstraint(
                condition=models.Q(kind__in=[kind.value for kind in NOTABLE_PRACTICE_KINDS]),
                name="notable_practice_kind_is_a_practice",
            ),
            limits.at_most("text", limits.STATEMENT, name="notable_practice_text_length"),
        ]

    def __str__(self) -> str:
        return self.text[:80]

    def content_problems(self) -> list[str]:
        if self.kind in self.inspection.programme.finding_kinds:
            return []
        return [f"{self.inspection.programme} does not record {FindingKind(self.kind).label.lower()}"]

    def approval_problems(self) -> list[str]:
        return [] if self.text.strip() else [f"write the {FindingKind(self.kind).label.lower()}"]
