"""Load the measures of the PEEL effectiveness 2016 reports (Force in numbers, figures 1 to 9 and annex A):
their periods, metrics and the forces annex A excludes from England and Wales figures.

The data is frozen in this migration's sibling JSON file. No force's values are loaded here: they come
from imports (`import_force_figures`) or the demo.
"""

import json
from pathlib import Path

from django.db import migrations

DATA_FILE = Path(__file__).resolve().parent / "data" / "metrics_2016.json"


def _data():
    return json.loads(DATA_FILE.read_text(encoding="utf-8"))


def load_metrics(apps, schema_editor):
    Period = apps.get_model("forces", "Period")
    Metric = apps.get_model("forces", "Metric")
    MetricExclusion = apps.get_model("forces", "MetricExclusion")
    Force = apps.get_model("forces", "Force")
    data = _data()
    periods = {}
    for row in data["periods"]:
        periods[row["code"]], _ = Period.objects.update_or_create(
            code=row["code"], defaults={"label": row["label"], "ends_on": row["ends_on"]}
        )
    metrics = {}
    for row in data["metrics"]:
        fields = {
            key: value for key, value in row.items() if key not in {"code", "period", "previous_period"}
        }
        fields["period"] = periods[row["period"]]
        fields["previous_period"] = periods[row["previous_period"]] if row["previous_period"] else None
        metrics[row["code"]], _ = Metric.objects.update_or_create(code=row["code"], defaults=fields)
    forces = {force.slug: force for force in Force.objects.all()}
    for row in data["exclusions"]:
        metric = metrics[row["metric"]]
        MetricExclusion.objects.update_or_create(
            metric=metric,
            force=forces[row["force"]],
            period=metric.period,
            defaults={"reason": row["reason"]},
        )


def unload_metrics(apps, schema_editor):
    Period = apps.get_model("forces", "Period")
    Metric = apps.get_model("forces", "Metric")
    MetricValue = apps.get_model("forces", "MetricValue")
    data = _data()
    period_codes = [row["code"] for row in data["periods"]]
    # Deleting a metric deletes its values and exclusions; values of other metrics in these periods go too,
    # since the periods themselves are removed.
    Metric.objects.filter(code__in=[row["code"] for row in data["metrics"]]).delete()
    MetricValue.objects.filter(period__code__in=period_codes).delete()
    Period.objects.filter(code__in=period_codes).delete()


class Migration(migrations.Migration):
    dependencies = [("forces", "0003_figures")]
    operations = [migrations.RunPython(load_metrics, unload_metrics)]
