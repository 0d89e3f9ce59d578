"""What the compile records: its runs, and the results it computed from the inspection's evidence.

The results are keyed by what produced them (inspection × criterion × stratum; inspection × question),
so a re-run updates rows in place and creates nothing new when the evidence has not changed.
"""

from django.db import models

from peel.models import Criterion, Inspection, Question
from peel.models.runs import ACTIVE_RUN_STATUSES, BackgroundRun, RunStatus
from reports.wording import counted
from reviews.models import Stratum

# The compile's names for the states every background run shares (peel.models.runs).
CompileStatus = RunStatus
ACTIVE_STATUSES = ACTIVE_RUN_STATUSES


class CompileTrigger(models.TextChoices):
    WEB = "web", "Compile button"
    COMMAND = "command", "Management command"


class CompileRun(BackgroundRun):
    """One compile of one inspection: who asked, when, how far it got and what it produced."""

    inspection = models.ForeignKey(Inspection, on_delete=models.CASCADE, related_name="compile_runs")
    trigger = models.CharField(max_length=10, choices=CompileTrigger.choices, default=CompileTrigger.WEB)
    duration_ms = models.PositiveIntegerField(null=True, blank=True)
    rules_version = models.PositiveIntegerField(null=True, blank=True)
    input_digest = models.CharField(max_length=64, blank=True, help_text="SHA-256 of what the compile read.")
    output_digest = models.CharField(max_length=64, blank=True, help_text="SHA-256 of the compiled results.")
    results_count = models.PositiveIntegerField(
        default=0, help_text="Criterion results, overall and per stratum."
    )
    draft_afis_count = models.PositiveIntegerField(default=0, help_text="Areas for improvement it proposed.")

    class Meta:
        ordering = ["-requested_at", "-pk"]
        indexes = [models.Index(fields=["inspection", "-requested_at"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(progress__lte=100), name="compile_run_progress_percent"
            ),
            # The guard behind "two compiles of one inspection never run at once": at most one run is
            # waiting or running; the compile itself also holds the inspection row's lock.
            models.UniqueConstraint(
                fields=["inspection"],
                condition=models.Q(status__in=["queued", "running"]),
                name="compile_run_one_active_per_inspection",
            ),
        ]

    def __str__(self) -> str:
        return f"Compile {self.pk} of {self.inspection_id}: {self.get_status_display()}"


class CriterionResult(models.Model):
    """Files reviewed against one criterion, over the whole sample (``stratum`` empty) or one stratum.

    ``n`` counts the files the criterion applied to (yes + partly + no + not known); the proportion
    met is yes / n with its Wilson 95% interval.
    """

    inspection = models.ForeignKey(Inspection, on_delete=models.CASCADE, related_name="criterion_results")
    criterion = models.ForeignKey(Criterion, on_delete=models.CASCADE, related_name="results")
    stratum = models.ForeignKey(
        Stratum, on_delete=models.CASCADE, null=True, blank=True, related_name="criterion_results"
    )
    n = models.PositiveIntegerField("files where applicable")
    yes = models.PositiveIntegerField()
    partly = models.PositiveIntegerField()
    no = models.PositiveIntegerField()
    not_known = models.PositiveIntegerField()
    proportion_met = models.DecimalField(max_digits=5, decimal_places=4, null=True, blank=True)
    interval_low = models.DecimalField(max_digits=5, decimal_places=4, null=True, blank=True)
    interval_high = models.DecimalField(max_digits=5, decimal_places=4, null=True, blank=True)
    threshold = models.DecimalField(max_digits=4, decimal_places=3)
    below_threshold = models.BooleanField(default=False)
    small_sample = models.BooleanField(default=False, help_text="Fewer than 10 files: read with care.")

    class Meta:
        ordering = ["criterion__order", "criterion__code", "stratum__order"]
        constraints = [
            models.UniqueConstraint(
                fields=["inspection", "criterion"],
                condition=models.Q(stratum__isnull=True),
                name="criterion_result_one_overall",
            ),
            models.UniqueConstraint(
                fields=["inspection", "criterion", "stratum"],
                condition=models.Q(stratum__isnull=False),
                name="criterion_result_one_per_stratum",
            ),
            models.CheckConstraint(
                condition=models.Q(
                    n=models.F("yes") + models.F("partly") + models.F("no") + models.F("not_known")
                ),
                name="criterion_result_counts_add_up",
            ),
        ]

    def __str__(self) -> str:
        scope = self.stratum.label if self.stratum_id else "all files"
        return f"{self.criterion.code} ({scope}): {self.yes} of {self.n}"

    @property
    def percent_met(self) -> float | None:
        return None if self.proportion_met is None else float(self.proportion_met) * 100


class QuestionEvidence(models.Model):
    """The evidence behind one sub-question or core question: notes by direction and source, and how
    the file-review criteria mapped to it came out."""

    inspection = models.ForeignKey(Inspection, on_delete=models.CASCADE, related_name="question_evidence")
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="compiled_evidence")
    strengths = models.PositiveIntegerField(default=0)
    weaknesses = models.PositiveIntegerField(default=0)
    neutral = models.PositiveIntegerField(default=0)
    by_source = models.JSONField(
        default=dict,
        blank=True,
        help_text="Notes counted by source, then direction: {source: {direction: n}}.",
    )
    proposed_afi_notes = models.PositiveIntegerField(default=0)
    criteria_assessed = models.PositiveIntegerField(default=0, help_text="Mapped criteria with files.")
    criteria_below_threshold = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["question__order", "question__code"]
        verbose_name_plural = "question evidence"
        constraints = [
            models.UniqueConstraint(
                fields=["inspection", "question"], name="question_evidence_one_per_question"
            ),
        ]

    def __str__(self) -> str:
        return (
            f"{self.question.code}: {counted(self.strengths, 'strength', 'strengths')}, "
            f"{counted(self.weaknesses, 'weakness', 'weaknesses')}"
        )

    @property
    def notes(self) -> int:
        return self.strengths + self.weaknesses + self.neutral


