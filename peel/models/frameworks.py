"""Programmes and their question frameworks (e.g. PEEL effectiveness 2016)."""

from django.db import models


class Grade(models.TextChoices):
    OUTSTANDING = "outstanding", "Outstanding"
    GOOD = "good", "Good"
    REQUIRES_IMPROVEMENT = "requires_improvement", "Requires improvement"
    INADEQUATE = "inadequate", "Inadequate"
    UNGRADED = "ungraded", "Ungraded"


class Programme(models.Model):
    """One inspection cycle and its framework of questions. A new version is a new programme."""

    name = models.CharField(max_length=120, unique=True)
    slug = models.SlugField(max_length=120, unique=True)
    year = models.PositiveSmallIntegerField()
    version = models.PositiveSmallIntegerField(default=1)
    description = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-year", "name"]

    def __str__(self) -> str:
        return self.name

    def is_in_use(self) -> bool:
        """A programme with inspections must not be changed destructively: make a new version instead."""
        return self.inspections.exists()


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
        return self.text.replace("{force_area}", force_area)
