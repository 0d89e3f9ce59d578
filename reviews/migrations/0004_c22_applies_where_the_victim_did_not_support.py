"""C22 asks, where the victim did not support action, whether victimless-prosecution options were
considered. It applied to every evidential-difficulties outcome (14–16); in outcome 15 the victim does
support action, so the question does not arise. It now applies to outcomes 14 and 16."""

from django.db import migrations

PROGRAMME = "peel-effectiveness-2016"
NOW = {
    "applicability": "victim_did_not_support",
    "help_text": "Applies to files whose outcome is 14 or 16 (evidential difficulties; the victim does not "
    "support action).",
}
BEFORE = {
    "applicability": "evidential_difficulties",
    "help_text": "Applies to files with an evidential-difficulties outcome (14 to 16).",
}


def _set(apps, values):
    Criterion = apps.get_model("peel", "Criterion")
    Criterion.objects.filter(programme__slug=PROGRAMME, code="C22").update(**values)


def forwards(apps, schema_editor):
    _set(apps, NOW)


def backwards(apps, schema_editor):
    _set(apps, BEFORE)


class Migration(migrations.Migration):
    dependencies = [
        ("peel", "0006_criterion_applicability_victim_did_not_support"),
        ("reviews", "0003_case_file_crime_fast_frame_replace"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
