"""The audit log refuses TRUNCATE on PostgreSQL and DELETE on SQLite as well.

Row triggers do not fire on TRUNCATE, so PostgreSQL gets a statement trigger for it. SQLite has
no TRUNCATE; a DELETE trigger closes the last way to remove events there. Test databases are
emptied between browser tests by the test harness, which lifts these for that moment only
(``childrights.testing.audit``); a production database role that does not own the tables cannot
lift them (docs/deployment.md).
"""

from django.db import migrations

POSTGRES_UP = """
CREATE TRIGGER core_auditevent_no_truncate BEFORE TRUNCATE ON core_auditevent
    FOR EACH STATEMENT EXECUTE FUNCTION core_auditevent_refuse_change();
"""
POSTGRES_DOWN = "DROP TRIGGER IF EXISTS core_auditevent_no_truncate ON core_auditevent;"
SQLITE_UP = """
CREATE TRIGGER core_auditevent_no_delete BEFORE DELETE ON core_auditevent
BEGIN
    SELECT RAISE(ABORT, 'The audit log is append-only');
END;
"""
SQLITE_DOWN = "DROP TRIGGER IF EXISTS core_auditevent_no_delete;"


def forwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(POSTGRES_UP)
    elif vendor == "sqlite":
        schema_editor.execute(SQLITE_UP)


def backwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(POSTGRES_DOWN)
    elif vendor == "sqlite":
        schema_editor.execute(SQLITE_DOWN)


class Migration(migrations.Migration):
    dependencies = [("core", "0005_audit_view_action")]

    operations = [migrations.RunPython(forwards, backwards)]
