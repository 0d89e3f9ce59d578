"""Each kind of figure, drawn for one force from its values: an accessible SVG whose text stays text, a
text alternative and a data table that say what the data say, England and Wales marked, and generated
values labelled."""

import xml.etree.ElementTree as ET
from decimal import Decimal

import pytest
from django.template.loader import render_to_string

from figures.models import FigureKind
from figures.rendering import figure_render, figure_renderer
from forces.models import MetricValue, PublishedFigure
from tests.factories.figure_definitions import figure_definition
from tests.factories.figures import MetricFactory, PeriodFactory, active_forces
from tests.factories.inspections import InspectionFactory, ProgrammeFactory, force

SVG = "{http://www.w3.org/2000/svg}"
pytestmark = pytest.mark.django_db


def _rates(metric, period, per_force, *, generated=()):
    """Each active force's rate per 1,000 (``per_force``: slug -> rate, others 50) over 10,000 people."""
    MetricValue.objects.bulk_create(
        MetricValue(
            metric=metric,
            force=each,
            period=period,
            numerator=Decimal(per_force.get(each.slug, 50)) * 10,
            denominator=Decimal(10_000),
            generated=each.slug in generated,
        )
        for each in active_forces()
    )


def _svg(figure):
    root = ET.fromstring(str(figure.svg))  # noqa: S314 - the chart under test
    assert root.tag == f"{SVG}svg"
    assert root.get("role") == "img"
    return root


def _texts(root) -> list[str]:
    return ["".join(text.itertext()).strip() for text in root.iter(f"{SVG}text")]


@pytest.fixture
def programme():
    return ProgrammeFactory()


def test_a_force_against_all_figure_draws_every_force_and_marks_this_force_and_england_and_wales(programme):
    period = PeriodFactory(label="Test year to 30 June 2016")
    metric = MetricFactory(period=period)
    _rates(metric, period, {"cleveland": 91.2, "durham": 99, "merseyside": 95, "surrey": 20})
    figure_definition(
        programme=programme,
        key="rates-by-force",
        kind=FigureKind.FORCE_AGAINST_ALL,
        metrics=[metric],
        periods=[period],
        title="Crimes per 1,000 people, by force, for {force_area}",
        value_label="Crimes per 1,000 people",
    )
    inspection = InspectionFactory(programme=programme, force=force("cleveland"))

    figure = figure_render(inspection=inspection, key="rates-by-force", number=3)

    assert figure.number == 3 and figure.title == "Crimes per 1,000 people, by force, for Cleveland"
    root = _svg(figure)
    assert root.find(f"{SVG}title").text == figure.title
    assert root.find(f"{SVG}desc").text == figure.alt_text
    texts = _texts(root)
    assert {"Cleveland", "Durham", "Surrey"} <= set(texts)  # text stays text, not outlines
    national = (Decimal("91.2") + 99 + 95 + 20 + 50 * 39) / 43
    assert f"England and Wales ({national:.1f})" in texts
    assert figure.alt_text == (
        f"Cleveland 91.2 against {national:.1f} for England and Wales; the 3rd highest of 43 forces. "
        "Forces range from 20.0 (Surrey) to 99.0 (Durham)."
    )
    assert figure.columns == ("Force", "Crimes per 1,000 people")
    assert figure.rows[:4] == (
        ("Durham", "99.0"),
        ("Merseyside", "95.0"),
        ("Cleveland", "91.2"),
        ("Avon and Somerset", "50.0"),
    )
    assert figure.rows[-1] == ("England and Wales", f"{national:.1f}")
    assert figure.highlighted_row == 2
    assert not figure.generated_values


def test_an_excluded_force_is_left_out_of_the_bars_and_the_ranking(programme):
    period = PeriodFactory()
    metric = MetricFactory(period=period)
    _rates(metric, period, {"cleveland": 60, "durham": 99})
    metric.exclusions.create(force=force("durham"), period=period, reason="Could not provide data.")
    figure_definition(
        programme=programme, key="f", kind=FigureKind.FORCE_AGAINST_ALL, metrics=[metric], periods=[period]
    )

    figure = figure_renderer(programme_id=programme.pk, force=force("cleveland")).render(key="f", number=1)

    assert "Durham" not in _texts(_svg(figure))
    assert "the highest of 42 forces" in figure.alt_text
    assert len(figure.rows) == 43  # 42 forces and England and Wales


