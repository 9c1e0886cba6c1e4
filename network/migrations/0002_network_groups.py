"""The two groups the confidential room is restricted to, so the secretariat finds them in
the admin from the start (network.groups)."""

from django.db import migrations

GROUPS = ("Netværksmedlemmer", "Videnspartnere")


def create(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for name in GROUPS:
        Group.objects.get_or_create(name=name)


class Migration(migrations.Migration):
    dependencies = [("network", "0001_network"), ("auth", "0012_alter_user_first_name_max_length")]

    operations = [migrations.RunPython(create, migrations.RunPython.noop)]
