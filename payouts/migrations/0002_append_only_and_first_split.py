"""The ledger's journals and entries refuse UPDATE and DELETE in the database itself, and the
first split settings (finance changes them in the dashboard by adding a newer dated row).

PostgreSQL: a row trigger refuses UPDATE and DELETE (TRUNCATE, which only a test database's flush
uses, is a different statement and still works). SQLite: a trigger refuses UPDATE only, because
Django's test flush on SQLite empties tables with DELETE.
"""

import datetime
from decimal import Decimal

from django.db import migrations

# schema_editor.execute passes params, so a literal % is written %%.
PG_FORWARD = """
CREATE OR REPLACE FUNCTION payouts_ledger_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'the ledger is append-only: %% on %% refused (post a reversing journal)',
        TG_OP, TG_TABLE_NAME;
END
$$ LANGUAGE plpgsql;
CREATE TRIGGER payouts_journal_append_only BEFORE UPDATE OR DELETE ON payouts_journal
    FOR EACH ROW EXECUTE FUNCTION payouts_ledger_append_only();
CREATE TRIGGER payouts_entry_append_only BEFORE UPDATE OR DELETE ON payouts_entry
    FOR EACH ROW EXECUTE FUNCTION payouts_ledger_append_only();
"""
PG_BACKWARD = """
DROP TRIGGER IF EXISTS payouts_entry_append_only ON payouts_entry;
DROP TRIGGER IF EXISTS payouts_journal_append_only ON payouts_journal;
DROP FUNCTION IF EXISTS payouts_ledger_append_only();
"""
SQLITE_FORWARD = [
    """CREATE TRIGGER payouts_journal_no_update BEFORE UPDATE ON payouts_journal
       BEGIN SELECT RAISE(ABORT, 'the ledger is append-only: UPDATE on payouts_journal refused'); END""",
    """CREATE TRIGGER payouts_entry_no_update BEFORE UPDATE ON payouts_entry
       BEGIN SELECT RAISE(ABORT, 'the ledger is append-only: UPDATE on payouts_entry refused'); END""",
]
SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS payouts_journal_no_update",
    "DROP TRIGGER IF EXISTS payouts_entry_no_update",
]


def forward(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(PG_FORWARD)
    elif vendor == "sqlite":
        for sql in SQLITE_FORWARD:
            schema_editor.execute(sql)


def backward(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(PG_BACKWARD)
    elif vendor == "sqlite":
        for sql in SQLITE_BACKWARD:
            schema_editor.execute(sql)


def first_split(apps, schema_editor):
    SplitSetting = apps.get_model("payouts", "SplitSetting")
    SplitSetting.objects.get_or_create(
        valid_from=datetime.datetime(2025, 1, 1, tzinfo=datetime.UTC),
        defaults={
            "gst_rate": Decimal("0.05"),
            "maker_share": Decimal("0.30"),
            "fund_share": Decimal("0.10"),
            "note": "Opening settings: 5% GST (cotton and jute bags), 30% of the net price to "
                    "the maker, 10% to the training fund.",
        },
    )


class Migration(migrations.Migration):
    dependencies = [("payouts", "0001_initial")]

    operations = [
        migrations.RunPython(forward, backward),
        migrations.RunPython(first_split, migrations.RunPython.noop),
    ]
