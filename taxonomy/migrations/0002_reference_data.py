from django.db import migrations

from taxonomy.reference import create_reference_data


def create_reference_rows(apps, schema_editor):
    create_reference_data(
        apps.get_model("taxonomy", "SDGGoal"),
        apps.get_model("taxonomy", "Municipality"),
        apps.get_model("taxonomy", "WorkLevel"),
    )


class Migration(migrations.Migration):
    dependencies = [("taxonomy", "0001_initial")]

    operations = [migrations.RunPython(create_reference_rows, migrations.RunPython.noop)]
