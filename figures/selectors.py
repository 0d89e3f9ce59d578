"""Reads for figures: a programme's definitions, and every force value they draw, in a fixed number of
queries however many forces, figures, metrics and periods there are."""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Prefetch, QuerySet

from figures.models import FigureDefinition, FigureMetric
from forces.england_and_wales import ForceValue, NationalFigure, Published, england_and_wales_figure
from forces.models import Force, Metric, MetricExclusion, MetricValue, PublishedFigure


def figure_choices(*, programme) -> list[tuple[str, str]]:
    """(key, title) of each of the programme's figures, in order, for an editor's insert menu. The title
    keeps its ``{force_area}`` placeholder."""
    return list(
        FigureDefinition.objects.filter(programme=programme)
        .order_by("order", "key")
        .values_list("key", "title")
    )


def figure_definitions(*, programme_id: int, keys: Iterable[str] | None = None) -> QuerySet[FigureDefinition]:
    """The programme's definitions (all, or those with ``keys``) with their metrics and periods: 3 queries."""
    definitions = FigureDefinition.objects.filter(programme_id=programme_id)
    if keys is not None:
        definitions = definitions.filter(key__in=list(keys))
    return definitions.prefetch_related(
        Prefetch(
            "figure_metrics",
            queryset=FigureMetric.objects.select_related("metric").order_by("order", "id"),
        ),
        "periods",
    ).order_by("order", "key")


@dataclass
class FigureData:
    """Every value the figures need: the active forces, each force's values and the exclusions and
    published England and Wales figures of their metrics, for their periods."""

    force_names: dict[int, str]
    values: dict[tuple[int, int], list[ForceValue]] = field(default_factory=lambda: defaultdict(list))
    exclusions: dict[tuple[int, int], dict[int, str]] = field(default_factory=lambda: defaultdict(dict))
    published: dict[tuple[int, int], Published] = field(default_factory=dict)

    def expected_force_ids(self, metric: Metric, period_id: int) -> set[int]:
        return set(self.force_names) - set(self.exclusions[metric.id, period_id])

    def national(self, metric: Metric, period_id: int) -> NationalFigure:
        return england_and_wales_figure(
            metric=metric,
            values=self.values[metric.id, period_id],
            expected_force_ids=self.expected_force_ids(metric, period_id),
            published=self.published.get((metric.id, period_id)),
        )

    def force_value(self, metric: Metric, period_id: int, force_id: int) -> ForceValue | None:
        for value in self.values[metric.id, period_id]:
            if value.force_id == force_id:
                return value
        return None

    def ranked(self, metric: Metric, period_id: int) -> dict[int, ForceValue]:
        """The value of every force that is compared: active, not excluded, with a value."""
        expected = self.expected_force_ids(metric, period_id)
        return {
            value.force_id: value for value in self.values[metric.id, period_id] if value.force_id in expected
        }


def figure_data(*, definitions: Iterable[FigureDefinition]) -> FigureData:
    """The values ``definitions`` (with their metrics and periods prefetched) draw: 4 queries."""
    metric_ids, period_ids = set(), set()
    for definition in definitions:
        metric_ids |= {figure_metric.metric_id for figure_metric in definition.figure_metrics.all()}
        period_ids |= {period.id for period in definition.periods.all()}
    data = FigureData(force_names=dict(Force.objects.filter(active=True).values_list("id", "short_name")))
    # .order_by(): the default orderings join and sort other tables, and nothing here needs an order.
    for metric_id, period_id, *rest in (
        MetricValue.objects.filter(metric_id__in=metric_ids, period_id__in=period_ids)
        .order_by()
        .values_list("metric_id", "period_id", "force_id", "numerator", "denominator", "value", "generated")
    ):
        data.values[metric_id, period_id].append(ForceValue(*rest))
    for metric_id, period_id, force_id, reason in (
        MetricExclusion.objects.filter(metric_id__in=metric_ids, period_id__in=period_ids)
        .order_by()
        .values_list("metric_id", "period_id", "force_id", "reason")
    ):
        data.exclusions[metric_id, period_id][force_id] = reason
    for metric_id, period_id, value, source in (
        PublishedFigure.objects.filter(metric_id__in=metric_ids, period_id__in=period_ids)
        .order_by()
        .values_list("metric_id", "period_id", "value", "source")
    ):
        data.published[metric_id, period_id] = Published(Decimal(value), source)
    return data
