"""The ten figures of the PEEL effectiveness 2016 reports, as the migration defines them, drawn for Cleveland
from the demo's values: the values the reference report states are shown as it states them; the others
are generated and the figure says so."""

import importlib

import pytest
from django.apps import apps

from demo.cleveland_figures import cleveland_figures_ensure
from demo.figure_values import figure_values_ensure
from figures.models import FigureDefinition
from figures.rendering import figure_renderer
from figures.selectors import figure_choices
from forces.models import MetricValue
from tests.factories.inspections import force, peel_2016

pytestmark = pytest.mark.django_db

KEYS = [
    "crime-rates-five-years",
    "crime-rates-12-months",
    "asb-change-by-force",
    "outcomes-by-type",
    "victim-does-not-support-by-force",
    "vulnerable-victim-share-by-force",
    "domestic-abuse-arrest-rate-by-force",
    "domestic-abuse-outcomes",
    "ocgs-per-million-by-force",
    "ocgs-by-crime-type",
]


@pytest.fixture
def figures():
    cleveland_figures_ensure()
    figure_values_ensure()
    renderer = figure_renderer(programme_id=peel_2016().pk, force=force("cleveland"))
    return {key: renderer.render(key=key, number=number) for number, key in enumerate(KEYS, start=1)}


def test_the_programme_defines_the_ten_figures_of_the_report_in_its_order():
    choices = figure_choices(programme=peel_2016())

    assert [key for key, _ in choices] == KEYS
    assert dict(choices)["domestic-abuse-outcomes"] == (
        "Rate of outcomes recorded in 12 months to 30 June 2016 for domestic-related offences in {force_name}"
    )


def test_every_figure_draws_for_cleveland_with_its_caption_filled_in(figures):
    assert all(figure is not None and figure.svg for figure in figures.values())
    assert figures["crime-rates-five-years"].title == (
        "Police-recorded crime rates (per 1,000 population) in Cleveland, for the five-year period to "
        "30 June 2016"
    )
    assert figures["outcomes-by-type"].title == (
        "Proportion of outcomes assigned to offences recorded in Cleveland Police, in 12 months to "
        "30 June 2016, by outcome type"
    )
    assert figures["ocgs-by-crime-type"].number == 10


def test_figure_2_is_the_reference_reports_table_and_is_not_generated(figures):
    figure = figures["crime-rates-12-months"]

    assert figure.rows == (
        ("Recorded crime (excluding fraud)", "86.9", "68.2"),
        ("Victim-based crime", "79.5", "60.4"),
        ("Sexual offences", "2.4", "1.9"),
        ("Assault with injury", "8.8", "7.0"),
        ("Burglary in a dwelling*", "9.9", "8.1"),
    )
    assert not figure.generated_values


def test_figure_4_gives_each_outcome_with_its_number_as_the_report_does(figures):
    rows = {row[0]: row[1:] for row in figures["outcomes-by-type"].rows}

    assert rows["Charged/Summoned"] == ("1", "18.4%", "12.1%")
    assert rows["Evidential difficulties (victim does not support police action)"] == ("", "20.0%", "13.8%")
    assert rows["Investigation complete – no suspect identified"] == ("18", "41.0%", "47.4%")
    assert rows["Not yet assigned an outcome"] == ("", "4.3%", "8.7%")
    assert not figures["outcomes-by-type"].generated_values


def test_figure_8_gives_the_domestic_abuse_outcome_rates_the_report_states(figures):
    rows = [(row[0], row[-2], row[-1]) for row in figures["domestic-abuse-outcomes"].rows]

    assert rows[0] == ("Charged / Summoned", "23.7", "23.2")
    assert rows[-1] == (
        "Evidential difficulties prevent further action; victim does not support police action",
        "55.0",
        "35.4",
    )


@pytest.mark.parametrize(
    ("key", "words"),
    [
        ("asb-change-by-force", "Cleveland -2% against -8% for England and Wales"),
        ("victim-does-not-support-by-force", "Cleveland 20.0% against 13.8% for England and Wales"),
        ("vulnerable-victim-share-by-force", "Cleveland 5.5% against 14.3% for England and Wales"),
        ("domestic-abuse-arrest-rate-by-force", "Cleveland 61.7 against 51.3 for England and Wales"),
        ("ocgs-per-million-by-force", "Cleveland 64 against 46 for England and Wales"),
    ],
)
def test_each_force_against_all_figure_states_clevelands_value_and_the_published_national_one(
    figures, key, words
):
    figure = figures[key]

    assert figure.alt_text.startswith(words)
    assert figure.rows[figure.highlighted_row][0] == "Cleveland"
    assert "(generated)" not in figure.rows[figure.highlighted_row][1]
    assert figure.generated_values  # the other forces' bars are generated


def test_the_forces_annex_a_leaves_out_are_not_drawn(figures):
    def forces_shown(key):
        return {row[0] for row in figures[key].rows[:-1]}

    assert "Dorset" not in forces_shown("victim-does-not-support-by-force")
    assert {"Derbyshire", "Durham", "Gloucestershire"}.isdisjoint(
        forces_shown("domestic-abuse-arrest-rate-by-force")
    )
    assert "City of London" not in forces_shown("ocgs-per-million-by-force")
    assert len(forces_shown("vulnerable-victim-share-by-force")) == 38


def test_the_values_the_report_does_not_state_are_generated_and_labelled(figures):
    trend = figures["crime-rates-five-years"]
    assert trend.rows[-1] == ("12 months to 30 June 2016", "86.9", "68.2")
    assert trend.rows[0][1].endswith("(generated)")
    assert trend.generated_values
    types = figures["ocgs-by-crime-type"]
    assert types.generated_values and types.rows[0][0] == "Drug activity"
    shares = [float(row[1].split("%")[0]) for row in types.rows]
    assert shares[0] == max(shares)  # drug activity is Cleveland's most common type, as the report says
    assert abs(sum(shares) - 100) < 0.5


def test_generating_the_figures_values_again_adds_nothing():
    cleveland_figures_ensure()
    figure_values_ensure()
    count = MetricValue.objects.count()

    assert figure_values_ensure() == 0
    assert MetricValue.objects.count() == count


def test_the_figures_migration_reverses_and_loads_again():
    migration = importlib.import_module("figures.migrations.0002_peel_effectiveness_2016_figures")
    before = sorted(FigureDefinition.objects.values_list("key", "kind", "title", "notes"))

    migration.unload_figures(apps, None)
    assert not FigureDefinition.objects.exists()
    migration.load_figures(apps, None)

    assert sorted(FigureDefinition.objects.values_list("key", "kind", "title", "notes")) == before
    assert FigureDefinition.objects.get(key="outcomes-by-type").figure_metrics.count() == 19
