"""C09 (safeguarding, including children in the household) and C10 (referrals to partners such as MARAC
and IDVAs) applied only where the reviewer ticked "vulnerable victim", so on a domestic-abuse file without
the tick they were recorded as not applicable. Victims of domestic abuse are vulnerable by definition in
the reference's own terms: it treats domestic abuse as part of protecting vulnerable people, reviews every
domestic-abuse victim's risk assessment "to ensure ... that safeguarding is in place", and refers high and
medium-risk victims to MARAC and every level of risk to IDVAs. The two criteria now apply to files with a
vulnerable victim and to every domestic-abuse file. Reviews already finished keep their answers."""

from django.db import migrations

PROGRAMME = "peel-effectiveness-2016"
RULE = "Applies where the victim was identified as vulnerable, and to every domestic-abuse file."
NOW = {
    "C09": {"applicability": "vulnerable_or_domestic_abuse", "help_text": RULE},
    "C10": {
        "applicability": "vulnerable_or_domestic_abuse",
        "help_text": f"{RULE} Consider whether the referral was made in time for continuing safeguarding.",
    },
}
BEFORE = {
    "C09": {"applicability": "vulnerable_victim", "help_text": ""},
    "C10": {
        "applicability": "vulnerable_victim",
        "help_text": "Consider whether the referral was made in time for continuing safeguarding.",
    },
}


def _set(apps, values):
    Criterion = apps.get_model("peel", "Criterion")
    for code, fields in values.items():
        Criterion.objects.filter(programme__slug=PROGRAMME, code=code).update(**fields)


def forwards(apps, schema_editor):
    _set(apps, NOW)


def backwards(apps, schema_editor):
    _set(apps, BEFORE)


class Migration(migrations.Migration):
    dependencies = [
        ("peel", "0007_criterion_applicability_vulnerable_or_domestic_abuse"),
        ("reviews", "0004_c22_applies_where_the_victim_did_not_support"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
