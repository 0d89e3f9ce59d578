"""Judgments (graded answers to the overall and core questions), summaries of findings, areas for
improvement, causes of concern with their recommendations, and the assessment of last year's."""

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from peel.models import limits
from peel.models.approval import Approvable, ApprovalState
from peel.models.evidence import EvidenceNote
from peel.models.frameworks import Criterion, Question
from peel.models.inspections import Inspection
from peel.models.scales import FindingKind
from peel.models.versioning import Versioned


class Judgment(Approvable):
    """The grade of the overall question or a core question, with its rationale.

    The compile writes only the ``proposed_*`` fields; ``grade`` and ``rationale`` are the lead's. Both
    grades hold a level code of the inspection's programme's scale (``GradeLevel.code``), which the form
    offers and ``grade_problems`` checks.
    """

    inspection = models.ForeignKey(Inspection, on_delete=models.CASCADE, related_name="judgments")
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="judgments")
    grade = models.CharField(max_length=25, blank=True)
    rationale = models.TextField(
        blank=True, max_length=limits.REPORT_PROSE, help_text="Paragraphs separated by a blank line."
    )
    proposed_grade = models.CharField(max_length=25, blank=True)
    proposed_reasons = models.JSONField(default=list, blank=True)
    proposed_at = models.DateTimeField(null=True, blank=True)
    history = HistoricalRecords(history_change_reason_field=models.TextField(null=True))

    class Meta:
        ordering = ["question__order", "question__code"]
        constraints = [
            models.UniqueConstraint(fields=["inspection", "question"], name="judgment_one_per_question"),
            models.CheckConstraint(
                condition=~models.Q(state=ApprovalState.APPROVED) | ~models.Q(grade=""),
                name="judgment_approved_has_grade",
            ),
            limits.at_most("rationale", limits.REPORT_PROSE, name="judgment_rationale_length"),
        ]

    def __str__(self) -> str:
        return f"{self.inspection} · {self.question.code}: {self.grade or 'not graded'}"

    def content_problems(self) -> list[str]:
        """A grade that is not one the question may hold on its programme's scale (empty when fine)."""
        if not self.grade:
            return []
        scale = self.inspection.programme.grade_scale
        allowed = dict(scale.choices(graded=self.question.graded))
        if self.grade in allowed:
            return []
        choose = ", ".join(allowed.values())
        return [f"{self.grade!r} is not a grade of {self.inspection.programme}: choose {choose}"]

    def approval_problems(self) -> list[str]:
        return self.content_problems() if self.grade else ["choose a grade"]

    def history_labels(self, field_name: str) -> dict[str, str] | None:
        """The labels of the grades, for the history page (the grade fields hold level codes)."""
        if field_name not in ("grade", "proposed_grade"):
            return None
        return {level.code: level.label for level in self.inspection.programme.grade_scale.levels}


class FindingSummary(Approvable):
    """The 'Summary of findings' prose under a core question."""

    inspection = models.ForeignKey(Inspection, on_delete=models.CASCADE, related_name="finding_summaries")
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="finding_summaries")
    text = models.TextField(
        blank=True, max_length=limits.REPORT_PROSE, help_text="Paragraphs separated by a blank line."
    )
    history = HistoricalRecords(history_change_reason_field=models.TextField(null=True))

    class Meta:
        ordering = ["question__order", "question__code"]
        verbose_name = "summary of findings"
        verbose_name_plural = "summaries of findings"
        constraints = [
            models.UniqueConstraint(
                fields=["inspection", "question"], name="finding_summary_one_per_question"
            ),
            limits.at_most("text", limits.REPORT_PROSE, name="finding_summary_text_length"),
        ]

    def __str__(self) -> str:
        return f"{self.inspection} · summary of findings {self.question.code}"

    def approval_problems(self) -> list[str]:
        return [] if self.text.strip() else ["write the summary of findings"]


class AfiOrigin(models.TextChoices):
    LEAD = "lead", "Written by the team"
    # The compile proposes one AFI per sub-question; the two per-source origins remain on proposals an
    # earlier compile made that the lead kept (edited, approved or rejected).
    QUESTION = "question", "Compiled from a sub-question's file review and flagged evidence"
    CRITERION = "criterion", "Compiled from a file-review criterion"
    EVIDENCE = "evidence", "Compiled from evidence notes flagged as proposed AFIs"


