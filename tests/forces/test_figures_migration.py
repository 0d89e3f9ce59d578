import pytest
from django.core.management import call_command

from forces.models import Aggregation, Metric, MetricExclusion, Period, Unit

# Figure 4 of the report and its footnote, in the report's words (Home Office outcome numbers).
OUTCOME_TYPES = {
    1: "Charged/Summonsed",
    2: "Cautions - youths",
    3: "Cautions - adults",
    4: "Taken into consideration",
    5: "Offender died",
    6: "Penalty Notices for Disorder",
    7: "Cannabis/Khat warning",
    8: "Community Resolution",
    9: "Not in public interest (CPS)",
    11: "Prosecution prevented – suspect under age",
    12: "Prosecution prevented – suspect too ill",
    13: "Prosecution prevented – victim/key witness dead/too ill",
    14: "Evidential difficulties (victim does not support police action): Suspect not identified",
    15: "Evidential difficulties (victim supports police action): Suspect identified",
    16: "Evidential difficulties (victim does not support police action): Suspect identified",
    17: "Prosecution time limit expired",
    18: "Investigation complete – no suspect identified",
    20: "Action undertaken by another body / agency",
    21: "Further investigation to support formal action not in the public interest",
}


@pytest.mark.django_db
def test_the_migration_loads_the_crime_outcome_types_by_their_home_office_numbers():
    outcomes = Metric.objects.filter(topic="outcomes", home_office_outcome__isnull=False)

    assert {metric.home_office_outcome: metric.name for metric in outcomes} == OUTCOME_TYPES
    assert {metric.unit for metric in outcomes} == {Unit.PERCENT}
    assert {metric.denominator_kind for metric in outcomes} == {"outcomes"}


@pytest.mark.django_db
def test_the_force_in_numbers_measures_are_loaded_with_their_periods_and_aggregation():
    in_numbers = {metric.code: metric for metric in Metric.objects.filter(in_force_in_numbers=True)}

    assert set(in_numbers) == {
        "calls_for_assistance_per_1000",
        "recorded_crime_per_1000",
        "recorded_crime_change_1yr",
        "recorded_crime_change_5yr",
        "outcome_1",
        "outcome_16",
        "outcome_18",
        "asb_incidents_per_1000",
        "domestic_abuse_calls_per_1000",
        "domestic_abuse_pct_of_crime",
        "ocgs_per_million",
        "victim_satisfaction",
    }
    assert in_numbers["victim_satisfaction"].aggregation == Aggregation.MEAN
    assert in_numbers["asb_incidents_per_1000"].period.label == "12 months to 31 March 2016"
    assert in_numbers["asb_incidents_per_1000"].previous_period.label == "12 months to 31 March 2015"
    assert in_numbers["ocgs_per_million"].period.label == "as at 1 July 2016"
    assert Metric.objects.get(code="burglary_dwelling_per_1000_households").denominator_kind == "households"
    assert all(metric.source for metric in Metric.objects.all())


@pytest.mark.django_db
def test_annex_a_exclusions_are_loaded_with_their_reasons():
    def excluded(code):
        return set(MetricExclusion.objects.filter(metric__code=code).values_list("force__slug", flat=True))

    assert excluded("outcome_1") == {"dorset"}
    assert excluded("ocgs_per_million") == {"city-of-london"}
    assert excluded("da_outcome_16") == {"dorset", "nottinghamshire"}
    assert excluded("domestic_abuse_arrest_rate") == {"derbyshire", "durham", "gloucestershire"}
    assert "Niche" in MetricExclusion.objects.get(metric__code="outcome_1").reason


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_metrics_migration_can_be_reversed_and_applied_again():
    call_command("migrate", "forces", "0003", verbosity=0)
    assert not Metric.objects.exists() and not Period.objects.exists()

    call_command("migrate", verbosity=0)  # with the report figures, which depend on the metrics
    assert Metric.objects.count() == 55  # 49, and figure 10's 6 crime types
    assert MetricExclusion.objects.count() == 52  # 46, and Humberside from figure 10's 6
