"""A force's figures beside England and Wales, with the comparison words and charts: read in a fixed
number of queries however many forces, metrics and periods there are."""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from forces.charts import Bar, Series, bar_chart_svg, trend_chart_svg
from forces.england_and_wales import ForceValue, NationalFigure, Published, england_and_wales_figure
from forces.models import Force, Metric, MetricExclusion, MetricValue, Period, PublishedFigure, Topic
from forces.ranking import MINIMUM_FORCES_TO_RANK, Comparison, compare_with_forces


@dataclass(frozen=True)
class FigureRow:
    metric: Metric
    period: Period
    force_value: Decimal | None
    force_value_generated: bool
    national: NationalFigure
    comparison: Comparison
    forces_ranked: int
    excluded_because: str = ""

    @property
    def force_display(self) -> str:
        return self.metric.format(self.force_value)

    @property
    def national_display(self) -> str:
        return self.metric.format(self.national.value)

    @property
    def comparison_words(self) -> str:
        return "" if self.comparison == Comparison.NOT_RANKED else self.comparison.label

    @property
    def comparison_explanation(self) -> str:
        if self.excluded_because:
            return "Not ranked: excluded from this measure."
        if self.force_value is None:
            return "Not ranked: no value is held for this force."
        if self.comparison == Comparison.NOT_RANKED:
            return (
                f"Not ranked: values are held for {self.forces_ranked} "
                f"force{'s' if self.forces_ranked != 1 else ''}; ranking needs at least "
                f"{MINIMUM_FORCES_TO_RANK}."
            )
        return f"Ranked among {self.forces_ranked} forces."


@dataclass(frozen=True)
class Chart:
    title: str
    svg: str
    table: tuple[tuple[str, str], ...]  # the charted numbers, for readers who cannot see the chart


@dataclass
class TopicFigures:
    topic: str
    label: str
    rows: list[FigureRow] = field(default_factory=list)
    charts: list[Chart] = field(default_factory=list)


@dataclass
class ForceFigures:
    force: Force
    topics: list[TopicFigures]

    @property
    def rows(self) -> list[FigureRow]:
        return [row for topic in self.topics for row in topic.rows]

    @property
    def holds_force_values(self) -> bool:
        """Whether any row has a value of the force's own (else only England and Wales is shown)."""
        return any(row.force_value is not None for row in self.rows)

    def row(self, metric_code: str, period_code: str | None = None) -> FigureRow | None:
        """The row of one metric (its headline period unless another is named), if the force has it."""
        for row in self.rows:
            if row.metric.code == metric_code and row.period.code == (period_code or row.metric.period.code):
                return row
        return None


class _Data:
    """Every figure needed, read once: metrics, active forces, values, exclusions, published figures."""

    def __init__(self, metrics: list[Metric]):
        ids = [metric.id for metric in metrics]
        self.force_names = dict(Force.objects.filter(active=True).values_list("id", "short_name"))
        self.periods = {period.id: period for period in Period.objects.all()}
        self.values: dict[tuple[int, int], list[ForceValue]] = defaultdict(list)
        # (metric, force) -> period -> value: one force's values across periods
        self.own: dict[tuple[int, int], dict[int, ForceValue]] = defaultdict(dict)
        # .order_by(): the models' default orderings join and sort three tables, and nothing here
        # depends on the order of the rows.
        for metric_id, period_id, *rest in (
            MetricValue.objects.filter(metric_id__in=ids)
            .order_by()
            .values_list(
                "metric_id", "period_id", "force_id", "numerator", "denominator", "value", "generated"
            )
        ):
            value = ForceValue(*rest)
            self.values[metric_id, period_id].append(value)
            self.own[metric_id, value.force_id][period_id] = value
        self.exclusions: dict[tuple[int, int], dict[int, str]] = defaultdict(dict)
        for metric_id, period_id, force_id, reason in (
            MetricExclusion.objects.filter(metric_id__in=ids)
            .order_by()
            .values_list("metric_id", "period_id", "force_id", "reason")
        ):
            self.exclusions[metric_id, period_id][force_id] = reason
        self.published = {
            (metric_id, period_id): Published(value, source)
            for metric_id, period_id, value, source in PublishedFigure.objects.filter(metric_id__in=ids)
            .order_by()
            .values_list("metric_id", "period_id", "value", "source")
        }

    def expected_force_ids(self, metric: Metric, period_id: int) -> set[int]:
        return set(self.force_names) - set(self.exclusions[metric.id, period_id])

    def national(self, metric: Metric, period_id: int) -> NationalFigure:
        return england_and_wales_figure(
            metric=metric,
            values=self.values[metric.id, period_id],
            expected_force_ids=self.expected_force_ids(metric, period_id),
            published=self.published.get((metric.id, period_id)),
        )

    def ranked(self, metric: Metric, period_id: int) -> dict[int, Decimal]:
        """The figure of every force that is ranked: active, not excluded, with a value."""
        expected = self.expected_force_ids(metric, period_id)
        return {
            value.force_id: value.figure(metric)
            for value in self.values[metric.id, period_id]
            if value.force_id in expected
        }


