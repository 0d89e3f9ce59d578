"""A GIN index for the full-text search of evidence notes on PostgreSQL (peel.selectors.evidence
``evidence_notes_matching``). Its expression is the one Django's ``SearchVector("text", config="english")``
compiles to, so the planner can use it. SQLite, the embedded default, searches by substring: no index."""

from django.db import migrations

CREATE = (
    "CREATE INDEX IF NOT EXISTS evidence_note_text_search ON peel_evidencenote "
    "USING gin (to_tsvector('english'::regconfig, COALESCE(text, '')))"
)
DROP = "DROP INDEX IF EXISTS evidence_note_text_search"


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("peel", "0012_hm_inspector_role")]

    operations = [migrations.RunPython(create, drop)]
