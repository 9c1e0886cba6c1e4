from django.db import migrations

from cases.data.reference import create_reference_data


def create_reference_rows(apps, schema_editor):
    create_reference_data(
        apps.get_model("cases", "SDGGoal"),
        apps.get_model("cases", "Municipality"),
        apps.get_model("cases", "WorkLevel"),
    )


class Migration(migrations.Migration):
    dependencies = [("cases", "0002_initial")]

    operations = [migrations.RunPython(create_reference_rows, migrations.RunPython.noop)]
