"""Staff long jobs of the payouts app for bench/jobs.py (issue 22).

* "payout run drafted": finance's "Draft run" for every maker owed money, each with a month of
  earnings (piece rates and sale shares): the run opened (``runs.start_draft``) and its lines
  written (``runs.fill_draft``, the Celery task's body, run in-process here). Each repeat first
  discards the draft the previous one left (one run is open at a time): that delete is timed
  too, and is small beside the draft.
* "statement PDFs, one batch": the month's statements of every maker with one, as one zip,
  as finance's click makes it: ``statement_batches.start_batch``, then the Celery task
  ``make_statement_batch`` queued to ``BENCH_JOBS_WORKERS`` (2) Celery worker processes that the
  bench starts (``celery -A storefront worker -c 2``, its own queue, Redis
  ``BENCH_JOBS_REDIS``, default ``redis://127.0.0.1:6379/11``); the task cuts the makers into
  chunks rendered side by side (a chord), and the time runs until the batch's row says done.
  The worker is started before the timing and stopped when the bench ends; the queries counted
  are the bench process's own (start the batch, queue it, read its row), not the workers'.
  ``BENCH_JOBS_WORKERS=0``: the whole batch in-process, chunk after chunk (``build_batch``).

The two jobs keep out of each other's way by month: the statement makers' month is in the past
(January 2025 for the small size, February for the large) and ends with their payout, so they owe nothing afterwards and no payout run
sees them; the payout makers earn in November 2025, after it. Journals are dated by inserting
them with their date (the ledger is append-only: nothing is updated). Sizes are reached by
earning for the makers that should be owed and settling the ones that should not (a
balancing journal, as the ledger corrects anything), so a rerun at the small size after the
large one measures the small size again.
"""

from __future__ import annotations

import atexit
import contextlib
import datetime
import os
import random
import signal
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

from bench.jobs import Job

PAYOUT_MONTH = datetime.date(2025, 11, 1)
STATEMENT_MONTH = datetime.date(2025, 1, 1)
PIECE_RATES, SALES = 4, 6  # a month of earnings: journals per maker


@contextlib.contextmanager
def _dated_journals():
    """Journals inserted with the date given (created_at is auto_now_add otherwise)."""
    from payouts.models import Journal

    field = Journal._meta.get_field("created_at")
    field.auto_now_add = False
    try:
        yield
    finally:
        field.auto_now_add = True


def _finance(name):
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    user, _created = get_user_model().objects.get_or_create(
        username=name, defaults={"email": f"{name}@bench.test", "is_staff": True})
    user.groups.add(Group.objects.get_or_create(name="Finance")[0])
    return user


def _makers(prefix: str, count: int) -> list:
    """Makers "<prefix> 0" … "<prefix> count-1" (made once, reused)."""
    from oscar.core.loading import get_model

    from artisans.models import Artisan, Shelter

    Partner = get_model("partner", "Partner")
    partner, _created = Partner.objects.get_or_create(name="Bench shelter")
    shelter, _created = Shelter.objects.get_or_create(
        public_label="Bench shelter group, West Bengal", defaults={"partner": partner})
    have = {a.pseudonym: a for a in Artisan.objects.filter(pseudonym__startswith=prefix + " ")}
    Artisan.objects.bulk_create(
        Artisan(pseudonym=f"{prefix} {i}", slug=f"{prefix} {i}".lower().replace(" ", "-"),
                shelter=shelter, joined_on=datetime.date(2024, 6, 1))
        for i in range(count) if f"{prefix} {i}" not in have
    )
    found = {a.pseudonym: a for a in Artisan.objects.filter(pseudonym__startswith=prefix + " ")}
    return [found[f"{prefix} {i}"] for i in range(count)]


