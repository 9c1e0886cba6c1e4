"""PostgreSQL: the tsvector moves to a narrow table of its own, search_vector.

Searching thousands of matches must not read the wide text rows. The body's lexemes are kept
once each, without positions (so weight D); title, summary and taxonomy keep positions and
weights A and B. The backend fills the table on every write (search.backends.database_postgres),
as it fills the FTS5 table on SQLite. Nothing to do on SQLite.
"""

from django.db import migrations

VECTOR = """
    setweight(to_tsvector('simple'::regconfig, title_terms), 'A')
    || setweight(to_tsvector('simple'::regconfig, summary_terms), 'B')
    || setweight(to_tsvector('simple'::regconfig, tags_terms), 'B')
    || strip(to_tsvector('simple'::regconfig, body_terms))
"""
OLD_VECTOR = """
    setweight(to_tsvector('simple'::regconfig, title_terms), 'A')
    || setweight(to_tsvector('simple'::regconfig, summary_terms), 'B')
    || setweight(to_tsvector('simple'::regconfig, tags_terms), 'B')
    || setweight(to_tsvector('simple'::regconfig, body_terms), 'C')
"""

FORWARD = [
    "DROP INDEX IF EXISTS search_searchentry_vector",
    "ALTER TABLE search_searchentry DROP COLUMN IF EXISTS search_vector",
    "CREATE TABLE search_vector (page_id integer PRIMARY KEY, vector tsvector NOT NULL)",
    "CREATE INDEX search_vector_gin ON search_vector USING gin (vector) WITH (fastupdate = off)",
    f"INSERT INTO search_vector (page_id, vector) SELECT page_id, {VECTOR} FROM search_searchentry",
]
BACKWARD = [
    "DROP TABLE IF EXISTS search_vector",
    f"ALTER TABLE search_searchentry ADD COLUMN search_vector tsvector GENERATED ALWAYS AS ({OLD_VECTOR}) STORED",
    "CREATE INDEX search_searchentry_vector ON search_searchentry USING gin (search_vector)",
]


def run(statements):
    def operation(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for statement in statements:
                schema_editor.execute(statement)

    return operation


class Migration(migrations.Migration):
    dependencies = [("search", "0003_narrow_filters")]

    operations = [migrations.RunPython(run(FORWARD), run(BACKWARD))]
