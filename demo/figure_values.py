"""The values the demo programme's figures draw, for every force: GENERATED wherever the reference report
does not state them, and flagged ``generated`` so that each figure says so.

The reference report states Cleveland's value and the England and Wales figure of most measures
(``cleveland_figures_ensure`` loads them); every other force's value is generated here, calibrated so
that the England and Wales figure computed from all forces stays the published one
(``demo.national.generated_metric_values``). Where the report states no England and Wales figure:

- Figure 1 (crime rates over five years) — the report states only the 2016 rates and the changes over one
  and five years. Cleveland's and England and Wales's rates in the 12 months to June 2011 and 2015 follow
  from those changes (assuming the 2015 populations throughout); 2012 to 2014 are invented. All are
  generated values.
- Figure 10 (OCGs by predominant crime type) — the report states none of its values, only that drug
  activity is the most common type in Cleveland and in England and Wales. Each force's active OCGs (from
  its OCGs per million where held) are shared out between the types around invented national shares.

Forces a measure excludes (annex A) get no value. Repeatable: a value already held is left alone, and
each measure's values come from a generator seeded with the seed and the measure.
"""

import math
import random
from decimal import Decimal

from demo.national import PROGRAMME_SLUG, generated_metric_values
from figures.models import FigureDefinition
from forces.models import Force, Metric, MetricExclusion, MetricValue, Period, PublishedFigure
from forces.services.figures import to_four_places

CRIME_RATE = "recorded_crime_per_1000"
# Per 1,000 population, by the year the 12 months end in June of (see the module's docstring).
CLEVELAND_CRIME_RATES = {2011: 86.9 / 1.148, 2012: 73.1, 2013: 70.2, 2014: 72.4, 2015: 86.9 / 1.110}
NATIONAL_CRIME_RATES = {2011: 68.2 / 0.966, 2012: 66.0, 2013: 62.5, 2014: 61.6, 2015: 68.2 / 1.078}
OCGS_PER_MILLION = "ocgs_per_million"
NATIONAL_OCGS_PER_MILLION = 46
OCG_TYPE_SHARES = {
    "ocg_type_drugs_pct": 0.56,
    "ocg_type_acquisitive_pct": 0.14,
    "ocg_type_fraud_pct": 0.08,
    "ocg_type_violence_pct": 0.07,
    "ocg_type_exploitation_pct": 0.05,
    "ocg_type_other_pct": 0.10,
}


def figure_values_ensure(*, seed: int = 2016) -> int:
    """Every value the demo programme's figures need that is not held, generated; how many were made."""
    definitions = FigureDefinition.objects.filter(programme__slug=PROGRAMME_SLUG).prefetch_related(
        "figure_metrics__metric", "periods"
    )
    pairs = {
        (figure_metric.metric, period)
        for definition in definitions
        for figure_metric in definition.figure_metrics.all()
        for period in definition.periods.all()
    }
    forces = list(Force.objects.filter(active=True).order_by("name"))
    created = _cleveland_crime_rates(forces)
    created += _ocg_types(
        forces, seed, [(metric, period) for metric, period in pairs if metric.code in OCG_TYPE_SHARES]
    )
    held = set(MetricValue.objects.values_list("metric_id", "period_id", "force_id"))
    excluded = set(MetricExclusion.objects.values_list("metric_id", "period_id", "force_id"))
    published = {(f.metric_id, f.period_id): f.value for f in PublishedFigure.objects.all()}
    real = {
        (v.metric_id, v.period_id): v
        for v in MetricValue.objects.filter(generated=False).select_related("force")
    }
    references = {
        (v.metric_id, v.period_id): v
        for v in MetricValue.objects.filter(force__slug="cleveland", metric__code=CRIME_RATE).select_related(
            "force"
        )
    }
    values = []
    for metric, period in sorted(pairs, key=lambda pair: (pair[0].code, pair[1].code)):
        if metric.code in OCG_TYPE_SHARES:
            continue
        target = published.get((metric.pk, period.pk))
        if target is None and metric.code == CRIME_RATE:
            target = Decimal(repr(NATIONAL_CRIME_RATES[period.ends_on.year]))
        todo = [
            force
            for force in forces
            if (metric.pk, period.pk, force.pk) not in held
            and (metric.pk, period.pk, force.pk) not in excluded
        ]
        if target is None or not todo:
            continue
        reference = real.get((metric.pk, period.pk)) or references.get((metric.pk, period.pk))
        rng = random.Random(f"{seed}:figure-values:{metric.code}:{period.code}")
        values += generated_metric_values(metric, period.pk, target, todo, reference, rng)
    MetricValue.objects.bulk_create(values, batch_size=1000)
    return created + len(values)