def _post_month(makers, month: datetime.date, *, pay_at_end: bool) -> None:
    """A month of earnings for each maker (and her payout at its end), in bulk inserts."""
    from django.utils import timezone

    from payouts import ledger
    from payouts.models import Entry, Journal

    rng = random.Random(len(makers))
    tz = timezone.get_default_timezone()
    codes = [ledger.maker_payable_code(m.pk) for m in makers]
    accounts = ledger.accounts([*codes, ledger.PIECE_RATE_COST, ledger.STRIPE_CLEARING,
                                ledger.BANK])
    tag = uuid.uuid4().hex[:8]
    journals, sides = [], []
    for maker, code in zip(makers, codes, strict=True):
        earned = 0
        for k in range(PIECE_RATES + SALES):
            day = datetime.datetime(month.year, month.month, 1 + k * 2, 11, tzinfo=tz)
            paise = rng.randrange(20_000, 120_000)
            earned += paise
            piece = k < PIECE_RATES
            journals.append(Journal(
                idempotency_key=f"bench:{tag}:{maker.pk}:{k}",
                event=Journal.BATCH if piece else Journal.CAPTURE,
                memo="Bench earnings", reference=f"batch:{900000 + k}" if piece
                else f"B{maker.pk:06d}{k}", created_at=day))
            sides.append((code, ledger.PIECE_RATE_COST if piece else ledger.STRIPE_CLEARING,
                          paise))
        if pay_at_end:
            day = datetime.datetime(month.year, month.month, 28, 11, tzinfo=tz)
            journals.append(Journal(idempotency_key=f"bench:{tag}:{maker.pk}:paid",
                                    event=Journal.PAYOUT, memo="Bench payout",
                                    reference="payout:bench", created_at=day))
            sides.append((ledger.BANK, code, earned))
    with _dated_journals():
        Journal.objects.bulk_create(journals, batch_size=2000)
    entries = []
    for journal, (credit, debit, paise) in zip(journals, sides, strict=True):
        entries += [Entry(journal=journal, account=accounts[credit], amount=-paise),
                    Entry(journal=journal, account=accounts[debit], amount=paise)]
    Entry.objects.bulk_create(entries, batch_size=5000)


def _settle(makers) -> None:
    """Zero the balances of makers who should not be owed at this size (one journal)."""
    from payouts import ledger

    owed = ledger.maker_payables()
    entries = [(ledger.maker_payable_code(m.pk), owed[m.pk]) for m in makers
               if owed.get(m.pk, 0) > 0]
    if entries:
        ledger.post(f"bench:settle:{uuid.uuid4().hex[:8]}", "Bench: settle makers not measured",
                    [*entries, (ledger.BANK, -sum(p for _c, p in entries))])


def _discard_open_draft(user) -> None:
    from payouts import runs
    from payouts.models import PayoutRun

    for run in PayoutRun.objects.filter(is_open=True):
        if run.status not in (PayoutRun.DRAFT, PayoutRun.DRAFTING):
            raise SystemExit(f"{run} is approved or being paid: the bench cannot draft another")
        runs.discard_draft(user=user, run=run)


# --- payout run drafted ------------------------------------------------------------------------
def build_draft(size: int):
    from payouts import ledger

    makers = _makers("Payout bench", max(size, 2000))
    owed = ledger.maker_payables()
    _post_month([m for m in makers[:size] if owed.get(m.pk, 0) <= 0], PAYOUT_MONTH,
                pay_at_end=False)
    _settle(makers[size:])
    preparer = _finance("bench-finance")
    _discard_open_draft(preparer)
    others = sum(1 for v in ledger.maker_payables().values() if v > 0) - size
    if others:
        print(f"   ({others} other makers owed money in this database are drafted too)")
    return {"user": preparer}


def run_draft(ctx) -> None:
    from payouts import runs

    _discard_open_draft(ctx["user"])
    run = runs.start_draft(user=ctx["user"], period=PAYOUT_MONTH)
    runs.fill_draft(run.pk)


# --- statement PDFs, one batch -----------------------------------------------------------------
WORKERS = int(os.environ.get("BENCH_JOBS_WORKERS", "2"))
REDIS = os.environ.get("BENCH_JOBS_REDIS", "redis://127.0.0.1:6379/11")
_worker: dict = {}


def build_statements(size: int):
    from django.conf import settings

    from payouts import statement_batches
    from payouts.models import StatementBatch

    makers = _makers(f"Statement bench {size}", size)
    have = {a.pk for a in statement_batches.makers_of_month(_month_of(size))}
    _post_month([m for m in makers if m.pk not in have], _month_of(size), pay_at_end=True)
    # A bench stopped midway left its batch "being made": it will not finish, let it go.
    StatementBatch.objects.filter(status=StatementBatch.RUNNING).update(
        status=StatementBatch.FAILED)
    # The zips are written to a folder of the bench's, not the worktree's private_media/.
    if "private" not in _worker:
        _worker["private"] = tempfile.mkdtemp(prefix="haat-bench-statements-")
    settings.PRIVATE_MEDIA_ROOT = _worker["private"]
    if WORKERS:
        _start_workers()
    return {"user": _finance("bench-finance"), "size": size}


