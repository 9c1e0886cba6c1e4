from django.db import migrations, models


def count_existing_words_once(apps, schema_editor):
    """Words learnt before the counts existed stay suggestible; a rebuild makes them exact."""
    apps.get_model("search", "SearchWord").objects.update(documents=1)


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0006_index_version"),
    ]

    operations = [
        migrations.RenameModel("PendingIndexUpdate", "IndexUpdate"),
        migrations.RemoveField(model_name="indexupdate", name="action"),
        migrations.AlterModelOptions(
            name="indexupdate",
            options={
                "ordering": ["created", "pk"],
                "verbose_name": "indeksopdatering",
                "verbose_name_plural": "indeksopdateringer",
            },
        ),
        migrations.CreateModel(
            name="ExternalIndex",
            fields=[
                ("backend", models.CharField(max_length=50, primary_key=True, serialize=False)),
                ("built", models.DateTimeField()),
            ],
            options={
                "verbose_name": "eksternt søgeindeks",
                "verbose_name_plural": "eksterne søgeindekser",
            },
        ),
        migrations.AddField(
            model_name="searchentry",
            name="words",
            field=models.TextField(blank=True, default=""),
        ),
        migrations.AddField(
            model_name="searchword",
            name="documents",
            field=models.PositiveIntegerField(default=0),
        ),
        migrations.RunPython(count_existing_words_once, migrations.RunPython.noop),
    ]
