"""The audit log at national size (millions of events):

- by council: an index on (council_id, created_at), for a council's events newest first and for
  the list of councils in the log (one probe a council). The index on council_id alone stays:
  dropping it would rebuild the table on SQLite, and with it the triggers that keep the log
  append-only;
- by who: on PostgreSQL, a trigram index on the actor's email, so that "email contains" need not
  read every event (SQLite keeps its plain scan).
"""

from django.db import migrations, models

ACTOR_INDEX = "core_auditevent_actor_trgm"


def actor_index_create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS {ACTOR_INDEX} ON core_auditevent "
        "USING gin (upper(actor_email) gin_trgm_ops)"
    )


def actor_index_drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {ACTOR_INDEX}")


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0007_delivery"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="auditevent",
            index=models.Index(fields=["council_id", "created_at"], name="audit_by_council"),
        ),
        migrations.RunPython(actor_index_create, actor_index_drop),
    ]
