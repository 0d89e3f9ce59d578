"""A programme's grade scale and finding types: data, versioned with the programme (docs/frameworks.md).

PEEL effectiveness 2016 grades on four levels (outstanding, good, requires improvement, inadequate) and
its reports name areas for improvement and causes of concern; PEEL since 2021 grades on five (adding
adequate) and also names innovative and promising practice. Judgments hold a level's ``code``; what a
code is called, how the report words it and its colour come from here.
"""

from dataclasses import dataclass

from django.core.validators import RegexValidator
from django.db import models

HEX_COLOUR = r"^#[0-9a-fA-F]{6}$"
DARK_TEXT = "#1b1b1b"
LIGHT_TEXT = "#ffffff"


def _luminance(colour: str) -> float:
    """WCAG 2 relative luminance of a #rrggbb colour."""
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast_ratio(first: str, second: str) -> float:
    """WCAG 2 contrast ratio of two #rrggbb colours (1 to 21)."""
    lighter, darker = sorted((_luminance(first), _luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def text_colour_on(colour: str) -> str:
    """White or near-black, whichever contrasts more with the colour. One of the two always reaches
    4.5:1 (WCAG AA for normal text) on any colour, so every level's badge is readable."""
    return (
        LIGHT_TEXT if contrast_ratio(colour, LIGHT_TEXT) >= contrast_ratio(colour, DARK_TEXT) else DARK_TEXT
    )


class GradeLevel(models.Model):
    """One level of a programme's grade scale, or its narrative-only "ungraded" option.

    ``order`` runs best first (1 = outstanding). The ungraded option (``is_ungraded``) is what a question
    the programme does not grade (``Question.graded`` false) records; it takes no part in the grading
    rules, the report's change since last year or the national distribution of grades.
    """

    programme = models.ForeignKey("peel.Programme", on_delete=models.CASCADE, related_name="grade_levels")
    code = models.SlugField(max_length=25, help_text="Stored on judgments, e.g. requires_improvement.")
    label = models.CharField(max_length=60, help_text="As a choice and a badge, e.g. Requires improvement.")
    report_wording = models.CharField(
        max_length=60, help_text="As the report's sentences use it, e.g. requires improvement."
    )
    colour = models.CharField(
        max_length=7,
        validators=[RegexValidator(HEX_COLOUR, "Give the colour as #rrggbb.")],
        help_text="The badge's background, #rrggbb; its text is white or black, whichever contrasts more.",
    )
    order = models.PositiveSmallIntegerField(help_text="Best first: 1 is the best grade.")
    is_ungraded = models.BooleanField(
        default=False, help_text="The narrative-only option for ungraded questions."
    )

    class Meta:
        ordering = ["programme", "order"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "code"], name="grade_level_code_unique_in_programme"
            ),
            models.UniqueConstraint(
                fields=["programme", "order"], name="grade_level_order_unique_in_programme"
            ),
            models.UniqueConstraint(
                fields=["programme"], condition=models.Q(is_ungraded=True), name="grade_level_one_ungraded"
            ),
            models.CheckConstraint(
                condition=models.Q(colour__regex=HEX_COLOUR), name="grade_level_colour_hex"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.programme} · {self.label}"

    @property
    def text_colour(self) -> str:
        return text_colour_on(self.colour)


@dataclass(frozen=True)
class ShownLevel:
    code: str
    label: str
    report_wording: str
    colour: str
    text_colour: str
    is_ungraded: bool


@dataclass(frozen=True)
class GradeScale:
    """A programme's levels, read once: graded levels best first, then the ungraded option if any.

    ``rank`` counts from the worst graded level (1) up, as the grading rules compare grades."""

    levels: tuple[ShownLevel, ...]

    @classmethod
    def of(cls, levels) -> "GradeScale":
        ordered = sorted(levels, key=lambda level: (level.is_ungraded, level.order))
        return cls(
            tuple(
                ShownLevel(
                    level.code,
                    level.label,
                    level.report_wording,
                    level.colour,
                    level.text_colour,
                    level.is_ungraded,
                )
                for level in ordered
            )
        )

    @property
    def graded(self) -> list[ShownLevel]:
        """Best first."""
        return [level for level in self.levels if not level.is_ungraded]

    @property
    def ungraded(self) -> ShownLevel | None:
        return next((level for level in self.levels if level.is_ungraded), None)

    @property
    def codes(self) -> list[str]:
        return [level.code for level in self.levels]

    def level(self, code: str) -> ShownLevel | None:
        return next((level for level in self.levels if level.code == code), None)

    def label(self, code: str) -> str:
        level = self.level(code)
        return level.label if level else (code or "Not graded")

    def rank(self, code: str) -> int | None:
        """1 for the worst graded level, up to the number of graded levels for the best; None otherwise."""
        graded = self.graded
        for index, level in enumerate(graded):
            if level.code == code:
                return len(graded) - index
        return None

    def by_rank(self, rank: int) -> ShownLevel:
        graded = self.graded
        return graded[len(graded) - rank]

    @property
    def worst(self) -> ShownLevel:
        return self.graded[-1]

    def choices(self, *, graded: bool) -> list[tuple[str, str]]:
        """What a judgment of a graded question may hold, or of an ungraded one."""
        if graded:
            return [(level.code, level.label) for level in self.graded]
        return [(level.code, level.label) for level in self.levels if level.is_ungraded]


class FindingKind(models.TextChoices):
    """The kinds of finding the code supports; a programme chooses which it uses (``FindingType``)."""

    AREA_FOR_IMPROVEMENT = "area_for_improvement", "Area for improvement"
    CAUSE_OF_CONCERN = "cause_of_concern", "Cause of concern"
    INNOVATIVE_PRACTICE = "innovative_practice", "Innovative practice"
    PROMISING_PRACTICE = "promising_practice", "Promising practice"


NOTABLE_PRACTICE_KINDS = (FindingKind.INNOVATIVE_PRACTICE, FindingKind.PROMISING_PRACTICE)


class FindingType(models.Model):
    """One kind of finding a programme's inspections record, with its labels and report heading."""

    programme = models.ForeignKey("peel.Programme", on_delete=models.CASCADE, related_name="finding_types")
    code = models.CharField(max_length=25, choices=FindingKind.choices)
    label = models.CharField(max_length=60, help_text="E.g. Area for improvement.")
    plural_label = models.CharField(
        max_length=60, help_text="The report's heading, e.g. Areas for improvement."
    )
    has_recommendations = models.BooleanField(
        default=False, help_text="Whether findings of this type carry recommendations with due dates."
    )
    order = models.PositiveSmallIntegerField(help_text="Their order in the report under a core question.")

    class Meta:
        ordering = ["programme", "order"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "code"], name="finding_type_code_unique_in_programme"
            ),
            models.UniqueConstraint(
                fields=["programme", "order"], name="finding_type_order_unique_in_programme"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.programme} · {self.plural_label}"
