from decimal import Decimal

import pytest

from forces.england_and_wales import Basis
from forces.models import Aggregation, DenominatorKind, Force, MetricExclusion, PublishedFigure, Unit
from forces.selectors import force_figures
from tests.factories.figures import MetricFactory, active_forces, ratio, value
from tests.factories.inspections import force


def _row(metric, slug="cleveland"):
    return force_figures(force=force(slug), charts=False).row(metric.code)


@pytest.mark.django_db
def test_the_england_and_wales_rate_is_the_sum_of_numerators_over_the_sum_of_denominators():
    metric = MetricFactory(decimal_places=3)
    numerators = {}
    for index, each in enumerate(active_forces()):
        numerators[each.id] = (index + 1) * 100
        ratio(metric, each, numerators[each.id], each.population)

    national = _row(metric).national

    forces = active_forces()
    expected = Decimal(sum(numerators.values())) / sum(each.population for each in forces) * 1000
    mean_of_rates = sum(Decimal(numerators[each.id]) / each.population * 1000 for each in forces) / len(
        forces
    )
    assert national.basis is Basis.COMPUTED
    assert national.value == expected
    assert round(national.value, 3) != round(mean_of_rates, 3)  # weighted by population, not a mean of rates
    assert national.forces_counted == 43


@pytest.mark.django_db
def test_an_excluded_force_is_left_out_of_the_england_and_wales_figure_with_its_reason_shown():
    metric = MetricFactory(unit=Unit.PERCENT, denominator_kind=DenominatorKind.OUTCOMES)
    dorset = force("dorset")
    for each in active_forces():
        if each != dorset:
            ratio(metric, each, 10, 100)  # 10 percent everywhere
    ratio(metric, dorset, 90, 100)  # unreliable: would pull the national figure up
    MetricExclusion.objects.create(
        metric=metric, force=dorset, period=metric.period, reason="Niche problems."
    )

    cleveland_row = _row(metric)
    dorset_row = _row(metric, "dorset")

    assert cleveland_row.national.value == Decimal(10)
    assert cleveland_row.national.forces_counted == 42
    assert cleveland_row.national.forces_expected == 42
    assert cleveland_row.forces_ranked == 42
    assert dorset_row.force_display == "90.0%"
    assert dorset_row.excluded_because == "Niche problems."
    assert dorset_row.comparison_words == ""


@pytest.mark.django_db
def test_an_excluded_force_without_a_value_does_not_stop_the_figure_being_computed():
    metric = MetricFactory(unit=Unit.PER_MILLION_POPULATION, decimal_places=0)
    city = force("city-of-london")
    for each in active_forces():
        if each != city:
            ratio(metric, each, 50, 1_000_000)
    MetricExclusion.objects.create(metric=metric, force=city, period=metric.period, reason="National remit.")

    national = _row(metric).national

    assert national.basis is Basis.COMPUTED
    assert national.value == Decimal(50)


@pytest.mark.django_db
def test_survey_measures_use_the_simple_mean_of_the_forces_rates():
    metric = MetricFactory(
        unit=Unit.PERCENT, denominator_kind=DenominatorKind.NONE, aggregation=Aggregation.MEAN
    )
    for index, each in enumerate(active_forces()):
        value(metric, each, 80 + index % 2)  # 80, 81, 80, 81, ...: 22 × 80 and 21 × 81

    national = _row(metric).national

    assert national.basis is Basis.MEAN
    assert national.value == (Decimal(22 * 80 + 21 * 81) / 43)


@pytest.mark.django_db
def test_without_every_forces_value_the_published_figure_is_shown_labelled_with_its_source(client):
    metric = MetricFactory(decimal_places=0)
    ratio(metric, force("cleveland"), 233_562, 562_800)
    PublishedFigure.objects.create(metric=metric, period=metric.period, value=240, source="The Home Office.")

    national = _row(metric).national

    assert national.basis is Basis.PUBLISHED
    assert national.value == Decimal(240)
    assert national.explanation() == "Published figure: The Home Office."


@pytest.mark.django_db
def test_without_every_forces_value_or_a_published_figure_the_national_figure_is_not_available():
    metric = MetricFactory()
    forces = active_forces()
    for each in forces[:-1]:
        ratio(metric, each, 1, 100)

    national = _row(metric).national

    assert national.basis is Basis.UNAVAILABLE
    assert national.value is None
    assert "held for 42 of 43 forces" in national.explanation()


@pytest.mark.django_db
def test_an_inactive_force_is_not_expected_and_its_value_is_not_counted():
    metric = MetricFactory(unit=Unit.PERCENT, denominator_kind=DenominatorKind.RECORDED_CRIME)
    retired = force("wiltshire")
    for each in active_forces():
        ratio(metric, each, 30 if each == retired else 20, 100)
    Force.objects.filter(pk=retired.pk).update(active=False)

    national = _row(metric).national

    assert national.value == Decimal(20)
    assert national.forces_counted == 42


@pytest.mark.django_db
def test_a_change_is_the_later_total_over_the_earlier_total():
    metric = MetricFactory(unit=Unit.PERCENT_CHANGE, denominator_kind=DenominatorKind.EARLIER_PERIOD)
    for index, each in enumerate(active_forces()):
        ratio(metric, each, 1000 + index, 1000)  # each force rose by index per 1,000

    row = _row(metric)

    total_now = sum(1000 + index for index in range(43))
    assert row.national.value == (Decimal(total_now) / 43_000 - 1) * 100
    assert row.force_display == "+0.5%"  # Cleveland is the 6th force by name: 1005 / 1000


@pytest.mark.django_db
def test_a_rate_held_only_as_a_value_leaves_the_england_and_wales_figure_incomplete():
    metric = MetricFactory()
    forces = active_forces()
    for each in forces[1:]:
        ratio(metric, each, 1, 100)
    value(metric, forces[0], 10)  # entered past the import's checks: cannot be summed

    national = _row(metric).national

    assert national.basis is Basis.UNAVAILABLE
    assert national.forces_counted == 42


@pytest.mark.django_db
def test_a_published_figure_is_shown_rather_than_one_computed_from_generated_values():
    metric = MetricFactory()
    for each in active_forces():
        value_row = ratio(metric, each, 500, each.population)
        if each.slug != "cleveland":
            value_row.generated = True
            value_row.save()
    PublishedFigure.objects.create(metric=metric, period=metric.period, value=Decimal("0.9"), source="HMIC")

    national = _row(metric).national

    assert national.basis is Basis.PUBLISHED
    assert national.value == Decimal("0.9")
    assert not national.includes_generated
