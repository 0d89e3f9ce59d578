"""Create the HM Inspector role group (who signs a report off before it is published)."""

from django.db import migrations

ROLE_NAME = "HM Inspector"


def create_role(apps, schema_editor):
    apps.get_model("auth", "Group").objects.get_or_create(name=ROLE_NAME)


def remove_role(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=ROLE_NAME).delete()


class Migration(migrations.Migration):
    dependencies = [("peel", "0011_inspection_hmi")]
    operations = [migrations.RunPython(create_role, remove_role)]