def run_statements(ctx) -> None:
    from django.db import connections

    from payouts import statement_batches
    from payouts.models import StatementBatch
    from payouts.tasks import make_statement_batch

    batch = statement_batches.start_batch(user=ctx["user"], month=_month_of(ctx["size"]))
    if not WORKERS:
        statement_batches.build_batch(batch.pk)
    else:
        cpu, wall = _worker_cpu_seconds(), time.perf_counter()
        make_statement_batch.apply_async((batch.pk,), queue=_worker["queue"])
        # Read the row as the page's poll does, on a connection of its own (not counted).
        poll = connections.create_connection("default")
        try:
            deadline = time.monotonic() + 900
            while True:
                with poll.cursor() as cursor:
                    cursor.execute("SELECT status FROM payouts_statementbatch WHERE id = %s",
                                   [batch.pk])
                    status = cursor.fetchone()[0]
                if status != StatementBatch.RUNNING:
                    break
                if _worker["process"].poll() is not None or time.monotonic() > deadline:
                    raise SystemExit(f"the Celery worker stopped or the batch hung; its log: "
                                     f"{_worker['log']}")
                time.sleep(0.1)
        finally:
            poll.close()
        print(f"   ({ctx['size']} makers: {time.perf_counter() - wall:.1f} s, the workers' CPU "
              f"{_worker_cpu_seconds() - cpu:.1f} s, load average "
              f"{', '.join(f'{x:.2f}' for x in os.getloadavg())})", flush=True)
    batch.refresh_from_db()
    assert batch.total == ctx["size"] and batch.status == batch.DONE, (batch.total, batch.status)
    assert batch.done == batch.total, (batch.done, batch.total)


def _start_workers() -> None:
    """One Celery worker with WORKERS processes on a queue of its own, on the bench's database
    and private folder; stopped when the bench ends (also on Ctrl-C)."""
    if "process" in _worker:
        return
    from django.conf import settings
    from django.db import connection

    from storefront.celery import app

    queue = f"haat-bench-jobs-{uuid.uuid4().hex[:8]}"
    app.conf.update(broker_url=REDIS, result_backend=REDIS, task_always_eager=False,
                    task_default_queue=queue)
    db = settings.DATABASES["default"]
    env = {**os.environ, "DJANGO_ENV": "dev", "REDIS_URL": REDIS, "CELERY_QUEUE": queue,
           "PRIVATE_MEDIA_ROOT": str(settings.PRIVATE_MEDIA_ROOT), "LOG_LEVEL": "WARNING",
           "DATABASE_URL": os.environ.get("DATABASE_URL") or
           f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{connection.settings_dict['NAME']}"}
    log = Path(settings.PRIVATE_MEDIA_ROOT) / "worker.log"
    root = Path(__file__).resolve().parent.parent
    process = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "storefront", "worker", "-c", str(WORKERS),
         "-Q", queue, "-n", f"{queue}@%h", "--without-gossip", "--without-mingle",
         "--without-heartbeat", "-l", "WARNING"],
        cwd=root, env=env, stdout=log.open("w"), stderr=subprocess.STDOUT,
        start_new_session=True)
    _worker.update(process=process, queue=queue, log=log)
    atexit.register(_stop_workers)
    for _ in range(120):
        if process.poll() is not None:
            raise SystemExit(f"the Celery worker did not start; its log: {log}")
        if app.control.ping(destination=[f"{queue}@{socket.gethostname()}"], timeout=0.5):
            break
    else:
        raise SystemExit(f"the Celery worker did not answer; its log: {log}")
    print(f"   (Celery worker: {WORKERS} processes, queue {queue}, Redis {REDIS})", flush=True)


def _stop_workers() -> None:
    """A warm shutdown (SIGTERM to the worker's main process: it lets its processes finish what
    they hold, such as removing a batch's parts after its zip), then SIGKILL to what is left."""
    process = _worker.get("process")
    if process is None or process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(timeout=60)
    except subprocess.TimeoutExpired:
        pass
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)


def _worker_cpu_seconds() -> float:
    """CPU time (user + system) of the worker and its processes so far (Linux /proc)."""
    pid = _worker["process"].pid
    pids = [pid]
    with contextlib.suppress(OSError):
        pids += [int(p) for p in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    ticks = 0
    for p in pids:
        with contextlib.suppress(OSError):
            fields = Path(f"/proc/{p}/stat").read_text().rsplit(")", 1)[1].split()
            ticks += int(fields[11]) + int(fields[12])
    return ticks / os.sysconf("SC_CLK_TCK")


def _month_of(size: int) -> datetime.date:
    """Each size its own month, so that the makers of one are not in the other's batch."""
    return STATEMENT_MONTH.replace(month=1 if size < 100 else 2)


JOBS = [
    Job("payout run drafted", "makers", (200, 2000), 3.0, build_draft, run_draft, repeat=3,
        note="open the run, read the balances and the month's earnings, write the lines"),
    Job("statement PDFs, one batch", "makers", (50, 500), 60.0, build_statements,
        run_statements, repeat=1,
        note="read every statement, render the PDFs in chunks on the workers, zip them"),
]
