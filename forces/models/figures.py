"""A force's figures: what is measured (metrics), for which period, each force's values, forces excluded
from a measure, and England and Wales figures published by others.

The England and Wales figure is not stored: it is computed from the forces' values (annex A of the
reference report says how); a published national figure is only shown where the app does not hold every
force's value.
"""

from decimal import Decimal

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q

from forces.models.force import Force


class Topic(models.TextChoices):
    """The headings of the report's *Force in numbers*, in its order."""

    CALLS = "calls", "Calls for assistance"
    CRIME = "crime", "Crime (excluding fraud)"
    OUTCOMES = "outcomes", "Crime outcomes"
    ASB = "asb", "Anti-social behaviour"
    DOMESTIC_ABUSE = "domestic_abuse", "Domestic abuse"
    ORGANISED_CRIME = "organised_crime", "Organised crime groups"
    VICTIM_SATISFACTION = "victim_satisfaction", "Victim satisfaction"


class Unit(models.TextChoices):
    PER_1000_POPULATION = "per_1000_population", "per 1,000 population"
    PER_1000_HOUSEHOLDS = "per_1000_households", "per 1,000 households"
    PER_MILLION_POPULATION = "per_million_population", "per million population"
    PER_100 = "per_100", "per 100"
    PERCENT = "percent", "percent"
    PERCENT_CHANGE = "percent_change", "percentage change"


# How a ratio (numerator ÷ denominator) becomes the figure in each unit. A percentage change is stored as
# the count in the later period over the count in the earlier one.
UNIT_MULTIPLIER = {
    Unit.PER_1000_POPULATION: Decimal(1000),
    Unit.PER_1000_HOUSEHOLDS: Decimal(1000),
    Unit.PER_MILLION_POPULATION: Decimal(1_000_000),
    Unit.PER_100: Decimal(100),
    Unit.PERCENT: Decimal(100),
    Unit.PERCENT_CHANGE: Decimal(100),
}


# The largest magnitudes the value columns hold (18 and 14 digits, 4 of them decimal).
RATIO_PART_LIMIT = Decimal(10) ** 14
VALUE_LIMIT = Decimal(10) ** 10


class DenominatorKind(models.TextChoices):
    POPULATION = "population", "Population (ONS mid-year estimate)"
    HOUSEHOLDS = "households", "Households"
    RECORDED_CRIME = "recorded_crime", "Recorded crime (offences)"
    OUTCOMES = "outcomes", "Offences recorded, tracked to their outcomes"
    EARLIER_PERIOD = "earlier_period", "The same count in the earlier period (a change)"
    ACTIVE_OCGS = "active_ocgs", "Active organised crime groups the force manages"
    NONE = "none", "None: the figure is given as a value"


class Aggregation(models.TextChoices):
    RATIO_OF_SUMS = "ratio_of_sums", "Sum of the forces' numerators over the sum of their denominators"
    MEAN = "mean", "Simple mean of the forces' values (survey measures)"
    PUBLISHED_ONLY = "published_only", "Published figure only"


class Period(models.Model):
    """A reporting period, e.g. the 12 months to 30 June 2016, or a date such as 1 July 2016."""

    code = models.SlugField(max_length=40, unique=True, help_text="E.g. 12m-to-2016-06-30.")
    label = models.CharField(max_length=120, unique=True, help_text="As the report words it.")
    ends_on = models.DateField(help_text="The last day of the period (or the date of a snapshot).")

    class Meta:
        ordering = ["ends_on", "code"]

    def __str__(self) -> str:
        return self.label


