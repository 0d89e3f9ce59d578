"""Drawing a figure reads the same number of queries however many forces hold values."""

from decimal import Decimal

import pytest

from figures.models import FigureKind
from figures.rendering import figure_render
from forces.models import MetricValue
from tests.factories.figure_definitions import figure_definition
from tests.factories.figures import MetricFactory, PeriodFactory, active_forces
from tests.factories.inspections import InspectionFactory, ProgrammeFactory, force

pytestmark = pytest.mark.django_db
QUERIES = (
    8  # the inspection's force, the definition with its metrics and periods, forces, values, exclusions,
)
# published figures


@pytest.mark.parametrize("forces", [3, 43])
@pytest.mark.parametrize("kind", [FigureKind.FORCE_AGAINST_ALL, FigureKind.BREAKDOWN, FigureKind.TREND])
def test_a_figure_is_drawn_in_a_fixed_number_of_queries(django_assert_num_queries, forces, kind):
    programme = ProgrammeFactory()
    periods = [PeriodFactory(), PeriodFactory()]
    metrics = [MetricFactory(period=periods[-1]) for _ in range(2)]
    MetricValue.objects.bulk_create(
        MetricValue(metric=metric, force=each, period=period, numerator=Decimal(n), denominator=Decimal(1000))
        for metric in metrics
        for period in periods
        for n, each in enumerate(active_forces()[:forces], start=1)
    )
    shape = {
        FigureKind.FORCE_AGAINST_ALL: (metrics[:1], periods[:1]),
        FigureKind.BREAKDOWN: (metrics, periods[:1]),
        FigureKind.TREND: (metrics[:1], periods),
    }[kind]
    figure_definition(programme=programme, key="f", kind=kind, metrics=shape[0], periods=shape[1])
    inspection = InspectionFactory(programme=programme, force=force("cleveland"))
    inspection.refresh_from_db()

    with django_assert_num_queries(QUERIES):
        figure = figure_render(inspection=inspection, key="f", number=1)

    assert figure is not None