class AuditEstimate(models.Model):
    """An audit's result (reports.estimates): the stratum-weighted proportion of files decided "yes",
    with its margin (z × standard error) and its Korn–Graubard 95% interval. ``proportion`` is empty
    while a stratum of the frame has no decided file (``missing_strata`` names them)."""

    inspection = models.OneToOneField(Inspection, on_delete=models.CASCADE, related_name="audit_estimate")
    question = models.CharField(max_length=200)
    files = models.PositiveIntegerField(help_text="Files decided (accepted first reviews of usable files).")
    strata_count = models.PositiveIntegerField()
    frame_size = models.PositiveIntegerField()
    proportion = models.DecimalField(max_digits=5, decimal_places=4, null=True, blank=True)
    standard_error = models.DecimalField(max_digits=5, decimal_places=4, null=True, blank=True)
    margin = models.DecimalField(max_digits=5, decimal_places=4, null=True, blank=True)
    interval_low = models.DecimalField(max_digits=5, decimal_places=4, null=True, blank=True)
    interval_high = models.DecimalField(max_digits=5, decimal_places=4, null=True, blank=True)
    strata = models.JSONField(
        default=list,
        blank=True,
        help_text="Per stratum: label, frame size, files, yes, weight, sampling rate.",
    )
    missing_strata = models.JSONField(default=list, blank=True)
    single_file_strata = models.JSONField(default=list, blank=True)
    method = models.CharField(max_length=60)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=models.Q(proportion__isnull=True) | models.Q(proportion__gte=0, proportion__lte=1),
                name="audit_estimate_proportion_in_range",
            ),
        ]

    def __str__(self) -> str:
        if self.proportion is None:
            return f"{self.question}: no estimate yet"
        return f"{self.question}: {self.percent:.1f}% of {self.files} files"

    @property
    def percent(self) -> float | None:
        return None if self.proportion is None else float(self.proportion) * 100

    @property
    def stratum_labels(self) -> set[str]:
        return {row["label"] for row in self.strata}

    @property
    def margin_points(self) -> float | None:
        return None if self.margin is None else float(self.margin) * 100

    def as_written(self) -> str:
        """As the inspectorate writes it: "87.8% (± 1.7 percentage points, 95% confidence)"; where that
        margin would reach past 0% or 100%, the Korn–Graubard interval instead."""
        if self.proportion is None:
            return "no estimate yet"
        if self.normal_interval_fits:
            return f"{self.percent:.1f}% (± {self.margin_points:.1f} percentage points, 95% confidence)"
        low, high = float(self.interval_low) * 100, float(self.interval_high) * 100
        return f"{self.percent:.1f}% (95% confidence interval {low:.1f}% to {high:.1f}%)"

    @property
    def normal_interval_fits(self) -> bool:
        """Whether p̂ ± margin lies strictly between 0% and 100%: only then does the report use the "±"
        form; otherwise (a stratum all "yes", few files) it states the Korn–Graubard interval."""
        if self.proportion is None or self.margin is None or self.margin <= 0:
            return False
        return self.proportion - self.margin > 0 and self.proportion + self.margin < 1
