from django.db import migrations

from cases.data.reference import MUNICIPALITIES, SDG_GOALS, WORK_LEVELS


def create_reference_data(apps, schema_editor):
    SDGGoal = apps.get_model("cases", "SDGGoal")
    Municipality = apps.get_model("cases", "Municipality")
    WorkLevel = apps.get_model("cases", "WorkLevel")
    for number, title_da, title_en, colour in SDG_GOALS:
        SDGGoal.objects.update_or_create(
            number=number, defaults={"title_da": title_da, "title_en": title_en, "colour": colour}
        )
    for code, name, slug, region in MUNICIPALITIES:
        Municipality.objects.update_or_create(
            code=code, defaults={"name": name, "slug": slug, "region": region}
        )
    for number, name in WORK_LEVELS:
        WorkLevel.objects.update_or_create(number=number, defaults={"name": name})


class Migration(migrations.Migration):
    dependencies = [("cases", "0002_initial")]

    operations = [migrations.RunPython(create_reference_data, migrations.RunPython.noop)]
