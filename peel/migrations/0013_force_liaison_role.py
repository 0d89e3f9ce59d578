"""Create the Force liaison role group (a force's reader of its draft report during the factual accuracy
check; which force is set in the admin, ``factual_accuracy.ForceLiaison``)."""

from django.db import migrations

ROLE_NAME = "Force liaison"


def create_role(apps, schema_editor):
    apps.get_model("auth", "Group").objects.get_or_create(name=ROLE_NAME)


def remove_role(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=ROLE_NAME).delete()


class Migration(migrations.Migration):
    dependencies = [("peel", "0012_hm_inspector_role")]
    operations = [migrations.RunPython(create_role, remove_role)]
