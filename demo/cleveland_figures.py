"""Cleveland Police's 2016 figures and the published England and Wales figures, from the reference report
(extracted into forces/data/cleveland_2016_figures.json): Force in numbers and figures 2 to 9.

The report prints rates, not counts. Cleveland's values are stored as a numerator over a denominator, the
way imported data are, so the counts are derived from the printed rates and the force's own population
and households in the forces table (ONS mid-2015 estimates): e.g. 415 calls per 1,000 × 562,800 people =
233,562 calls. Proportions of recorded crime use the recorded-crime count derived the same way from
figure 2 (86.9 per 1,000 → 48,907 offences); changes use the count of the later period over the count
the printed change implies for the earlier one. Each derived count is rounded to a whole number, and every
figure still prints as the report prints it (tests/forces/test_cleveland_demo_figures.py checks this).

Only Cleveland's values are held, so the England and Wales column shows the report's figures, labelled
"published figure"; the other forces' values come from ``seed_national``.
"""

import json
from decimal import Decimal
from pathlib import Path

from django.conf import settings

from forces.models import UNIT_MULTIPLIER, Force, Metric, Period, Unit
from forces.services.figures import metric_value_set, published_figure_set

DATA_FILE = Path(settings.BASE_DIR) / "forces" / "data" / "cleveland_2016_figures.json"
REPORT = "HMIC, PEEL: Police effectiveness 2016 – An inspection of Cleveland Police (March 2017)"

# Entries of the JSON left out, and why.
DUPLICATES = {
    "recorded_crime_per_1000": "Force in numbers rounds figure 2's rate (86.9) to 87",
    "outcome_charged_summonsed": "figure 4, outcome 1",
    "outcome_evidential_difficulties_victim_not_supporting": "figure 4, outcome 16",
    "outcome_no_suspect_identified": "figure 4, outcome 18",
    "fig5_evidential_difficulties_victim_not_support_pct": "figure 4's evidential difficulties group",
}
NO_PERIOD = {"calls_resolved_without_attendance_pct", "iom_reoffending_rate"}

