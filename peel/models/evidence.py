"""Evidence notes: what an inspector saw or heard, against a sub-question."""

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from peel.models import limits
from peel.models.frameworks import Question
from peel.models.inspections import Inspection
from peel.models.versioning import Versioned


class EvidenceSource(models.TextChoices):
    INTERVIEW = "interview", "Interview"
    FOCUS_GROUP = "focus_group", "Focus group"
    DOCUMENT = "document", "Document"
    DATA = "data", "Data"
    REALITY_TESTING = "reality_testing", "Reality testing"
    FILE_REVIEW = "file_review", "File review"
    OTHER = "other", "Other"


class Direction(models.TextChoices):
    STRENGTH = "strength", "Strength"
    WEAKNESS = "weakness", "Weakness"
    NEUTRAL = "neutral", "Neutral"


class EvidenceNote(Versioned):
    inspection = models.ForeignKey(Inspection, on_delete=models.CASCADE, related_name="evidence_notes")
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="evidence_notes")
    source = models.CharField(max_length=20, choices=EvidenceSource.choices)
    direction = models.CharField(max_length=10, choices=Direction.choices)
    observed_on = models.DateField("date")
    text = models.TextField(max_length=limits.EVIDENCE)
    proposed_afi = models.BooleanField("proposed area for improvement", default=False)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="evidence_notes"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    submission_key = models.UUIDField(
        null=True, blank=True, unique=True, editable=False, help_text="The form submission that created it."
    )
    history = HistoricalRecords(history_change_reason_field=models.TextField(null=True))

    class Meta:
        ordering = ["question__order", "question__code", "observed_on", "pk"]
        indexes = [models.Index(fields=["inspection", "question"])]
        constraints = [limits.at_most("text", limits.EVIDENCE, name="evidence_note_text_length")]

    def __str__(self) -> str:
        return f"{self.question.code} {self.get_direction_display()}: {self.text[:60]}"

    def is_editable_by(self, user) -> bool:
        """Its author and the inspection's lead may change a note; nobody else."""
        return user.is_authenticated and (self.author_id == user.pk or self.inspection.is_lead(user))
