"""Eight shoppers at once on the zero-set-up database, a SQLite FILE, get no errors (issue 19).

The demo's default database is a SQLite file; with a few people using it at once, adds to basket
and sign-ins answered 500 "database is locked". Here a copy of the test database (demo data
included) is written to a file, and a subprocess with DATABASE_URL pointing at it, so with the
settings' real OPTIONS, runs 8 threads through the whole request stack
(tests/concurrency/sqlite_shoppers.py): 6 adds to basket each, two of them signed in as the demo
shopper sharing a basket. Every request must succeed and every visitor's basket hold its lines.
With the old OPTIONS (a busy timeout alone) the same run gets dozens of "database is locked".
"""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

ROOT = Path(__file__).resolve().parents[2]
THREADS, ADDS = 8, 6

pytestmark = [
    # The test database must exist (and hold the demo data) to be copied; nothing is written to it.
    pytest.mark.django_db,
    pytest.mark.skipif(
        settings.IS_POSTGRES or connection.vendor != "sqlite",
        reason="the zero-set-up default is SQLite: the file copy is made from the SQLite test database",
    ),
]


@pytest.fixture(scope="session")
def shop_file(tmp_path_factory, django_db_setup, django_db_blocker):
    """The test database (migrated, with the demo data) copied to a file.

    Session-scoped, so it is copied between tests: SQLite's backup of a connection that is
    inside a test's transaction would wait for that transaction for ever."""
    import sqlite3

    path = tmp_path_factory.mktemp("sqlite-shop") / "shop.sqlite3"
    with django_db_blocker.unblock():
        connection.ensure_connection()
        target = sqlite3.connect(path)
        connection.connection.backup(target)
        target.close()
    return path


def run_shoppers(path, tmp_path):
    env = dict(os.environ, DJANGO_ENV="test", DATABASE_URL=f"sqlite:///{path}", REDIS_URL="",
               MEDIA_ROOT=str(tmp_path / "media"), LOG_LEVEL="ERROR")
    done = subprocess.run(
        [sys.executable, "-m", "tests.concurrency.sqlite_shoppers",
         "--threads", str(THREADS), "--adds", str(ADDS)],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=240, check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_eight_shoppers_at_once_on_a_sqlite_file_get_no_errors(shop_file, tmp_path):
    result = run_shoppers(shop_file, tmp_path)

    # The run used the project's OPTIONS, and the file is in write-ahead-log mode.
    assert result["options"] == settings.SQLITE_OPTIONS
    assert result["journal_mode"] == "wal"
    assert result["products"] >= ADDS
    # Every sign-in and add to basket answered with its redirect: none locked out, none a 500.
    assert result["errors"] == []
    assert result["requests"] == THREADS * ADDS + 2
    # And nothing was lost: each visitor's basket holds every piece they added.
    assert result["baskets_whole"] is True