# JSON metric → (our metric, how its numerator and denominator are made). A "rate" is the printed figure
# times a denominator count; a "ratio" names both counts; a "value" is stored as printed.
RATES = {
    "calls_for_assistance_per_1000": ("calls_for_assistance_per_1000", "population"),
    "fig2_recorded_crime_per_1000": ("recorded_crime_per_1000", "population"),
    "fig2_victim_based_crime_per_1000": ("victim_based_crime_per_1000", "population"),
    "fig2_sexual_offences_per_1000": ("sexual_offences_per_1000", "population"),
    "fig2_assault_with_injury_per_1000": ("assault_with_injury_per_1000", "population"),
    "fig2_burglary_in_a_dwelling_per_1000_households": (
        "burglary_dwelling_per_1000_households",
        "households",
    ),
    "domestic_abuse_calls_per_1000": ("domestic_abuse_calls_per_1000", "population"),
    "ocgs_per_million": ("ocgs_per_million", "population"),
    "fig6_vulnerable_victim_pct_of_crime": ("vulnerable_victim_pct", "recorded_crime"),
    "fig7_domestic_abuse_arrest_rate": ("domestic_abuse_arrest_rate", "domestic_abuse_crimes"),
    "fig4_outcome_1_charged_summonsed": ("outcome_1", "recorded_crime"),
    "fig4_outcome_4_taken_into_consideration": ("outcome_4", "recorded_crime"),
    "fig4_outcome_out_of_court_formal": ("outcome_group_out_of_court_formal", "recorded_crime"),
    "fig4_outcome_2_cautions_youths": ("outcome_2", "recorded_crime"),
    "fig4_outcome_3_cautions_adults": ("outcome_3", "recorded_crime"),
    "fig4_outcome_6_penalty_notices_for_disorder": ("outcome_6", "recorded_crime"),
    "fig4_outcome_out_of_court_informal": ("outcome_group_out_of_court_informal", "recorded_crime"),
    "fig4_outcome_7_cannabis_khat_warning": ("outcome_7", "recorded_crime"),
    "fig4_outcome_8_community_resolution": ("outcome_8", "recorded_crime"),
    "fig4_outcome_prosecution_prevented_or_not_in_public_interest": (
        "outcome_group_prosecution_prevented",
        "recorded_crime",
    ),
    "fig4_outcome_15_evidential_difficulties_victim_supports_suspect_identified": (
        "outcome_15",
        "recorded_crime",
    ),
    "fig4_outcome_evidential_difficulties_victim_does_not_support": (
        "outcome_group_evidential_difficulties_victim_does_not_support",
        "recorded_crime",
    ),
    "fig4_outcome_16_evidential_difficulties_victim_does_not_support_suspect_identified": (
        "outcome_16",
        "recorded_crime",
    ),
    "fig4_outcome_14_evidential_difficulties_victim_does_not_support_suspect_not_identified": (
        "outcome_14",
        "recorded_crime",
    ),
    "fig4_outcome_18_investigation_complete_no_suspect": ("outcome_18", "recorded_crime"),
    "fig4_outcome_20_action_by_another_body": ("outcome_20", "recorded_crime"),
    "fig4_outcome_21_further_investigation_not_in_public_interest": ("outcome_21", "recorded_crime"),
    "fig4_outcome_total_assigned_an_outcome": ("outcome_total_assigned", "recorded_crime"),
    "fig4_outcome_not_yet_assigned_an_outcome": ("outcome_not_yet_assigned", "recorded_crime"),
    "fig8_da_outcome_charged_summoned": ("da_outcome_1", "domestic_abuse_crimes"),
    "fig8_da_outcome_caution_adults": ("da_outcome_3", "domestic_abuse_crimes"),
    "fig8_da_outcome_caution_youths": ("da_outcome_2", "domestic_abuse_crimes"),
    "fig8_da_outcome_community_resolution": ("da_outcome_8", "domestic_abuse_crimes"),
    "fig8_da_outcome_evidential_difficulties_victim_supports": ("da_outcome_15", "domestic_abuse_crimes"),
    "fig8_da_outcome_evidential_difficulties_victim_does_not_support": (
        "da_outcome_16",
        "domestic_abuse_crimes",
    ),
}
# (JSON metric, JSON period) → (our metric, our period, numerator count, denominator count)
RATIOS = {
    ("recorded_crime_change_1yr", "12 months to 30 June 2015 against 12 months to 30 June 2016"): (
        "recorded_crime_change_1yr",
        "12m-to-2016-06-30",
        "recorded_crime",
        "recorded_crime_2015",
    ),
    ("recorded_crime_change_5yr", "12 months to 30 June 2011 against 12 months to 30 June 2016"): (
        "recorded_crime_change_5yr",
        "12m-to-2016-06-30",
        "recorded_crime",
        "recorded_crime_2011",
    ),
    ("victim_based_crime_change_5yr", "12 months to 30 June 2011 against 12 months to 30 June 2016"): (
        "victim_based_crime_change_5yr",
        "12m-to-2016-06-30",
        "victim_based_crime",
        "victim_based_crime_2011",
    ),
    ("asb_incidents_per_1000", "12 months to 31 March 2016"): (
        "asb_incidents_per_1000",
        "12m-to-2016-03-31",
        "asb_incidents",
        "population",
    ),
    ("asb_incidents_per_1000", "12 months to 31 March 2015"): (
        "asb_incidents_per_1000",
        "12m-to-2015-03-31",
        "asb_incidents_2015",
        "population",
    ),
    ("asb_rate_change_1yr", "12 months to 31 March 2015 against 12 months to 31 March 2016"): (
        "asb_rate_change_1yr",
        "12m-to-2016-03-31",
        "asb_incidents",
        "asb_incidents_2015",
    ),
    ("domestic_abuse_pct_of_crime", "12 months to 30 June 2016"): (
        "domestic_abuse_pct_of_crime",
        "12m-to-2016-06-30",
        "domestic_abuse_crimes",
        "recorded_crime",
    ),
    ("domestic_abuse_pct_of_crime", "12 months to 31 March 2015"): (
        "domestic_abuse_pct_of_crime",
        "12m-to-2015-03-31",
        "domestic_abuse_crimes_2015",
        "recorded_crime_2015_march",
    ),
    ("domestic_abuse_recorded_change", "12 months to 31 March 2015 against 12 months to 30 June 2016"): (
        "domestic_abuse_recorded_change",
        "12m-to-2016-06-30",
        "domestic_abuse_crimes",
        "domestic_abuse_crimes_2015",
    ),
}
VALUES = {"victim_satisfaction": "victim_satisfaction"}


