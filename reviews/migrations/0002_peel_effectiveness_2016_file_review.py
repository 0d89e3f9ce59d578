"""Seed the PEEL effectiveness 2016 file-review criteria and default sample design.

The criteria are drawn from what the 2016 reports say the file review looked at (see
docs/case-file-review.md); each is mapped to the sub-questions it is evidence for. The data is frozen
beside this migration.
"""

import json
from pathlib import Path

from django.db import migrations

DATA_FILE = Path(__file__).resolve().parent / "data" / "peel_effectiveness_2016_file_review.json"


def seed(apps, schema_editor):
    Programme = apps.get_model("peel", "Programme")
    Question = apps.get_model("peel", "Question")
    Criterion = apps.get_model("peel", "Criterion")
    DesignTemplate = apps.get_model("reviews", "DesignTemplate")
    StratumTemplate = apps.get_model("reviews", "StratumTemplate")
    data = json.loads(DATA_FILE.read_text(encoding="utf-8"))
    programme = Programme.objects.filter(slug=data["programme_slug"]).first()
    if programme is None:
        return
    questions = {q.code: q for q in Question.objects.filter(programme=programme)}
    for order, spec in enumerate(data["criteria"], start=1):
        criterion, _ = Criterion.objects.update_or_create(
            programme=programme,
            code=spec["code"],
            defaults={
                "section": spec["section"],
                "text": spec["text"],
                "help_text": spec["help_text"],
                "order": order,
                "answer_set": spec["answer_set"],
                "applicability": spec["applicability"],
                "afi_template": spec["afi"],
            },
        )
        criterion.questions.set([questions[code] for code in spec["questions"]])
    template, _ = DesignTemplate.objects.update_or_create(
        programme=programme, defaults={"total": data["design"]["total"]}
    )
    for order, stratum in enumerate(data["design"]["strata"], start=1):
        StratumTemplate.objects.update_or_create(
            template=template,
            label=stratum["label"],
            defaults={
                "crime_type": stratum["crime_type"],
                "crime_type_aliases": "\n".join(stratum["aliases"]),
                "requires_domestic_abuse": stratum["requires_domestic_abuse"],
                "order": order,
            },
        )


def unseed(apps, schema_editor):
    data = json.loads(DATA_FILE.read_text(encoding="utf-8"))
    codes = [spec["code"] for spec in data["criteria"]]
    apps.get_model("reviews", "DesignTemplate").objects.filter(
        programme__slug=data["programme_slug"]
    ).delete()
    apps.get_model("peel", "Criterion").objects.filter(
        programme__slug=data["programme_slug"], code__in=codes
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("peel", "0003_peel_effectiveness_2016"),
        ("reviews", "0001_initial"),
    ]
    operations = [migrations.RunPython(seed, unseed)]
