"""Areas for improvement in PEEL effectiveness 2016 carry recommendations (Cleveland's 2016 report gives
one a dated recommendation), and recommendations are now refused where a finding type has none: so
PEEL 2016's area for improvement, and that of any programme whose areas for improvement already hold
recommendations, is marked as carrying them. The reverse leaves them marked: nothing then relies on
the flag being off."""

from django.db import migrations
from django.db.models import Q


def afi_types_mark(apps, schema_editor):
    FindingType = apps.get_model("peel", "FindingType")
    Recommendation = apps.get_model("peel", "Recommendation")
    holding = Recommendation.objects.filter(afi__isnull=False).values("afi__inspection__programme_id")
    FindingType.objects.filter(
        Q(programme__slug="peel-effectiveness-2016") | Q(programme_id__in=holding),
        code="area_for_improvement",
    ).update(has_recommendations=True)


class Migration(migrations.Migration):
    dependencies = [("peel", "0016_grade_level_colour")]

    operations = [migrations.RunPython(afi_types_mark, migrations.RunPython.noop)]
