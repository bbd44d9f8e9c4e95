"""Fixtures every test layer shares.

The demo data is loaded once per test database (DESIGN.md section 10: migrating is slow, so
the database is made once per run), and each test runs inside a transaction that is rolled back.
"""

import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test.utils import override_settings
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings

from tests.support.stripe import localstripe_server, stripe_server  # noqa: F401

# Property tests judge correctness, never speed (speed lives in bench/): no per-example
# deadline, and no "too slow" health check, which a busy CI machine trips on input generation.
hypothesis_settings.register_profile(
    "haat", deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
hypothesis_settings.load_profile("haat")

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def media_root():
    """Uploaded and derived files of this run, kept out of the developer's media/ folder; the
    private files (batch photos) in a folder of their own beside it, outside MEDIA_ROOT."""
    path = Path(tempfile.mkdtemp(prefix="haat-test-media-"))
    private = Path(tempfile.mkdtemp(prefix="haat-test-private-media-"))
    with override_settings(MEDIA_ROOT=str(path), PRIVATE_MEDIA_ROOT=str(private)):
        yield path
    shutil.rmtree(path, ignore_errors=True)
    shutil.rmtree(private, ignore_errors=True)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker, media_root):
    with django_db_blocker.unblock():
        call_command("load_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115


@pytest.fixture(scope="session", autouse=True)
def celery_worker(request, media_root):
    """With Redis configured, a real Celery worker process serves the test database.

    Without Redis, tasks run eagerly in the test process and no worker is started.
    """
    if settings.CELERY_TASK_ALWAYS_EAGER:
        yield None
        return
    # Start after the test database exists, and stop before it is dropped.
    request.getfixturevalue("django_db_setup")
    request.getfixturevalue("localstripe_server")  # the worker talks to the same Stripe
    from storefront.celery import app

    app.control.purge()
    db = settings.DATABASES["default"]
    url = urlsplit(os.environ["DATABASE_URL"])
    env = dict(
        os.environ,
        DATABASE_URL=urlunsplit(url._replace(path="/" + db["NAME"])),
        MEDIA_ROOT=str(media_root),
        PRIVATE_MEDIA_ROOT=str(settings.PRIVATE_MEDIA_ROOT),
    )
    worker = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "storefront", "worker", "--pool=solo",
         "--without-heartbeat", "--without-gossip", "--without-mingle", "--loglevel=WARNING"],
        cwd=ROOT, env=env,
    )
    deadline = time.monotonic() + 60
    while not app.control.ping(timeout=1):
        if worker.poll() is not None or time.monotonic() > deadline:
            worker.kill()
            pytest.fail("the Celery worker did not start", pytrace=False)
    yield worker
    worker.send_signal(signal.SIGTERM)
    try:
        worker.wait(timeout=30)
    except subprocess.TimeoutExpired:
        worker.kill()


@pytest.fixture(autouse=True)
def _default_language():
    """Each test starts in the default language. A request to /hi/ or /bn/ leaves its language
    active in the test's thread, and reverse() (every get_absolute_url) then puts that prefix
    on the next test's addresses: a random order made one test fetch a product page in Hindi."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _fresh_cache():
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def demo_login(client):
    """Sign the test client in as the demo account of a role, e.g. demo_login("Finance")."""

    from tests.support.auth import demo_user, sign_in

    def login(role: str):
        return sign_in(client, demo_user(role))

    return login


@pytest.fixture
def eager_celery():
    """Run Celery tasks in the test's own transaction, even when a worker is configured."""
    from celery import _state

    from storefront.celery import app

    saved = app.conf.task_always_eager, app.conf.task_eager_propagates
    join_will_block = _state.task_join_will_block()
    app.conf.task_always_eager = app.conf.task_eager_propagates = True
    yield
    app.conf.task_always_eager, app.conf.task_eager_propagates = saved
    # Celery keeps "inside an eager task" in a process-wide flag that threads running eager
    # tasks at once can leave set (tests/concurrency); later result.get() calls would refuse.
    _state._set_task_join_will_block(join_will_block)


@pytest.fixture(autouse=True)
def _ledger_balances(request):
    """After every test that used the database, every journal in the ledger balances."""
    uses_db = request.node.get_closest_marker("django_db") is not None
    for name in ("transactional_db", "db"):
        if name in request.fixturenames:
            request.getfixturevalue(name)  # set up first, so it is torn down after this check
            uses_db = True
            break
    yield
    if uses_db:
        from payouts.ledger import unbalanced_journals

        assert unbalanced_journals() == [], "journals whose entries do not sum to zero"