def test_a_trend_figure_draws_the_force_and_england_and_wales_over_the_periods_oldest_first(programme):
    later = PeriodFactory(label="Test year to 30 June 2016", ends_on="2016-06-30")
    earlier = PeriodFactory(label="Test year to 30 June 2015", ends_on="2015-06-30")
    metric = MetricFactory(period=later)
    _rates(metric, earlier, {"cleveland": 80})
    _rates(metric, later, {"cleveland": 86.9})
    figure_definition(
        programme=programme, key="trend", kind=FigureKind.TREND, metrics=[metric], periods=[later, earlier]
    )

    figure = figure_renderer(programme_id=programme.pk, force=force("cleveland")).render(
        key="trend", number=1
    )

    root = _svg(figure)
    assert {"Cleveland", "England and Wales"} <= set(_texts(root))
    assert figure.columns == ("Period", "Cleveland Police", "England and Wales")
    assert [row[:2] for row in figure.rows] == [
        ("Test year to 30 June 2015", "80.0"),
        ("Test year to 30 June 2016", "86.9"),
    ]
    assert figure.alt_text.startswith(
        "Cleveland rose from 80.0 in the Test year to 30 June 2015 to 86.9 in the Test year to 30 June 2016; "
        "England and Wales rose from"
    )


def test_a_breakdown_figure_shows_the_force_against_england_and_wales_by_category(programme):
    period = PeriodFactory()
    first, second, total = (MetricFactory(period=period) for _ in range(3))
    for metric, figure in ((first, 10), (second, 20), (total, 30)):
        _rates(metric, period, {"cleveland": figure})
        PublishedFigure.objects.create(metric=metric, period=period, value=figure / 2, source="Test")
    definition = figure_definition(
        programme=programme,
        key="breakdown",
        kind=FigureKind.BREAKDOWN,
        metrics=[first, second, total],
        periods=[period],
        not_charted=(total,),
    )
    definition.figure_metrics.filter(metric=first).update(label="First kind")

    figure = figure_renderer(programme_id=programme.pk, force=force("cleveland")).render(
        key="breakdown", number=1
    )

    texts = _texts(_svg(figure))
    assert "First kind" in texts
    assert total.name not in texts  # a total is in the table only
    assert figure.columns == ("Category", "Cleveland Police", "England and Wales")
    assert figure.rows[0][:2] == ("First kind", "10.0")
    assert figure.rows[1][:2] == (second.name, "20.0")  # no label: the metric's name
    assert figure.rows[2][0] == total.name
    assert figure.alt_text.startswith("Cleveland against England and Wales, ")
    assert "First kind 10.0 against " in figure.alt_text
    assert total.name not in figure.alt_text


def test_a_figure_with_generated_values_says_so_in_its_table_its_text_and_its_page(programme):
    period = PeriodFactory()
    metric = MetricFactory(period=period)
    _rates(metric, period, {"cleveland": 70}, generated={"durham"})
    figure_definition(
        programme=programme, key="g", kind=FigureKind.FORCE_AGAINST_ALL, metrics=[metric], periods=[period]
    )

    figure = figure_renderer(programme_id=programme.pk, force=force("cleveland")).render(key="g", number=4)
    html = render_to_string("figures/_figure.html", {"figure": figure})

    assert figure.generated_values
    assert ("Durham", "50.0 (generated)") in figure.rows
    assert ("Cleveland", "70.0") in figure.rows
    assert figure.rows[-1][1].endswith("(generated)")  # computed from a generated value
    assert figure.alt_text.endswith("Some of these values are generated demo data.")
    assert "values marked “generated” are made up" in html
    assert "<figcaption" in html and "Figure 4: A test figure for Cleveland</figcaption>" in html
    assert "<summary>Data for figure 4</summary>" in html


def test_a_published_england_and_wales_figure_is_shown_rather_than_one_computed_from_generated_values(
    programme,
):
    period = PeriodFactory()
    metric = MetricFactory(period=period)
    _rates(
        metric, period, {"cleveland": 70}, generated={each.slug for each in active_forces()} - {"cleveland"}
    )
    PublishedFigure.objects.create(metric=metric, period=period, value=Decimal("51.3"), source="Test")
    figure_definition(
        programme=programme, key="p", kind=FigureKind.FORCE_AGAINST_ALL, metrics=[metric], periods=[period]
    )

    figure = figure_renderer(programme_id=programme.pk, force=force("cleveland")).render(key="p", number=1)

    assert figure.rows[-1] == ("England and Wales", "51.3")
    assert "against 51.3 for England and Wales" in figure.alt_text


def test_an_unknown_key_or_a_definition_that_cannot_be_drawn_renders_nothing(programme):
    period = PeriodFactory()
    figure_definition(
        programme=programme, key="empty", kind=FigureKind.TREND, metrics=[MetricFactory()], periods=[period]
    )
    renderer = figure_renderer(programme_id=programme.pk, force=force("cleveland"))

    assert renderer.render(key="no-such-figure", number=1) is None
    assert renderer.render(key="empty", number=1) is None  # a trend needs two periods