def force_figures(*, force: Force, force_in_numbers_only: bool = False, charts: bool = True) -> ForceFigures:
    """The force's figures by topic (in the order of the report's Force in numbers), each beside the
    England and Wales figure, with comparison words and, if asked, charts. Rows with nothing to show are
    left out."""
    metrics = Metric.objects.select_related("period", "previous_period")
    if force_in_numbers_only:
        metrics = metrics.filter(in_force_in_numbers=True)
    metrics = list(metrics)
    data = _Data(metrics)
    topics = {topic.value: TopicFigures(topic.value, topic.label) for topic in Topic}
    for metric in sorted(metrics, key=lambda metric: (list(topics).index(metric.topic), metric.order)):
        section = topics[metric.topic]
        for period in filter(None, (metric.period, metric.previous_period)):
            row = _row(force, metric, period, data)
            if row is not None:
                section.rows.append(row)
        if charts:
            section.charts.extend(_charts(force, metric, data))
    return ForceFigures(force, [topic for topic in topics.values() if topic.rows])


def _row(force: Force, metric: Metric, period: Period, data: _Data) -> FigureRow | None:
    own = data.own[metric.id, force.id].get(period.id)
    national = data.national(metric, period.id)
    excluded_because = data.exclusions[metric.id, period.id].get(force.id, "")
    if own is None and national.value is None:
        return None
    ranked = data.ranked(metric, period.id)
    own_figure = own.figure(metric) if own is not None else None
    comparison = (
        compare_with_forces(own_figure, list(ranked.values()))
        if own_figure is not None and not excluded_because
        else Comparison.NOT_RANKED
    )
    return FigureRow(
        metric=metric,
        period=period,
        force_value=own_figure,
        force_value_generated=own is not None and own.generated,
        national=national,
        comparison=comparison,
        forces_ranked=len(ranked),
        excluded_because=excluded_because,
    )


def _charts(force: Force, metric: Metric, data: _Data) -> list[Chart]:
    charts = []
    unit = metric.get_unit_display()
    ranked = data.ranked(metric, metric.period_id)
    if metric.chart_all_forces and force.id in ranked:
        national = data.national(metric, metric.period_id)
        title = f"{metric.name}, by force, {metric.period.label}"
        bars = [
            Bar(data.force_names[force_id], float(figure), force_id == force.id)
            for force_id, figure in ranked.items()
        ]
        svg = bar_chart_svg(
            title=title,
            bars=bars,
            value_label=unit,
            reference=float(national.value) if national.value is not None else None,
            reference_label=f"England and Wales ({metric.format(national.value)})",
        )
        table = tuple(
            (data.force_names[force_id], metric.format(figure))
            for force_id, figure in sorted(ranked.items(), key=lambda item: -item[1])
        )
        charts.append(Chart(title, svg, (*table, ("England and Wales", metric.format(national.value)))))
    own = data.own[metric.id, force.id]
    if len(own) >= 2:
        periods = sorted((data.periods[period_id] for period_id in own), key=lambda period: period.ends_on)
        own_figures = [own[period.id].figure(metric) for period in periods]
        national_figures = [data.national(metric, period.id).value for period in periods]
        title = f"{metric.name}: {force.short_name} and England and Wales"
        svg = trend_chart_svg(
            title=title,
            periods=[period.label.replace(" to ", " to\n", 1) for period in periods],
            series=[
                Series(force.short_name, tuple(float(figure) for figure in own_figures), highlighted=True),
                Series(
                    "England and Wales",
                    tuple(None if figure is None else float(figure) for figure in national_figures),
                ),
            ],
            value_label=unit,
        )
        table = tuple(
            (
                period.label,
                f"{metric.format(mine)} ({force.short_name}); {metric.format(ours)} (England and Wales)",
            )
            for period, mine, ours in zip(periods, own_figures, national_figures, strict=True)
        )
        charts.append(Chart(title, svg, table))
    return charts
