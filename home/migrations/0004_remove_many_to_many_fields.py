from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("home", "0003_copy_many_to_many_to_chooser_links")]

    operations = [
        migrations.RemoveField(
            model_name='networkpage',
            name='knowledge_partners',
        ),
        migrations.RemoveField(
            model_name='sitesettings',
            name='organisations',
        ),
    ]
