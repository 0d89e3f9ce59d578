"""Give every programme present the PEEL effectiveness 2016 grade scale and finding types, which were
code until now (a ``Grade`` TextChoices): four levels and the ungraded option; areas for improvement and
causes of concern. Frozen here; later programmes bring their own (docs/frameworks.md)."""

from django.db import migrations

LEVELS = [
    ("outstanding", "Outstanding", "outstanding", "#1d6b2f", False),
    ("good", "Good", "good", "#2e7d32", False),
    ("requires_improvement", "Requires improvement", "requires improvement", "#b35c00", False),
    ("inadequate", "Inadequate", "inadequate", "#a4262c", False),
    ("ungraded", "Ungraded", "ungraded", "#5a5a5a", True),
]

FINDING_TYPES = [
    ("cause_of_concern", "Cause of concern", "Causes of concern", True),
    ("area_for_improvement", "Area for improvement", "Areas for improvement", False),
]


def scale_add(apps, schema_editor):
    Programme = apps.get_model("peel", "Programme")
    GradeLevel = apps.get_model("peel", "GradeLevel")
    FindingType = apps.get_model("peel", "FindingType")
    for programme in Programme.objects.all():
        GradeLevel.objects.bulk_create(
            GradeLevel(
                programme=programme,
                code=code,
                label=label,
                report_wording=wording,
                colour=colour,
                order=order,
                is_ungraded=is_ungraded,
            )
            for order, (code, label, wording, colour, is_ungraded) in enumerate(LEVELS, start=1)
        )
        FindingType.objects.bulk_create(
            FindingType(
                programme=programme,
                code=code,
                label=label,
                plural_label=plural,
                has_recommendations=has_recommendations,
                order=order,
            )
            for order, (code, label, plural, has_recommendations) in enumerate(FINDING_TYPES, start=1)
        )


def scale_remove(apps, schema_editor):
    """Back to grades in code: refused if a judgment holds a grade the four-level code cannot."""
    Judgment = apps.get_model("peel", "Judgment")
    codes = [code for code, *_ in LEVELS]
    foreign = Judgment.objects.exclude(grade__in=["", *codes]) | Judgment.objects.exclude(
        proposed_grade__in=["", *codes]
    )
    if foreign.exists():
        raise RuntimeError(
            "Judgments hold grades outside PEEL 2016's scale (e.g. adequate): delete those programmes' "
            "inspections before going back past this migration."
        )
    apps.get_model("peel", "GradeLevel").objects.all().delete()
    apps.get_model("peel", "FindingType").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("peel", "0013_grade_scale_finding_types")]

    operations = [migrations.RunPython(scale_add, scale_remove)]