def _cleveland_crime_rates(forces: list[Force]) -> int:
    """Cleveland's crime rates for the 12 months to June 2011 to 2015 (generated), where not held."""
    cleveland = next((force for force in forces if force.slug == "cleveland"), None)
    metric = Metric.objects.filter(code=CRIME_RATE).first()
    if cleveland is None or metric is None:
        return 0
    periods = {
        period.ends_on.year: period
        for period in Period.objects.filter(code__startswith="12m-to-", code__endswith="-06-30")
    }
    held = set(MetricValue.objects.filter(metric=metric, force=cleveland).values_list("period_id", flat=True))
    values = [
        MetricValue(
            metric=metric,
            force=cleveland,
            period=periods[year],
            numerator=to_four_places(Decimal(round(rate * cleveland.population / 1000))),
            denominator=to_four_places(Decimal(cleveland.population)),
            generated=True,
        )
        for year, rate in CLEVELAND_CRIME_RATES.items()
        if year in periods and periods[year].pk not in held
    ]
    MetricValue.objects.bulk_create(values)
    return len(values)


def _ocg_types(forces: list[Force], seed: int, pairs: list[tuple[Metric, Period]]) -> int:
    """Each force's active OCGs shared out between the predominant crime types (each a count over the
    force's total), where the force holds none of them."""
    if not pairs:
        return 0
    metrics = {metric.code: metric for metric, _ in pairs}
    period = pairs[0][1]
    excluded = set(
        MetricExclusion.objects.filter(metric__in=metrics.values(), period=period).values_list(
            "force_id", flat=True
        )
    )
    holding = set(
        MetricValue.objects.filter(metric__in=metrics.values(), period=period).values_list(
            "force_id", flat=True
        )
    )
    per_million = {
        value.force_id: value.figure()
        for value in MetricValue.objects.filter(metric__code=OCGS_PER_MILLION, period=period).select_related(
            "metric"
        )
    }
    rng = random.Random(f"{seed}:figure-values:ocg-types")
    values = []
    for force in forces:
        noise = [math.exp(rng.gauss(0, 0.35)) for _ in OCG_TYPE_SHARES]  # drawn for every force: repeatable
        if force.pk in excluded or force.pk in holding:
            continue
        rate = float(per_million.get(force.pk, NATIONAL_OCGS_PER_MILLION))
        total = max(1, round(rate * force.population / 1_000_000))
        weights = [share * factor for share, factor in zip(OCG_TYPE_SHARES.values(), noise, strict=True)]
        for code, count in zip(OCG_TYPE_SHARES, _apportioned(total, weights), strict=True):
            if code in metrics:
                values.append(
                    MetricValue(
                        metric=metrics[code],
                        force=force,
                        period=period,
                        numerator=to_four_places(Decimal(count)),
                        denominator=to_four_places(Decimal(total)),
                        generated=True,
                    )
                )
    MetricValue.objects.bulk_create(values, batch_size=1000)
    return len(values)


def _apportioned(total: int, weights: list[float]) -> list[int]:
    """``total`` shared in proportion to ``weights`` in whole numbers (largest remainders)."""
    exact = [total * weight / sum(weights) for weight in weights]
    counts = [math.floor(share) for share in exact]
    by_remainder = sorted(range(len(exact)), key=lambda index: counts[index] - exact[index])
    for index in by_remainder[: total - sum(counts)]:
        counts[index] += 1
    return counts
