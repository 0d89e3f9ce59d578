"""Load the 43 territorial police forces of England and Wales.

The data is frozen in this migration's sibling JSON file: official names as in 2016, regions, and
population and household figures that approximate the ONS mid-2015 estimates for each police force area
(admins correct them in the admin site). British Transport Police is not a territorial force and is
not loaded.
"""

import json
from pathlib import Path

from django.db import migrations

DATA_FILE = Path(__file__).resolve().parent / "data" / "territorial_forces_2015.json"


def load_forces(apps, schema_editor):
    Force = apps.get_model("forces", "Force")
    rows = json.loads(DATA_FILE.read_text(encoding="utf-8"))
    for row in rows:
        Force.objects.update_or_create(
            slug=row["slug"],
            defaults={
                "name": row["name"],
                "short_name": row["short_name"],
                "region": row["region"],
                "country": row["country"],
                "population": row["population"],
                "households": row["households"],
                "estimate_year": row["estimate_year"],
                "note": row.get("note", ""),
            },
        )


def unload_forces(apps, schema_editor):
    Force = apps.get_model("forces", "Force")
    slugs = [row["slug"] for row in json.loads(DATA_FILE.read_text(encoding="utf-8"))]
    Force.objects.filter(slug__in=slugs).delete()


class Migration(migrations.Migration):
    dependencies = [("forces", "0001_initial")]
    operations = [migrations.RunPython(load_forces, unload_forces)]