class Metric(models.Model):
    """One measure a force is compared on, e.g. calls for assistance per 1,000 population."""

    code = models.SlugField(max_length=80, unique=True, help_text="Used in import files.")
    name = models.CharField(max_length=200)
    topic = models.CharField(max_length=30, choices=Topic.choices)
    order = models.PositiveSmallIntegerField(default=0, help_text="Position within its topic.")
    in_force_in_numbers = models.BooleanField(
        default=False, help_text="Shown in the report's Force in numbers graphic."
    )
    report_figure = models.CharField(max_length=40, blank=True, help_text="E.g. Figure 4.")
    home_office_outcome = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(21)],
        help_text="The Home Office outcome number (1–21), for an outcome proportion.",
    )
    unit = models.CharField(max_length=30, choices=Unit.choices)
    denominator_kind = models.CharField(max_length=20, choices=DenominatorKind.choices)
    aggregation = models.CharField(max_length=20, choices=Aggregation.choices)
    period = models.ForeignKey(
        Period,
        on_delete=models.PROTECT,
        related_name="headline_metrics",
        help_text="The period the figure is reported and compared for.",
    )
    previous_period = models.ForeignKey(
        Period,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="previous_metrics",
        help_text="An earlier period shown beside it, as the report does for anti-social behaviour.",
    )
    decimal_places = models.PositiveSmallIntegerField(
        default=1, validators=[MaxValueValidator(3)], help_text="As the report prints the figure."
    )
    chart_all_forces = models.BooleanField(
        default=False, help_text="Chart every force as a bar, this force highlighted (figures 5, 6, 7, 9)."
    )
    source = models.TextField(help_text="Where the data come from (annex A).")
    notes = models.TextField(blank=True, help_text="What a reader must know to interpret the figure.")

    class Meta:
        ordering = ["topic", "order", "code"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(aggregation="ratio_of_sums", denominator_kind="none"),
                name="metric_ratio_of_sums_has_a_denominator",
            ),
            models.CheckConstraint(
                condition=Q(home_office_outcome__isnull=True)
                | Q(home_office_outcome__gte=1, home_office_outcome__lte=21),
                name="metric_home_office_outcome_1_to_21",
            ),
            models.CheckConstraint(
                condition=~Q(previous_period=models.F("period")), name="metric_previous_period_differs"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def needs_numerator_and_denominator(self) -> bool:
        return self.aggregation == Aggregation.RATIO_OF_SUMS

    def figure_problems(
        self, *, numerator: Decimal | None, denominator: Decimal | None, value: Decimal | None
    ) -> list[tuple[str | None, str]]:
        """What is wrong with a figure for this metric, as (field, message) pairs; empty when it is fine."""
        if numerator is None and denominator is None and value is None:
            return [(None, "no figure: give a numerator and a denominator, or a value")]
        if (numerator is None) != (denominator is None):
            missing = "denominator" if denominator is None else "numerator"
            return [(missing, f"is empty: give both a numerator and a denominator (metric {self.code})")]
        if numerator is not None and value is not None:
            return [("value", "give either a value or a numerator and a denominator, not both")]
        if value is not None and self.needs_numerator_and_denominator:
            return [
                (
                    "value",
                    f"metric {self.code} is a rate or proportion: give its numerator and denominator, so "
                    "that the England and Wales figure can be computed",
                )
            ]
        problems = []
        if numerator is not None:
            if numerator < 0:
                problems.append(("numerator", "must not be negative"))
            elif numerator >= RATIO_PART_LIMIT:
                problems.append(("numerator", "is too large"))
            if denominator <= 0:
                problems.append(("denominator", "must be more than 0"))
            elif denominator >= RATIO_PART_LIMIT:
                problems.append(("denominator", "is too large"))
        if value is not None and abs(value) >= VALUE_LIMIT:
            problems.append(("value", "is too large"))
        return problems

    def figure_from(self, *, numerator, denominator, value) -> Decimal:
        """The figure in this metric's unit, from a numerator and denominator or from a given value."""
        if numerator is None:
            return Decimal(value)
        ratio = Decimal(numerator) / Decimal(denominator)
        if self.unit == Unit.PERCENT_CHANGE:
            ratio -= 1
        return ratio * UNIT_MULTIPLIER[Unit(self.unit)]

    def format(self, figure: Decimal | None) -> str:
        """As the report prints it: 415, 18.4%, +11.0%."""
        if figure is None:
            return "–"
        text = f"{figure:,.{self.decimal_places}f}"
        if text.startswith("-") and set(text) <= set("-0.,"):
            text = text[1:]  # -0.0 reads as 0.0
        if self.unit == Unit.PERCENT_CHANGE:
            return f"{text}%" if text.startswith("-") else f"+{text}%"
        if self.unit == Unit.PERCENT:
            return f"{text}%"
        return text


class MetricValue(models.Model):
    """One force's figure for one metric and period: a numerator over a denominator, or a value."""

    metric = models.ForeignKey(Metric, on_delete=models.CASCADE, related_name="values")
    force = models.ForeignKey(Force, on_delete=models.CASCADE, related_name="metric_values")
    period = models.ForeignKey(Period, on_delete=models.PROTECT, related_name="metric_values")
    numerator = models.DecimalField(max_digits=18, decimal_places=4, null=True, blank=True)
    denominator = models.DecimalField(max_digits=18, decimal_places=4, null=True, blank=True)
    value = models.DecimalField(
        max_digits=14,
        decimal_places=4,
        null=True,
        blank=True,
        help_text="Only where no numerator and denominator exist (e.g. a survey's satisfaction rate).",
    )
    generated = models.BooleanField(
        default=False, help_text="Made up by seed_national for the demo: never real data."
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["metric", "period", "force"]
        constraints = [
            models.UniqueConstraint(fields=["metric", "force", "period"], name="metric_value_unique"),
            models.CheckConstraint(
                condition=Q(
                    numerator__isnull=False,
                    numerator__gte=0,
                    denominator__isnull=False,
                    denominator__gt=0,
                    value__isnull=True,
                )
                | Q(numerator__isnull=True, denominator__isnull=True, value__isnull=False),
                name="metric_value_is_a_ratio_or_a_value",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.metric.code} · {self.force.short_name} · {self.period.label}"

    def clean(self):
        if self.metric_id is None:
            return
        problems = self.metric.figure_problems(
            numerator=self.numerator, denominator=self.denominator, value=self.value
        )
        if problems:
            raise ValidationError({field or NON_FIELD_ERRORS: message for field, message in problems})

    def figure(self) -> Decimal:
        return self.metric.figure_from(
            numerator=self.numerator, denominator=self.denominator, value=self.value
        )


class MetricExclusion(models.Model):
    """A force left out of a metric's England and Wales figure and ranking, with the reason (annex A)."""

    metric = models.ForeignKey(Metric, on_delete=models.CASCADE, related_name="exclusions")
    force = models.ForeignKey(Force, on_delete=models.CASCADE, related_name="metric_exclusions")
    period = models.ForeignKey(Period, on_delete=models.PROTECT, related_name="exclusions")
    reason = models.TextField()

    class Meta:
        ordering = ["metric", "period", "force"]
        constraints = [
            models.UniqueConstraint(fields=["metric", "force", "period"], name="metric_exclusion_unique"),
            models.CheckConstraint(condition=~Q(reason=""), name="metric_exclusion_has_a_reason"),
        ]

    def __str__(self) -> str:
        return f"{self.force.short_name} excluded from {self.metric.code} ({self.period.label})"


class PublishedFigure(models.Model):
    """An England and Wales figure as published elsewhere, shown (labelled) when the app cannot compute it."""

    metric = models.ForeignKey(Metric, on_delete=models.CASCADE, related_name="published_figures")
    period = models.ForeignKey(Period, on_delete=models.PROTECT, related_name="published_figures")
    value = models.DecimalField(max_digits=14, decimal_places=4)
    source = models.TextField(help_text="Who published it, where.")

    class Meta:
        ordering = ["metric", "period"]
        constraints = [
            models.UniqueConstraint(fields=["metric", "period"], name="published_figure_unique"),
            models.CheckConstraint(condition=~Q(source=""), name="published_figure_has_a_source"),
        ]

    def __str__(self) -> str:
        return f"{self.metric.code} · England and Wales · {self.period.label} (published)"
