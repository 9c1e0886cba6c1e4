from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("events", "0003_copy_many_to_many_to_chooser_links")]

    operations = [
        migrations.RemoveField(
            model_name='eventpage',
            name='participants',
        ),
    ]
