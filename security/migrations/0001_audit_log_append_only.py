"""django-auditlog's entries refuse UPDATE and DELETE in the database itself.

PostgreSQL: a row trigger refuses both, except the one update Django itself makes when a user is
deleted (actor set to NULL, nothing else changed). TRUNCATE, which only a test database's flush
uses, is a different statement and still works. SQLite: UPDATE only (the test flush on SQLite
empties tables with DELETE), with the same exception.
"""

from django.db import migrations

# schema_editor.execute passes params, so a literal % is written %%.
PG_FORWARD = """
CREATE OR REPLACE FUNCTION haat_audit_log_append_only() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND NEW.actor_id IS NULL AND OLD.actor_id IS NOT NULL
       AND (to_jsonb(NEW) - 'actor_id') = (to_jsonb(OLD) - 'actor_id') THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'the audit log is append-only: %% on %% refused', TG_OP, TG_TABLE_NAME;
END
$$ LANGUAGE plpgsql;
CREATE TRIGGER haat_audit_log_append_only BEFORE UPDATE OR DELETE ON auditlog_logentry
    FOR EACH ROW EXECUTE FUNCTION haat_audit_log_append_only();
"""
PG_BACKWARD = """
DROP TRIGGER IF EXISTS haat_audit_log_append_only ON auditlog_logentry;
DROP FUNCTION IF EXISTS haat_audit_log_append_only();
"""
SQLITE_FORWARD = """
CREATE TRIGGER haat_audit_log_no_update BEFORE UPDATE ON auditlog_logentry
    WHEN NOT (NEW.actor_id IS NULL AND OLD.actor_id IS NOT NULL)
    BEGIN SELECT RAISE(ABORT, 'the audit log is append-only: UPDATE on auditlog_logentry refused'); END
"""
SQLITE_BACKWARD = "DROP TRIGGER IF EXISTS haat_audit_log_no_update"


def forward(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(PG_FORWARD)
    elif vendor == "sqlite":
        schema_editor.execute(SQLITE_FORWARD)


def backward(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(PG_BACKWARD)
    elif vendor == "sqlite":
        schema_editor.execute(SQLITE_BACKWARD)


class Migration(migrations.Migration):
    dependencies = [("auditlog", "0017_add_actor_email")]

    operations = [migrations.RunPython(forward, backward)]
