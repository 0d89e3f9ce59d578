import json
import re
from decimal import Decimal

import pytest
from django.core.management import call_command

from demo.cleveland_figures import (
    DATA_FILE,
    DUPLICATES,
    NO_PERIOD,
    RATES,
    RATIOS,
    VALUES,
    cleveland_figures_ensure,
)
from forces.models import MetricValue, Period, PublishedFigure
from forces.selectors import force_figures
from tests.factories.inspections import force
from tests.factories.users import inspector


def _cells(content: bytes, metric: str, period: str = "12m-to-2016-06-30") -> tuple[str, str]:
    """The force's and England and Wales's figures as the page shows them, for one metric and period."""
    html = content.decode()
    cells = []
    for kind in ("figure-value", "national-value"):
        match = re.search(
            rf'<td class="text-end {kind}" data-metric="{metric}" data-period="{period}">'
            r"([^<]*)(<span[^>]*>([^<]*)</span>)?",
            html,
        )
        assert match, f"no {kind} cell for {metric}"
        cells.append(
            " ".join(part.strip() for part in (match.group(1), match.group(3) or "") if part.strip())
        )
    return tuple(cells)


@pytest.mark.django_db
def test_the_cleveland_page_shows_its_force_in_numbers_beside_the_published_england_and_wales_figures(client):
    cleveland_figures_ensure()
    client.force_login(inspector())

    response = client.get("/forces/cleveland/")

    assert response.status_code == 200
    assert _cells(response.content, "calls_for_assistance_per_1000") == ("415", "240 published figure")
    assert _cells(response.content, "outcome_1") == ("18.4%", "12.1% published figure")
    assert _cells(response.content, "victim_satisfaction") == ("80.6%", "83.3% published figure")
    assert b"Charged/Summonsed" in response.content
    assert b"Victim satisfaction with the overall service provided by the police" in response.content


@pytest.mark.django_db
def test_every_figure_of_the_report_prints_as_the_report_prints_it():
    cleveland_figures_ensure()
    figures = force_figures(force=force("cleveland"), charts=False)
    periods = {period.label: period.code for period in Period.objects.all()}
    entries = json.loads(DATA_FILE.read_text(encoding="utf-8"))["figures"]
    loaded = [entry for entry in entries if entry["metric"] not in {*DUPLICATES, *NO_PERIOD}]

    for entry in loaded:
        code, label = entry["metric"], entry["period"]
        if code in RATES:
            metric_code, period_code = RATES[code][0], periods[label]
        elif (code, label) in RATIOS:
            metric_code, period_code = RATIOS[code, label][:2]
        else:
            metric_code, period_code = VALUES[code], periods[label]
        row = figures.row(metric_code, period_code)
        printed = (
            row.metric.format(_decimal(entry["force_value"])),
            row.metric.format(_decimal(entry["england_wales_value"])),
        )
        assert (row.force_display, row.national_display) == printed, entry["label"]
    assert len(figures.rows) == len(loaded) == 45


def _decimal(number) -> Decimal:
    return Decimal(str(number))


@pytest.mark.django_db
def test_cleveland_rates_are_stored_over_its_population_and_households_in_the_forces_table():
    cleveland_figures_ensure()
    cleveland = force("cleveland")

    calls = MetricValue.objects.get(force=cleveland, metric__code="calls_for_assistance_per_1000")
    burglary = MetricValue.objects.get(force=cleveland, metric__code="burglary_dwelling_per_1000_households")
    ocgs = MetricValue.objects.get(force=cleveland, metric__code="ocgs_per_million")

    assert (calls.numerator, calls.denominator) == (Decimal(233_562), Decimal(cleveland.population))
    assert burglary.denominator == cleveland.households
    assert (ocgs.numerator, ocgs.denominator) == (Decimal(36), Decimal(cleveland.population))


@pytest.mark.django_db
def test_loading_the_cleveland_figures_again_changes_nothing():
    cleveland_figures_ensure()
    before = list(MetricValue.objects.order_by("pk").values_list("pk", "numerator", "denominator", "value"))

    cleveland_figures_ensure()

    assert (
        list(MetricValue.objects.order_by("pk").values_list("pk", "numerator", "denominator", "value"))
        == before
    )
    assert PublishedFigure.objects.count() == 45


@pytest.mark.django_db
def test_seed_demo_loads_the_cleveland_figures_and_generates_the_rest_of_what_the_report_figures_draw(
    settings,
):
    settings.DEBUG = True

    call_command("seed_demo")

    assert MetricValue.objects.filter(force__slug="cleveland", generated=False).count() == 45
    assert not MetricValue.objects.exclude(force__slug="cleveland").filter(generated=False).exists()
    assert MetricValue.objects.exclude(force__slug="cleveland").exists()
