"""The drawn sample: the draw's record, the case files it chose, and the share marked for double review."""

from django.conf import settings
from django.db import models

from peel.models import Inspection
from reviews.models.design import Stratum
from reviews.models.frame import FrameCrime


class SampleDraw(models.Model):
    """How an inspection's sample was drawn, recorded so the same frame and seed give the same files."""

    inspection = models.OneToOneField(Inspection, on_delete=models.CASCADE, related_name="sample_draw")
    seed = models.PositiveBigIntegerField()
    frame_digest = models.CharField(max_length=64, help_text="SHA-256 of the frame the draw read.")
    frame_size = models.PositiveIntegerField()
    algorithm_version = models.CharField(max_length=40)
    allocation = models.JSONField(
        default=list,
        help_text="Per stratum: frame size, quota, files drawn (after any shortfall reallocation).",
    )
    drawn_at = models.DateTimeField(auto_now_add=True)
    drawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    def __str__(self) -> str:
        return f"Sample of {self.inspection} (seed {self.seed})"


class CaseFileStatus(models.TextChoices):
    IN_SAMPLE = "in_sample", "In the sample"
    UNUSABLE = "unusable", "Unusable"


class UnusableReason(models.TextChoices):
    NOT_FOUND = "not_found", "File not found"
    MISCLASSIFIED = "misclassified", "Misclassified crime"
    DUPLICATE = "duplicate", "Duplicate of another crime"
    OTHER = "other", "Other"


class RiskLevel(models.TextChoices):
    STANDARD = "standard", "Standard"
    MEDIUM = "medium", "Medium"
    HIGH = "high", "High"
    NOT_ASSESSED = "not_assessed", "Not assessed"


EVIDENTIAL_DIFFICULTIES_OUTCOMES = range(14, 17)
# Of those, the two where the victim does not support action (14: suspect not identified; 16: suspect
# identified). In 15 the victim supports action and the evidence falls short.
VICTIM_DID_NOT_SUPPORT_OUTCOMES = (14, 16)


class CaseFile(models.Model):
    """A crime drawn into the sample (or a reserve brought in to replace an unusable one).

    The facts start as the crime list recorded them and are confirmed or corrected by the first
    reviewer; they decide which criteria apply to the file.
    """

    inspection = models.ForeignKey(Inspection, on_delete=models.CASCADE, related_name="case_files")
    stratum = models.ForeignKey(Stratum, on_delete=models.RESTRICT, related_name="case_files")
    # DO_NOTHING so that replacing a frame of 100,000 crimes is one DELETE, not a scan in Python: a frame
    # is only replaced before the draw, when no case file exists, and the database's foreign key still
    # refuses to leave a case file without its crime.
    crime = models.OneToOneField(FrameCrime, on_delete=models.DO_NOTHING, related_name="case_file")
    rank = models.PositiveIntegerField(help_text="Position in its stratum's random order, from 1.")
    status = models.CharField(max_length=12, choices=CaseFileStatus.choices, default=CaseFileStatus.IN_SAMPLE)
    replaces = models.OneToOneField(
        "self",
        on_delete=models.RESTRICT,
        null=True,
        blank=True,
        related_name="replaced_by",
        help_text="The unusable file this reserve replaced.",
    )
    unusable_reason = models.CharField(max_length=16, choices=UnusableReason.choices, blank=True)
    unusable_note = models.CharField(max_length=300, blank=True)
    marked_unusable_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    marked_unusable_at = models.DateTimeField(null=True, blank=True)

    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="case_files_first",
    )
    double_review = models.BooleanField(default=False, help_text="Chosen for a blind second review.")
    second_reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="case_files_second",
    )

    # The file's facts.
    outcome_code = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="Home Office outcome number."
    )
    domestic_abuse = models.BooleanField(default=False)
    vulnerable_victim = models.BooleanField(default=False)
    repeat_victim = models.BooleanField(default=False)
    suspect_identified = models.BooleanField(null=True, blank=True)
    risk_level = models.CharField(max_length=12, choices=RiskLevel.choices, blank=True)

    class Meta:
        ordering = ["inspection", "stratum__order", "rank"]
        constraints = [
            models.UniqueConstraint(fields=["stratum", "rank"], name="case_file_rank_unique_in_stratum"),
            models.CheckConstraint(
                condition=models.Q(second_reviewer__isnull=True)
                | ~models.Q(second_reviewer=models.F("reviewer")),
                name="case_file_second_reviewer_differs",
            ),
            models.CheckConstraint(
                condition=models.Q(status="in_sample", unusable_reason="")
                | models.Q(status="unusable") & ~models.Q(unusable_reason=""),
                name="case_file_unusable_has_reason",
            ),
            models.CheckConstraint(
                condition=models.Q(outcome_code__isnull=True)
                | models.Q(outcome_code__gte=1, outcome_code__lte=22),
                name="case_file_outcome_code_known",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.crime.crime_reference} ({self.stratum.label})"

    @property
    def crime_reference(self) -> str:
        return self.crime.crime_reference

    def is_usable(self) -> bool:
        return self.status == CaseFileStatus.IN_SAMPLE

    def has_evidential_difficulties(self) -> bool:
        return self.outcome_code in EVIDENTIAL_DIFFICULTIES_OUTCOMES


class DoubleReviewSelection(models.Model):
    """The lead's choice of files for a blind second review, with the seed that chose them."""

    inspection = models.OneToOneField(
        Inspection, on_delete=models.CASCADE, related_name="double_review_selection"
    )
    share_percent = models.PositiveSmallIntegerField(default=10)
    seed = models.PositiveBigIntegerField()
    selected_at = models.DateTimeField(auto_now_add=True)
    selected_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=models.Q(share_percent__gte=1, share_percent__lte=100),
                name="double_review_share_is_a_percentage",
            )
        ]

    def __str__(self) -> str:
        return f"Double review of {self.share_percent}% of {self.inspection} (seed {self.seed})"
