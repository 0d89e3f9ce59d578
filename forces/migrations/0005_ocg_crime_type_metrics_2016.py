"""Figure 10 of the PEEL effectiveness 2016 reports: active organised crime groups by predominant crime type,
as at 1 July 2016, each type a proportion of the force's active OCGs; Humberside is excluded (annex A).

The reference report names only one type ("drug activity", the most common); the other types are this
app's grouping of the forms of criminality the report and annex A mention. No values are loaded here.
"""

from django.db import migrations, models

SOURCE = "HMIC data return (organised crime group mapping, as at 1 July 2016)"
NOTES = "Figures may not sum to 100 percent due to rounding."
HUMBERSIDE = (
    "Annex A: Humberside Police was unable to provide the full data for predominant crime types in the time "
    "available. Therefore, this force's data are not included in the graph or in the calculation of the "
    "England and Wales proportion."
)
# (code, name): the order is the figure's.
CRIME_TYPES = (
    ("ocg_type_drugs_pct", "Active OCGs whose predominant crime type is drug activity"),
    ("ocg_type_acquisitive_pct", "Active OCGs whose predominant crime type is acquisitive crime"),
    ("ocg_type_fraud_pct", "Active OCGs whose predominant crime type is fraud and money laundering"),
    ("ocg_type_violence_pct", "Active OCGs whose predominant crime type is violence and intimidation"),
    ("ocg_type_exploitation_pct", "Active OCGs whose predominant crime type is exploitation of people"),
    ("ocg_type_other_pct", "Active OCGs whose predominant crime type is another or not known"),
)


def load_metrics(apps, schema_editor):
    Metric = apps.get_model("forces", "Metric")
    Period = apps.get_model("forces", "Period")
    Force = apps.get_model("forces", "Force")
    MetricExclusion = apps.get_model("forces", "MetricExclusion")
    period = Period.objects.get(code="at-2016-07-01")
    humberside = Force.objects.filter(slug="humberside").first()
    for order, (code, name) in enumerate(CRIME_TYPES, start=10):
        metric, _ = Metric.objects.update_or_create(
            code=code,
            defaults={
                "name": name,
                "topic": "organised_crime",
                "order": order,
                "report_figure": "Figure 10",
                "unit": "percent",
                "denominator_kind": "active_ocgs",
                "aggregation": "ratio_of_sums",
                "period": period,
                "decimal_places": 1,
                "source": SOURCE,
                "notes": NOTES,
            },
        )
        if humberside is not None:
            MetricExclusion.objects.update_or_create(
                metric=metric, force=humberside, period=period, defaults={"reason": HUMBERSIDE}
            )


def unload_metrics(apps, schema_editor):
    # Deleting a metric deletes its values and exclusions.
    apps.get_model("forces", "Metric").objects.filter(code__in=[code for code, _ in CRIME_TYPES]).delete()


class Migration(migrations.Migration):
    dependencies = [("forces", "0004_metrics_2016")]
    operations = [
        migrations.AlterField(
            model_name="metric",
            name="denominator_kind",
            field=models.CharField(
                choices=[
                    ("population", "Population (ONS mid-year estimate)"),
                    ("households", "Households"),
                    ("recorded_crime", "Recorded crime (offences)"),
                    ("outcomes", "Offences recorded, tracked to their outcomes"),
                    ("earlier_period", "The same count in the earlier period (a change)"),
                    ("active_ocgs", "Active organised crime groups the force manages"),
                    ("none", "None: the figure is given as a value"),
                ],
                max_length=20,
            ),
        ),
        migrations.RunPython(load_metrics, unload_metrics),
    ]