class RecommendationParent:
    """A finding that may carry recommendations: only if its programme's finding type has them."""

    finding_kind: str

    def takes_recommendations(self) -> bool:
        return self.finding_kind in self.inspection.programme.kinds_with_recommendations


class AreaForImprovement(RecommendationParent, Approvable):
    """'The force should ensure that ...' under a core question.

    A compiled AFI carries ``source_key`` (what produced it) and ``proposed_text`` (the compile's latest
    words). The compile updates a draft only while its text is still the proposal: once the lead edits
    it, rejects it or approves it, a re-run leaves it alone.
    """

    finding_kind = FindingKind.AREA_FOR_IMPROVEMENT
    inspection = models.ForeignKey(Inspection, on_delete=models.CASCADE, related_name="afis")
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="afis")
    text = models.TextField(max_length=limits.STATEMENT)
    order = models.PositiveSmallIntegerField(default=0)
    origin = models.CharField(max_length=10, choices=AfiOrigin.choices, default=AfiOrigin.LEAD)
    source_key = models.CharField(max_length=80, blank=True)
    proposed_text = models.TextField(blank=True)
    rejected = models.BooleanField(default=False, help_text="The lead decided this proposal is not an AFI.")
    evidence_notes = models.ManyToManyField(EvidenceNote, blank=True, related_name="afis")
    criteria = models.ManyToManyField(Criterion, blank=True, related_name="afis")
    submission_key = models.UUIDField(
        null=True, blank=True, unique=True, editable=False, help_text="The form submission that created it."
    )
    history = HistoricalRecords(
        m2m_fields=[evidence_notes, criteria], history_change_reason_field=models.TextField(null=True)
    )

    class Meta:
        ordering = ["question__order", "question__code", "order", "pk"]
        verbose_name = "area for improvement"
        verbose_name_plural = "areas for improvement"
        constraints = [
            models.UniqueConstraint(
                fields=["inspection", "source_key"],
                condition=~models.Q(source_key=""),
                name="afi_one_per_compile_source",
            ),
            # The compile numbers its proposals itself (from 100 and 200); the team's are numbered in turn.
            models.UniqueConstraint(
                fields=["inspection", "question", "order"],
                condition=models.Q(origin=AfiOrigin.LEAD),
                name="afi_team_order_unique",
            ),
            limits.at_most("text", limits.STATEMENT, name="afi_text_length"),
        ]

    def __str__(self) -> str:
        return self.text[:80]

    @property
    def is_locked(self) -> bool:
        """A rejected proposal is read-only too, until the lead reopens it."""
        return self.state == ApprovalState.APPROVED or self.rejected

    def approval_problems(self) -> list[str]:
        return [] if self.text.strip() else ["write the area for improvement"]

    @property
    def is_untouched_proposal(self) -> bool:
        return (
            self.origin != AfiOrigin.LEAD
            and not self.rejected
            and self.state == ApprovalState.DRAFT
            and self.text == self.proposed_text
        )


class CauseOfConcern(RecommendationParent, Approvable):
    """A serious matter under a core question; the criteria and notes it rests on are not proposed again
    as AFIs once it is approved."""

    finding_kind = FindingKind.CAUSE_OF_CONCERN
    inspection = models.ForeignKey(Inspection, on_delete=models.CASCADE, related_name="causes_of_concern")
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="causes_of_concern")
    text = models.TextField(max_length=limits.CONCERN)
    evidence_notes = models.ManyToManyField(EvidenceNote, blank=True, related_name="causes_of_concern")
    criteria = models.ManyToManyField(Criterion, blank=True, related_name="causes_of_concern")
    order = models.PositiveSmallIntegerField(default=0)
    submission_key = models.UUIDField(
        null=True, blank=True, unique=True, editable=False, help_text="The form submission that created it."
    )
    history = HistoricalRecords(
        m2m_fields=[evidence_notes, criteria], history_change_reason_field=models.TextField(null=True)
    )

    class Meta:
        ordering = ["question__order", "order", "pk"]
        verbose_name_plural = "causes of concern"
        constraints = [
            models.UniqueConstraint(fields=["inspection", "order"], name="cause_of_concern_order_unique"),
            limits.at_most("text", limits.CONCERN, name="cause_of_concern_text_length"),
        ]

    def __str__(self) -> str:
        return self.text[:80]

    def approval_problems(self) -> list[str]:
        return [] if self.text.strip() else ["write the cause of concern"]


