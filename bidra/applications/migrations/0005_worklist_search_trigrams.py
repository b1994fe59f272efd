"""Trigram indexes for the work list's free-text search on PostgreSQL (SQLite has no such index).

The search matches any part of a case number, municipality, administration or title, which Django
writes as UPPER(column) LIKE UPPER('%text%'): a b-tree cannot serve that, a pg_trgm GIN index on
the same expression can. pg_trgm is a trusted extension (PostgreSQL 13+): the database owner may
create it.
"""

from django.db import migrations

INDEXES = [
    ("application_title_trgm", "applications_application", "title"),
    ("application_administration_trgm", "applications_application", "administration"),
    ("diarium_case_number_trgm", "diarium_case", "number"),
]


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for name, table, column in INDEXES:
        schema_editor.execute(
            f'CREATE INDEX IF NOT EXISTS {name} ON {table} USING gin (UPPER("{column}"::text) gin_trgm_ops)'
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, _table, _column in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [
        ("applications", "0004_worklist_indexes"),
        ("diarium", "0003_weeding_tombstone"),
    ]

    operations = [migrations.RunPython(create, drop)]
