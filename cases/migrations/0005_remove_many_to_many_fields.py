from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("cases", "0004_copy_many_to_many_to_chooser_links")]

    operations = [
        migrations.RemoveField(
            model_name='casepage',
            name='contacts',
        ),
        migrations.RemoveField(
            model_name='casepage',
            name='related_research',
        ),
        migrations.RemoveField(
            model_name='researchfindingpage',
            name='partners',
        ),
        migrations.RemoveField(
            model_name='researchfindingpage',
            name='researchers',
        ),
    ]
