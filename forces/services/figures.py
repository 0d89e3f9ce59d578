"""Writes of force figures: one value, one published national figure; the rules a value must meet."""

from decimal import ROUND_HALF_EVEN, Decimal

from django.core.exceptions import ValidationError
from django.db import transaction

from forces.models import Force, Metric, MetricValue, Period, PublishedFigure

FOUR_PLACES = Decimal("0.0001")
# The largest magnitudes the columns hold (18 and 14 digits, 4 of them decimal).
RATIO_PART_LIMIT = Decimal(10) ** 14
VALUE_LIMIT = Decimal(10) ** 10


def figure_problems(
    *, metric: Metric, numerator: Decimal | None, denominator: Decimal | None, value: Decimal | None
) -> list[tuple[str | None, str]]:
    """What is wrong with a figure for ``metric``, as (column, message) pairs; empty when it is fine."""
    if numerator is None and denominator is None and value is None:
        return [(None, "no figure: give a numerator and a denominator, or a value")]
    if (numerator is None) != (denominator is None):
        missing = "denominator" if denominator is None else "numerator"
        return [(missing, f"is empty: give both a numerator and a denominator (metric {metric.code})")]
    if numerator is not None and value is not None:
        return [("value", "give either a value or a numerator and a denominator, not both")]
    if value is not None and metric.needs_numerator_and_denominator:
        return [
            (
                "value",
                f"metric {metric.code} is a rate or proportion: give its numerator and denominator, so that "
                "the England and Wales figure can be computed",
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


def to_four_places(number: Decimal | None) -> Decimal | None:
    """Figures are kept to four decimal places; more is rounding noise in every source we import."""
    return None if number is None else number.quantize(FOUR_PLACES, rounding=ROUND_HALF_EVEN)


def metric_value_set(
    *,
    metric: Metric,
    force: Force,
    period: Period,
    numerator: Decimal | None = None,
    denominator: Decimal | None = None,
    value: Decimal | None = None,
    generated: bool = False,
) -> MetricValue:
    """Record (or replace) a force's figure for a metric and period."""
    problems = figure_problems(metric=metric, numerator=numerator, denominator=denominator, value=value)
    if problems:
        raise ValidationError({column or "__all__": message for column, message in problems})
    with transaction.atomic():
        metric_value, _ = MetricValue.objects.update_or_create(
            metric=metric,
            force=force,
            period=period,
            defaults={
                "numerator": to_four_places(numerator),
                "denominator": to_four_places(denominator),
                "value": to_four_places(value),
                "generated": generated,
            },
        )
    return metric_value


def published_figure_set(*, metric: Metric, period: Period, value: Decimal, source: str) -> PublishedFigure:
    """Record (or replace) the England and Wales figure published for a metric and period."""
    if not source.strip():
        raise ValidationError({"source": "Say who published the figure, and where."})
    figure, _ = PublishedFigure.objects.update_or_create(
        metric=metric, period=period, defaults={"value": to_four_places(value), "source": source.strip()}
    )
    return figure
