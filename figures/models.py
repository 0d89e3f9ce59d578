"""The figures of a programme's reports, defined as data: which chart kind, which metrics, which periods.

A report places a figure by its key; the figure is drawn for the inspection's force from the force
figures (forces.models) and numbered where it appears (docs/report.md, "Figures"). The kinds are code
(each is a way of drawing); everything else is the programme's data, exported and loaded with its
framework, so every field here is plain: text, numbers, and metrics and periods named by their codes.
"""

from django.core.exceptions import ValidationError
from django.db import models

from forces.models import Metric, Period
from peel.models import Programme

FORCE_AREA = "{force_area}"
FORCE_NAME = "{force_name}"


class FigureKind(models.TextChoices):
    """How a figure is drawn. The number of metrics and periods each needs is in ``KIND_SHAPE``."""

    FORCE_AGAINST_ALL = "force_against_all", "Every force as a bar, this force highlighted"
    TREND = "trend", "A metric over periods, this force against England and Wales"
    BREAKDOWN = "breakdown", "This force's values by category, against England and Wales"


# kind -> (metrics: (fewest, most or None), periods: (fewest, most or None))
KIND_SHAPE = {
    FigureKind.FORCE_AGAINST_ALL: ((1, 1), (1, 1)),
    FigureKind.TREND: ((1, 1), (2, None)),
    FigureKind.BREAKDOWN: ((1, None), (1, 1)),
}


class FigureDefinition(models.Model):
    """One figure of a programme's reports, e.g. "Domestic abuse arrest rate ..., by force"."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="figure_definitions")
    key = models.SlugField(
        max_length=80, help_text="How the report's text places it: {{figure:KEY}}. Unique in the programme."
    )
    order = models.PositiveSmallIntegerField(
        default=0,
        help_text="Its place in lists (the editor's menu); the report numbers figures as they appear.",
    )
    kind = models.CharField(max_length=30, choices=FigureKind.choices)
    title = models.CharField(
        max_length=300,
        help_text="The caption after 'Figure N:'. {force_area} becomes the force's area (Cleveland), "
        "{force_name} its name (Cleveland Police).",
    )
    value_label = models.CharField(
        max_length=120,
        help_text="What the values are, as the chart's axis says: e.g. 'Arrests per 100 crimes'.",
    )
    periods = models.ManyToManyField(
        Period,
        related_name="figure_definitions",
        help_text="The period shown (one), or for a trend the periods across (two or more, oldest first).",
    )
    source = models.CharField(
        max_length=300, blank=True, help_text="Printed under the figure: e.g. 'Home Office data'."
    )
    notes = models.TextField(
        blank=True, help_text="What a reader must know to interpret it: the figure's note in annex A."
    )

    class Meta:
        ordering = ["programme", "order", "key"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "key"], name="figure_definition_key_unique"),
            models.CheckConstraint(condition=~models.Q(key=""), name="figure_definition_has_a_key"),
        ]

    def __str__(self) -> str:
        return f"{self.key}: {self.title}"

    def title_for(self, *, force_area: str, force_name: str) -> str:
        return self.title.replace(FORCE_AREA, force_area).replace(FORCE_NAME, force_name)

    def shape_problems(self, *, metrics: int, periods: int) -> list[str]:
        """What stops this definition being drawn with that many metrics and periods; empty when none."""
        if self.kind not in KIND_SHAPE:
            return [f"unknown kind {self.kind!r}"]
        problems = []
        for noun, count, (fewest, most) in zip(
            ("metric", "period"), (metrics, periods), KIND_SHAPE[self.kind], strict=True
        ):
            if count < fewest or (most is not None and count > most):
                wanted = f"exactly {fewest}" if fewest == most else f"at least {fewest}"
                plural = "" if fewest == 1 else "s"
                problems.append(f"{FigureKind(self.kind).label} needs {wanted} {noun}{plural}, not {count}")
        return problems

    def clean(self):
        if self.kind and self.kind not in KIND_SHAPE:
            raise ValidationError({"kind": "Choose a kind of figure."})


class FigureMetric(models.Model):
    """A metric a figure shows: its only one, or one category of a breakdown (a row of its table)."""

    figure = models.ForeignKey(FigureDefinition, on_delete=models.CASCADE, related_name="figure_metrics")
    metric = models.ForeignKey(Metric, on_delete=models.PROTECT, related_name="figure_uses")
    order = models.PositiveSmallIntegerField(default=0)
    label = models.CharField(
        max_length=200, blank=True, help_text="The category's name in the figure; the metric's name if empty."
    )
    in_chart = models.BooleanField(
        default=True, help_text="Drawn in the chart; a subtotal or total is only in the figure's table."
    )

    class Meta:
        ordering = ["figure", "order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["figure", "metric"], name="figure_metric_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.figure.key} · {self.metric.code}"

    @property
    def display_label(self) -> str:
        return self.label or self.metric.name
