"""The ten figures of the PEEL effectiveness 2016 reports (figures 1 to 10 of the Cleveland report), each
with its caption, kind, metrics, periods, source and its note from annex A ("Figures throughout the
report"), frozen in this migration's sibling JSON file. Values are not loaded here: they come from
imports or the demo.
"""

import json
from pathlib import Path

from django.db import migrations

DATA_FILE = Path(__file__).resolve().parent / "data" / "peel_effectiveness_2016_figures.json"


def _data():
    return json.loads(DATA_FILE.read_text(encoding="utf-8"))


def load_figures(apps, schema_editor):
    Programme = apps.get_model("peel", "Programme")
    Metric = apps.get_model("forces", "Metric")
    Period = apps.get_model("forces", "Period")
    FigureDefinition = apps.get_model("figures", "FigureDefinition")
    FigureMetric = apps.get_model("figures", "FigureMetric")
    data = _data()
    programme = Programme.objects.filter(slug=data["programme"]).first()
    if programme is None:
        return
    metrics = {metric.code: metric for metric in Metric.objects.all()}
    periods = {period.code: period for period in Period.objects.all()}
    for row in data["figures"]:
        definition, _ = FigureDefinition.objects.update_or_create(
            programme=programme,
            key=row["key"],
            defaults={
                field: row[field] for field in ("order", "kind", "title", "value_label", "source", "notes")
            },
        )
        definition.periods.set([periods[code] for code in row["periods"]])
        definition.figure_metrics.all().delete()
        FigureMetric.objects.bulk_create(
            FigureMetric(
                figure=definition,
                metric=metrics[item["metric"]],
                order=order,
                label=item["label"],
                in_chart=item["in_chart"],
            )
            for order, item in enumerate(row["metrics"], start=1)
        )


def unload_figures(apps, schema_editor):
    data = _data()
    apps.get_model("figures", "FigureDefinition").objects.filter(
        programme__slug=data["programme"], key__in=[row["key"] for row in data["figures"]]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("figures", "0001_initial"),
        ("peel", "0003_peel_effectiveness_2016"),
        ("forces", "0005_ocg_crime_type_metrics_2016"),
    ]
    operations = [migrations.RunPython(load_figures, unload_figures)]
