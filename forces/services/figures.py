"""Writes of force figures: one value, one published national figure; the rules a value must meet."""

from decimal import ROUND_HALF_EVEN, Decimal

from django.core.exceptions import ValidationError
from django.db import transaction

from forces.models import Force, Metric, MetricValue, Period, PublishedFigure

FOUR_PLACES = Decimal("0.0001")


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
    problems = metric.figure_problems(numerator=numerator, denominator=denominator, value=value)
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