def _continued(text: str) -> str:
    """A sentence continued after a lead-in ("By 1 May 2017, "): its first word in lower case, unless it
    is an acronym (HMIC) or starts a name (Cleveland Police)."""
    words = text.split(" ", 2)
    if words[0].isupper() or (len(words) > 1 and words[1][:1].isupper()):
        return text
    return text[:1].lower() + text[1:]


class Recommendation(Versioned):
    """A recommendation with a deadline, under a cause of concern or (as in Cleveland 2016) an AFI."""

    cause_of_concern = models.ForeignKey(
        CauseOfConcern, on_delete=models.CASCADE, null=True, blank=True, related_name="recommendations"
    )
    afi = models.ForeignKey(
        AreaForImprovement, on_delete=models.CASCADE, null=True, blank=True, related_name="recommendations"
    )
    text = models.TextField(max_length=limits.STATEMENT)
    due_date = models.DateField(
        null=True,
        blank=True,
        help_text="Required for new recommendations; empty only where an earlier report recorded none.",
    )
    order = models.PositiveSmallIntegerField(default=0)
    submission_key = models.UUIDField(
        null=True, blank=True, unique=True, editable=False, help_text="The form submission that created it."
    )
    history = HistoricalRecords(history_change_reason_field=models.TextField(null=True))

    class Meta:
        ordering = ["order", "due_date", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["afi", "order"],
                condition=models.Q(afi__isnull=False),
                name="recommendation_order_afi",
            ),
            models.UniqueConstraint(
                fields=["cause_of_concern", "order"],
                condition=models.Q(cause_of_concern__isnull=False),
                name="recommendation_order_cause",
            ),
            models.CheckConstraint(
                condition=models.Q(cause_of_concern__isnull=False, afi__isnull=True)
                | models.Q(cause_of_concern__isnull=True, afi__isnull=False),
                name="recommendation_belongs_to_one_parent",
            ),
            limits.at_most("text", limits.STATEMENT, name="recommendation_text_length"),
        ]

    def __str__(self) -> str:
        return self.as_written()[:80]

    def as_written(self) -> str:
        """As the report prints it: "By 1 May 2017, the force should ...". The due date goes in front
        unless the text already gives it (as recommendations written before the date had its own field
        did), so that it is never said twice."""
        text = self.text.strip()
        if self.due_date is None:
            return text
        due = f"{self.due_date.day} {self.due_date:%B %Y}"
        if due.lower() in text.lower():
            return text
        return f"By {due}, {_continued(text)}"

    @property
    def parent(self) -> "AreaForImprovement | CauseOfConcern":
        return self.afi if self.afi_id else self.cause_of_concern


class Progress(models.TextChoices):
    ADDRESSED = "addressed", "Addressed"
    PARTLY_ADDRESSED = "partly_addressed", "Partly addressed"
    NOT_ADDRESSED = "not_addressed", "Not addressed"


class PreviousFindingAssessment(models.Model):
    """The lead's assessment of one of the previous inspection's AFIs or causes of concern."""

    inspection = models.ForeignKey(Inspection, on_delete=models.CASCADE, related_name="previous_assessments")
    afi = models.ForeignKey(
        AreaForImprovement, on_delete=models.CASCADE, null=True, blank=True, related_name="later_assessments"
    )
    cause_of_concern = models.ForeignKey(
        CauseOfConcern, on_delete=models.CASCADE, null=True, blank=True, related_name="later_assessments"
    )
    progress = models.CharField(max_length=20, choices=Progress.choices)
    note = models.TextField(blank=True, max_length=limits.STATEMENT)
    assessed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    assessed_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords(history_change_reason_field=models.TextField(null=True))

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=models.Q(afi__isnull=False, cause_of_concern__isnull=True)
                | models.Q(afi__isnull=True, cause_of_concern__isnull=False),
                name="assessment_of_one_previous_finding",
            ),
            limits.at_most("note", limits.STATEMENT, name="assessment_note_length"),
            models.UniqueConstraint(
                fields=["inspection", "afi"],
                condition=models.Q(afi__isnull=False),
                name="assessment_one_per_afi",
            ),
            models.UniqueConstraint(
                fields=["inspection", "cause_of_concern"],
                condition=models.Q(cause_of_concern__isnull=False),
                name="assessment_one_per_cause",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_progress_display()}: {self.afi or self.cause_of_concern}"
