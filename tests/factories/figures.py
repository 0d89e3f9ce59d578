"""Metrics and force values for tests (the 2016 metrics themselves come from the forces migration)."""

import datetime
from decimal import Decimal

import factory

from forces.models import Aggregation, DenominatorKind, Force, Metric, MetricValue, Period, Topic, Unit


class PeriodFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Period
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"test-period-{n}")
    label = factory.Sequence(lambda n: f"Test period {n}")
    ends_on = factory.Sequence(lambda n: datetime.date(2000, 1, 1) + datetime.timedelta(days=n))


class MetricFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Metric

    code = factory.Sequence(lambda n: f"test_metric_{n}")
    name = factory.Sequence(lambda n: f"Test measure {n} per 1,000 population")
    topic = Topic.CRIME
    unit = Unit.PER_1000_POPULATION
    denominator_kind = DenominatorKind.POPULATION
    aggregation = Aggregation.RATIO_OF_SUMS
    period = factory.SubFactory(PeriodFactory)
    decimal_places = 1
    source = "Test data."


def active_forces() -> list[Force]:
    return list(Force.objects.filter(active=True).order_by("name"))


def ratio(
    metric: Metric, force: Force, numerator, denominator, *, period: Period | None = None
) -> MetricValue:
    return MetricValue.objects.create(
        metric=metric,
        force=force,
        period=period or metric.period,
        numerator=Decimal(numerator),
        denominator=Decimal(denominator),
    )


def value(metric: Metric, force: Force, figure, *, period: Period | None = None) -> MetricValue:
    return MetricValue.objects.create(
        metric=metric, force=force, period=period or metric.period, value=Decimal(figure)
    )
