"""The index behind "newest first" (CasePage.Meta.indexes).

SQLite cannot write NULLS LAST in an index, and needs not: it sorts nulls first, so a
descending column already keeps them last, which is the order the query asks for."""

from django.db import migrations, models

INDEX = models.Index(
    models.OrderBy(models.F("date"), descending=True, nulls_last=True),
    models.OrderBy(models.F("page_ptr"), descending=True),
    name="case_newest_first",
)
TABLE = "cases_casepage"


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute(
            f'CREATE INDEX "{INDEX.name}" ON "{TABLE}" ("date" DESC, "page_ptr_id" DESC)'
        )
    else:
        schema_editor.add_index(apps.get_model("cases", "CasePage"), INDEX)


def drop(apps, schema_editor):
    schema_editor.remove_index(apps.get_model("cases", "CasePage"), INDEX)


class Migration(migrations.Migration):
    dependencies = [("cases", "0008_content_date")]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.AddIndex(model_name="casepage", index=INDEX)],
            database_operations=[migrations.RunPython(create, drop)],
        )
    ]
