"""Programmes, their question frameworks and their file-review criteria (e.g. PEEL effectiveness 2016)."""

from decimal import Decimal
from functools import cached_property

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from peel.models.scales import GradeScale


class Programme(models.Model):
    """One inspection cycle and its framework of questions. A new version is a new programme."""

    name = models.CharField(max_length=120, unique=True)
    slug = models.SlugField(max_length=120, unique=True)
    year = models.PositiveSmallIntegerField()
    version = models.PositiveSmallIntegerField(default=1)
    previous_version = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="later_versions"
    )
    description = models.TextField(blank=True)
    grading_rules = models.JSONField(
        default=dict, blank=True, help_text="The versioned rule set the compile uses to propose grades."
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-year", "name"]

    def __str__(self) -> str:
        return self.name

    @cached_property
    def grade_scale(self) -> GradeScale:
        """Its grade levels, read once per programme object."""
        return GradeScale.of(self.grade_levels.all())

    @cached_property
    def finding_kinds(self) -> frozenset[str]:
        """The codes of the kinds of finding its inspections record (FindingKind)."""
        return frozenset(finding_type.code for finding_type in self.finding_types.all())

    @cached_property
    def kinds_with_recommendations(self) -> frozenset[str]:
        """The kinds of finding that carry recommendations (``FindingType.has_recommendations``)."""
        return frozenset(t.code for t in self.finding_types.all() if t.has_recommendations)

    def is_in_use(self) -> bool:
        """A programme with inspections must not be changed destructively: make a new version instead."""
        return self.inspections.exists()


def question_text_for(text: str, force_area: str) -> str:
    """A question's words as asked of one force: ``{force_area}`` becomes its area, e.g. Cleveland. The
    one place they are filled in; forms, pages and the report all come here."""
    return text.replace("{force_area}", force_area)


class QuestionLevel(models.TextChoices):
    OVERALL = "overall", "Overall question"
    CORE = "core", "Core question"
    SUB = "sub", "Sub-question"


class Question(models.Model):
    """A node of a programme's framework: the overall question, a core question or a sub-question."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="questions")
    parent = models.ForeignKey(
        "self", on_delete=models.CASCADE, null=True, blank=True, related_name="children"
    )
    level = models.CharField(max_length=10, choices=QuestionLevel.choices)
    code = models.CharField(
        max_length=10, help_text="E.g. 0 for the overall question, 2 for a core question, 2.3."
    )
    text = models.TextField(help_text="As written in the report; {force_area} stands for the force's area.")
    short_title = models.CharField(max_length=120, blank=True)
    order = models.PositiveSmallIntegerField(default=0)
    graded = models.BooleanField(default=True)

    class Meta:
        ordering = ["programme", "order", "code"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "code"], name="question_code_unique_in_programme"),
            models.CheckConstraint(
                condition=models.Q(level="overall", parent__isnull=True) | models.Q(parent__isnull=False),
                name="question_only_overall_has_no_parent",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.text}"

    def text_for(self, force_area: str) -> str:
        return question_text_for(self.text, force_area)

    def label_for(self, force_area: str, *, short: bool = False) -> str:
        """Its code and words for one force, as a choice or a row heading ("1.1 How much crime ...")."""
        words = self.short_title if short and self.short_title else self.text
        return f"{self.code} {question_text_for(words, force_area)}"


class AnswerSet(models.TextChoices):
    YES_PARTLY_NO = "yes_partly_no", "Yes / partly / no"
    YES_NO = "yes_no", "Yes / no"


class Applicability(models.TextChoices):
    """Which case files a criterion applies to; the review form offers 'not applicable' otherwise."""

    ALL = "all", "All files"
    DOMESTIC_ABUSE = "domestic_abuse", "Domestic-abuse files only"
    VULNERABLE_VICTIM = "vulnerable_victim", "Files where the victim was identified as vulnerable"
    VULNERABLE_OR_DOMESTIC_ABUSE = (
        "vulnerable_or_domestic_abuse",
        "Files where the victim was identified as vulnerable, and every domestic-abuse file",
    )
    EVIDENTIAL_DIFFICULTIES = (
        "evidential_difficulties",
        "Files with an evidential-difficulties outcome (14–16)",
    )
    SUSPECT_IDENTIFIED = "suspect_identified", "Files where a suspect was identified"
    VICTIM_DID_NOT_SUPPORT = (
        "victim_did_not_support",
        "Files where the victim did not support action (outcomes 14 and 16)",
    )


class Criterion(models.Model):
    """One question of the case-file review form, versioned with its programme."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="criteria")
    section = models.CharField(max_length=80, help_text="Form section, e.g. Initial contact.")
    code = models.CharField(max_length=12, help_text="E.g. C07.")
    text = models.CharField(max_length=300)
    help_text = models.TextField(blank=True)
    order = models.PositiveSmallIntegerField(default=0)
    answer_set = models.CharField(max_length=20, choices=AnswerSet.choices, default=AnswerSet.YES_PARTLY_NO)
    applicability = models.CharField(max_length=30, choices=Applicability.choices, default=Applicability.ALL)
    questions = models.ManyToManyField(
        Question, related_name="criteria", help_text="The sub-questions this criterion is evidence for."
    )
    threshold = models.DecimalField(
        max_digits=4,
        decimal_places=3,
        default=Decimal("0.800"),
        validators=[MinValueValidator(0), MaxValueValidator(1)],
        help_text="Proportion met below which the compile drafts an area for improvement.",
    )
    afi_template = models.TextField(
        blank=True,
        help_text="Draft AFI text ('The force should ensure that ...'); {met}, {n}, {percent} are filled in.",
    )

    class Meta:
        ordering = ["programme", "order", "code"]
        verbose_name_plural = "criteria"
        constraints = [
            models.UniqueConstraint(fields=["programme", "code"], name="criterion_code_unique_in_programme"),
            models.CheckConstraint(
                condition=models.Q(threshold__gte=0, threshold__lte=1),
                name="criterion_threshold_is_a_proportion",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.text}"
