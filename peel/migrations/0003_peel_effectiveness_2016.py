"""Load the PEEL effectiveness 2016 framework, exactly as the 2016 reports' contents have it.

The data is frozen beside this migration; later programmes are loaded with `load_framework`.
"""

import json
from pathlib import Path

from django.db import migrations

DATA_FILE = Path(__file__).resolve().parent / "data" / "peel_effectiveness_2016_framework.json"


def load_framework(apps, schema_editor):
    Programme = apps.get_model("peel", "Programme")
    Question = apps.get_model("peel", "Question")
    data = json.loads(DATA_FILE.read_text(encoding="utf-8"))
    programme, _ = Programme.objects.update_or_create(
        slug=data["programme"]["slug"],
        defaults={"name": data["programme"]["name"], "year": data["programme"]["year"]},
    )
    order = 0
    overall, _ = Question.objects.update_or_create(
        programme=programme,
        code=data["overall"]["code"],
        defaults={"level": "overall", "text": data["overall"]["text"], "graded": True, "order": order},
    )
    for core in data["core"]:
        order += 1
        core_question, _ = Question.objects.update_or_create(
            programme=programme,
            code=core["code"],
            defaults={
                "level": "core",
                "parent": overall,
                "text": core["text"],
                "short_title": core.get("short_title", ""),
                "graded": core["graded"],
                "order": order,
            },
        )
        for sub in core["sub"]:
            order += 1
            Question.objects.update_or_create(
                programme=programme,
                code=sub["code"],
                defaults={
                    "level": "sub",
                    "parent": core_question,
                    "text": sub["text"],
                    "graded": False,
                    "order": order,
                },
            )


def unload_framework(apps, schema_editor):
    data = json.loads(DATA_FILE.read_text(encoding="utf-8"))
    apps.get_model("peel", "Programme").objects.filter(slug=data["programme"]["slug"]).delete()


class Migration(migrations.Migration):
    dependencies = [("peel", "0002_roles")]
    operations = [migrations.RunPython(load_framework, unload_framework)]
