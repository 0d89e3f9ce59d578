"""Figure definitions for tests (the PEEL 2016 ones come from the figures migration)."""

from figures.models import FigureDefinition, FigureKind, FigureMetric
from forces.models import Metric, Period
from peel.models import Programme


def figure_definition(
    *,
    programme: Programme,
    key: str,
    kind: FigureKind,
    metrics: list[Metric],
    periods: list[Period],
    title: str = "A test figure for {force_area}",
    value_label: str = "Per 1,000 population",
    not_charted: tuple[Metric, ...] = (),
    **fields,
) -> FigureDefinition:
    definition = FigureDefinition.objects.create(
        programme=programme, key=key, kind=kind, title=title, value_label=value_label, **fields
    )
    definition.periods.set(periods)
    for order, metric in enumerate(metrics, start=1):
        FigureMetric.objects.create(
            figure=definition, metric=metric, order=order, in_chart=metric not in not_charted
        )
    return definition