def _counts(force: Force, printed) -> dict[str, Decimal]:
    """The counts behind Cleveland's printed rates, each rounded to a whole number."""

    def whole(number) -> Decimal:
        return Decimal(number).quantize(Decimal(1))

    def before(count, change_percent) -> Decimal:
        return whole(count / (1 + printed(change_percent) / 100))

    counts = {"population": Decimal(force.population), "households": Decimal(force.households)}
    counts["recorded_crime"] = whole(printed("fig2_recorded_crime_per_1000") * counts["population"] / 1000)
    counts["victim_based_crime"] = whole(
        printed("fig2_victim_based_crime_per_1000") * counts["population"] / 1000
    )
    counts["domestic_abuse_crimes"] = whole(
        printed("domestic_abuse_pct_of_crime", "12 months to 30 June 2016") * counts["recorded_crime"] / 100
    )
    counts["asb_incidents"] = whole(
        printed("asb_incidents_per_1000", "12 months to 31 March 2016") * counts["population"] / 1000
    )
    counts["recorded_crime_2015"] = before(counts["recorded_crime"], "recorded_crime_change_1yr")
    counts["recorded_crime_2011"] = before(counts["recorded_crime"], "recorded_crime_change_5yr")
    counts["victim_based_crime_2011"] = before(counts["victim_based_crime"], "victim_based_crime_change_5yr")
    counts["asb_incidents_2015"] = before(counts["asb_incidents"], "asb_rate_change_1yr")
    counts["domestic_abuse_crimes_2015"] = before(
        counts["domestic_abuse_crimes"], "domestic_abuse_recorded_change"
    )
    counts["recorded_crime_2015_march"] = whole(
        counts["domestic_abuse_crimes_2015"]
        * 100
        / printed("domestic_abuse_pct_of_crime", "12 months to 31 March 2015")
    )
    return counts


def cleveland_figures_ensure() -> None:
    """Load (or reload) Cleveland's 2016 values and the published England and Wales figures."""
    data = json.loads(DATA_FILE.read_text(encoding="utf-8"))
    force = Force.objects.get(slug=data["force_slug"])
    metrics = {metric.code: metric for metric in Metric.objects.select_related("period")}
    periods = {period.code: period for period in Period.objects.all()}
    periods_by_label = {period.label: period for period in periods.values()}
    entries = {(entry["metric"], entry["period"]): entry for entry in data["figures"]}

    def printed(code: str, period: str | None = None) -> Decimal:
        matches = [entry for (c, p), entry in entries.items() if c == code and period in (None, p)]
        (entry,) = matches
        return Decimal(str(entry["force_value"]))

    counts = _counts(force, printed)
    for (code, period_label), entry in entries.items():
        if code in DUPLICATES or code in NO_PERIOD:
            continue
        force_value = Decimal(str(entry["force_value"]))
        if code in RATES:
            metric_code, denominator_name = RATES[code]
            metric = metrics[metric_code]
            period = periods_by_label[period_label]
            denominator = counts[denominator_name]
            multiplier = UNIT_MULTIPLIER[Unit(metric.unit)]
            numerator = (force_value * denominator / multiplier).quantize(Decimal(1))
            metric_value_set(
                metric=metric, force=force, period=period, numerator=numerator, denominator=denominator
            )
        elif (code, period_label) in RATIOS:
            metric_code, period_code, numerator_name, denominator_name = RATIOS[code, period_label]
            metric, period = metrics[metric_code], periods[period_code]
            metric_value_set(
                metric=metric,
                force=force,
                period=period,
                numerator=counts[numerator_name],
                denominator=counts[denominator_name],
            )
        elif code in VALUES:
            metric, period = metrics[VALUES[code]], periods_by_label[period_label]
            metric_value_set(metric=metric, force=force, period=period, value=force_value)
        else:
            raise ValueError(f"{DATA_FILE.name}: no rule for {code!r} ({period_label})")
        if entry["england_wales_value"] is not None:
            published_figure_set(
                metric=metric,
                period=period,
                value=Decimal(str(entry["england_wales_value"])),
                source=f"{REPORT}: {entry['source']}",
            )
