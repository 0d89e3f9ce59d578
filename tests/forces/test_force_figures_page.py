import datetime
import re

import pytest

from forces.models import MetricExclusion, MetricValue, Unit
from tests.factories.figures import MetricFactory, PeriodFactory, active_forces, ratio
from tests.factories.inspections import force
from tests.factories.users import admin, inspector


def _trend_periods(count):
    return [
        PeriodFactory(
            code=f"trend-{year}", label=f"Test year to 30 June {year}", ends_on=datetime.date(year, 6, 30)
        )
        for year in range(2016 - count + 1, 2017)
    ]


def _national_data(*, metrics: int, periods: int, prefix: str = "load", charted: bool = True):
    """Every force's values for several charted metrics over several periods."""
    history = _trend_periods(periods)
    for number in range(metrics):
        metric = MetricFactory(code=f"{prefix}_{number}", chart_all_forces=charted, period=history[-1])
        for period in history:
            MetricValue.objects.bulk_create(
                MetricValue(
                    metric=metric,
                    force=each,
                    period=period,
                    numerator=100 + index + number,
                    denominator=each.population,
                )
                for index, each in enumerate(active_forces())
            )
        MetricExclusion.objects.create(
            metric=metric, force=force("dorset"), period=history[-1], reason="Test."
        )


def _page_queries(client, django_assert_max_num_queries):
    # session, user, force, metrics with periods, active forces, periods, values, exclusions, published
    # figures, the user's groups (navigation), the user's and their groups' permissions (import link),
    # the unread notifications (the menu's badge)
    with django_assert_max_num_queries(13):
        response = client.get("/forces/cleveland/")
    assert response.status_code == 200
    return response


@pytest.mark.django_db
def test_the_force_page_reads_a_fixed_number_of_queries_however_much_data_there_is(
    client, django_assert_max_num_queries
):
    client.force_login(inspector())
    _national_data(metrics=1, periods=1)
    small = _page_queries(client, django_assert_max_num_queries)

    # ten times the metrics, five times the periods (bar charts are tested elsewhere and slow to draw)
    _national_data(metrics=10, periods=5, prefix="more", charted=False)
    large = _page_queries(client, django_assert_max_num_queries)

    assert small.content.count(b'role="img"') == 1
    assert large.content.count(b'role="img"') == 1 + 10  # a trend for each new metric


@pytest.mark.django_db
def test_a_charted_metric_shows_every_ranked_force_as_a_bar_with_this_force_highlighted(client):
    client.force_login(inspector())
    _national_data(metrics=1, periods=1)

    response = client.get("/forces/cleveland/")

    html = response.content.decode()
    svg = re.search(r"<svg role=\"img\".*?</svg>", html, re.DOTALL).group(0)
    assert "<title>Test measure" in svg and ", by force, " in svg
    assert svg.count("#1d70b8") == 1  # one highlighted bar: Cleveland's
    assert "Dorset" not in svg  # excluded, so not ranked and not charted
    assert "Cleveland" in svg and "Durham" in svg
    assert "<summary>The figures in this chart</summary>" in html
    assert "<?xml" not in html


@pytest.mark.django_db
def test_a_force_with_values_in_several_periods_gets_a_trend_line_beside_england_and_wales(client):
    client.force_login(inspector())
    history = _trend_periods(5)
    metric = MetricFactory(name="Crimes recorded per 1,000 population", period=history[-1])
    for year, period in enumerate(history):
        for each in active_forces():
            ratio(metric, each, 60_000 + 1_000 * year, 1_000_000, period=period)

    html = client.get("/forces/cleveland/").content.decode()

    assert "<title>Crimes recorded per 1,000 population: Cleveland and England and Wales</title>" in html
    assert "60.0 (Cleveland); 60.0 (England and Wales)" in html
    assert "64.0 (Cleveland); 64.0 (England and Wales)" in html


@pytest.mark.django_db
def test_a_force_without_figures_says_so(client):
    client.force_login(inspector())

    response = client.get("/forces/durham/")

    assert b"No figures are held for Durham yet." in response.content


@pytest.mark.django_db
def test_a_generated_value_is_labelled_as_generated(client):
    metric = MetricFactory(unit=Unit.PERCENT)
    value = ratio(metric, force("cleveland"), 1, 10)
    value.generated = True
    value.save()
    client.force_login(inspector())

    response = client.get("/forces/cleveland/")

    cell = rf'data-metric="{metric.code}"[^>]*>10.0% <span class="badge[^"]*">generated</span>'
    assert re.search(cell, response.content.decode())


@pytest.mark.django_db
def test_only_admins_are_offered_the_figures_import(client):
    client.force_login(inspector())
    assert b"Import force figures" not in client.get("/forces/cleveland/").content

    client.force_login(admin())
    assert b"Import force figures" in client.get("/forces/cleveland/").content
