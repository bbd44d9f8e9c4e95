"""make backup / make restore (README, "Backups"): a round trip into a scratch database keeps
every table's row count and the ledger's totals, and the media files byte for byte; a damaged
backup is refused before anything is touched."""

import subprocess
from pathlib import Path

import psycopg
import pytest
from django.conf import settings
from django.db import connection

from payouts.ledger import post

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(not settings.IS_POSTGRES, reason="pg_dump/pg_restore need PostgreSQL"),
]
ROOT = Path(__file__).resolve().parents[2]


def url_of(name):
    db = settings.DATABASES["default"]
    user = db.get("USER") or "postgres"
    auth = f"{user}:{db['PASSWORD']}" if db.get("PASSWORD") else user
    return f"postgres://{auth}@{db.get('HOST') or '127.0.0.1'}:{db.get('PORT') or 5432}/{name}"


def snapshot(url):
    """Row count of every table, and each ledger account's balance and the grand total."""
    with psycopg.connect(url) as conn:
        tables = [r[0] for r in conn.execute(
            "SELECT table_name FROM information_schema.tables "
            "WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1")]
        counts = {t: conn.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in tables}
        balances = dict(conn.execute(
            "SELECT a.code, SUM(e.amount) FROM payouts_entry e "
            "JOIN payouts_account a ON a.id = e.account_id GROUP BY a.code ORDER BY a.code"))
        total = conn.execute("SELECT COALESCE(SUM(amount), 0), count(*) FROM payouts_entry").fetchone()
    return counts, balances, total


def make(target, **env):
    import os

    return subprocess.run(["make", "--no-print-directory", target, *(f"{k}={v}" for k, v in env.items())],
                          cwd=ROOT, capture_output=True, text=True, timeout=300,
                          env={**os.environ, "DATABASE_URL": env.pop("DATABASE_URL", "")})


@pytest.fixture
def scratch_db():
    name = settings.DATABASES["default"]["NAME"] + "_restore"
    admin_url = url_of("postgres")
    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
    yield url_of(name)
    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_backup_and_restore_keep_every_row_the_ledger_and_the_media(tmp_path, scratch_db):
    # Money in the ledger, so the totals compared are not all zero.
    accounts = post(key="backup-test:1", memo="backup round trip", entries=[
        ("bank", 123_456), ("sales-revenue", -123_456)])
    assert accounts.entries.count() == 2
    media = tmp_path / "media"
    (media / "batches").mkdir(parents=True)
    (media / "batches" / "photo.jpg").write_bytes(b"\xff\xd8 not really a jpeg \xff\xd9")
    private = tmp_path / "private_media"  # workshop batch photos, outside MEDIA_ROOT
    (private / "workshop" / "batches").mkdir(parents=True)
    (private / "workshop" / "batches" / "batch.jpg").write_bytes(b"\xff\xd8 a batch \xff\xd9")
    source = url_of(settings.DATABASES["default"]["NAME"])
    connection.close()  # our own connection holds no snapshot open across pg_dump

    backup_dir = tmp_path / "backup"
    done = make("backup", BACKUP_DIR=backup_dir, MEDIA_ROOT=media, PRIVATE_MEDIA_ROOT=private,
                DATABASE_URL=source)
    assert done.returncode == 0, done.stdout + done.stderr
    assert sorted(p.name for p in backup_dir.iterdir()) == [
        "SHA256SUMS", "db.dump", "media.tar.gz", "private_media.tar.gz"]

    restored_media = tmp_path / "restored-media"
    restored_private = tmp_path / "restored-private"
    done = make("restore", BACKUP_DIR=backup_dir, MEDIA_ROOT=restored_media,
                PRIVATE_MEDIA_ROOT=restored_private, DATABASE_URL=scratch_db)
    assert done.returncode == 0, done.stdout + done.stderr

    before, after = snapshot(source), snapshot(scratch_db)
    assert after[0] == before[0]  # every table, every row count
    assert after[1] == before[1] and after[1]["bank"] >= 123_456  # each account's balance
    assert after[2] == before[2] and after[2][0] == 0  # the whole ledger still sums to zero
    assert (restored_media / "batches" / "photo.jpg").read_bytes() == \
        (media / "batches" / "photo.jpg").read_bytes()
    assert (restored_private / "workshop" / "batches" / "batch.jpg").read_bytes() == \
        (private / "workshop" / "batches" / "batch.jpg").read_bytes()

    # The restored ledger is still append-only: the triggers came back with the tables.
    with psycopg.connect(scratch_db) as conn, pytest.raises(psycopg.Error):
        conn.execute("UPDATE payouts_entry SET amount = amount + 1")


def test_a_damaged_backup_is_refused_and_nothing_is_restored(tmp_path, scratch_db):
    source = url_of(settings.DATABASES["default"]["NAME"])
    connection.close()
    backup_dir = tmp_path / "backup"
    assert make("backup", BACKUP_DIR=backup_dir, MEDIA_ROOT=tmp_path / "none",
                PRIVATE_MEDIA_ROOT=tmp_path / "none-private", DATABASE_URL=source).returncode == 0
    with open(backup_dir / "db.dump", "r+b") as dump:
        dump.seek(200)
        dump.write(b"XXXX")
    done = make("restore", BACKUP_DIR=backup_dir, MEDIA_ROOT=tmp_path / "m",
                PRIVATE_MEDIA_ROOT=tmp_path / "p", DATABASE_URL=scratch_db)
    assert done.returncode != 0
    assert "fails its SHA256SUMS check" in done.stderr
    with psycopg.connect(url_of("postgres")) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s",
                              [scratch_db.rsplit("/", 1)[1]]).fetchone()
    assert exists is None


def test_restore_asks_which_backup():
    done = make("restore", DATABASE_URL="postgres://postgres@127.0.0.1:5432/unused")
    assert done.returncode != 0
    assert "say which backup" in done.stdout + done.stderr
