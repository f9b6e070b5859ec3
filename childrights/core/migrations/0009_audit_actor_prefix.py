"""The audit log's "who" matches the start of the address (``istartswith``), not any part: on
PostgreSQL a B-tree on upper(actor_email) with text_pattern_ops serves that match as a range of
the index, however common the start. The trigram index served only "contains" and goes; it was
a cost on every event written. SQLite keeps its plain scan, as before.
"""

from django.db import migrations

PREFIX_INDEX = "core_auditevent_actor_prefix"
TRIGRAM_INDEX = "core_auditevent_actor_trgm"


def prefix_index_create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS {PREFIX_INDEX} ON core_auditevent "
        "(upper(actor_email) text_pattern_ops)"
    )
    schema_editor.execute(f"DROP INDEX IF EXISTS {TRIGRAM_INDEX}")


def prefix_index_drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS {TRIGRAM_INDEX} ON core_auditevent "
        "USING gin (upper(actor_email) gin_trgm_ops)"
    )
    schema_editor.execute(f"DROP INDEX IF EXISTS {PREFIX_INDEX}")


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0008_audit_indexes"),
    ]

    operations = [
        migrations.RunPython(prefix_index_create, prefix_index_drop),
    ]
