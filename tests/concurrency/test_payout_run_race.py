"""A payout run paid from two processes at once, and a paying process killed with SIGKILL
halfway and rerun: each line is paid exactly once (PostgreSQL; real OS processes)."""

import datetime
import io
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.db.models import Count

from artisans.models import Artisan, Shelter
from payouts import ledger, runs
from payouts.models import Disbursement, Journal, PayoutRun

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        not settings.IS_POSTGRES,
        reason="SQLite serialises every write: real concurrency needs PostgreSQL",
    ),
]

ROOT = Path(__file__).resolve().parents[2]
MAKERS = 12


def finance(name):
    user = get_user_model().objects.create_user(
        username=name, email=f"{name}@example.test", password="pw-for-tests", is_staff=True
    )
    user.groups.add(Group.objects.get_or_create(name="Finance")[0])
    return user


@pytest.fixture
def approved_run():
    call_command("load_demo", stdout=io.StringIO())
    shelter = Shelter.objects.first()
    makers = Artisan.objects.bulk_create(
        Artisan(pseudonym=f"Racer {i}", slug=f"racer-{i}", shelter=shelter,
                joined_on="2026-01-01")
        for i in range(MAKERS)
    )
    ledger.post("seed:race", "piece rates", [
        (ledger.PIECE_RATE_COST, 40_000 * MAKERS),
        *[(ledger.maker_payable_code(a.pk), -40_000) for a in makers],
    ], event=Journal.BATCH)
    preparer, approver = finance("race-prep"), finance("race-appr")
    run = runs.create_run(user=preparer, period=datetime.date(2026, 11, 1))
    runs.approve_run(user=approver, run=run)
    return run, preparer


def pay_process(run, user, *, throttle=0.0):
    url = urlsplit(os.environ["DATABASE_URL"])
    env = dict(os.environ, DATABASE_URL=urlunsplit(
        url._replace(path="/" + settings.DATABASES["default"]["NAME"])))
    return subprocess.Popen(
        [sys.executable, "manage.py", "pay_payout_run", str(run.pk), "--user", user.email,
         "--reference", "race", "--throttle", str(throttle)],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )


def assert_paid_exactly_once(run):
    lines = run.lines.count()
    assert Disbursement.objects.filter(line__run=run).count() == lines
    assert not Disbursement.objects.values("line").annotate(n=Count("id")).filter(n__gt=1).exists()
    assert Journal.objects.filter(event=Journal.PAYOUT, reference=f"payout:{run.pk}").count() == lines
    assert ledger.balance(ledger.BANK) == -40_000 * lines
    assert all(v == 0 for v in ledger.maker_payables().values())
    run.refresh_from_db()
    assert run.status == PayoutRun.PAID


def test_the_same_run_paid_from_two_processes_pays_each_line_once(approved_run):
    run, user = approved_run
    procs = [pay_process(run, user, throttle=0.02) for _ in range(2)]
    outputs = [p.communicate(timeout=120) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], outputs
    paid = [int(out.split(": ")[1].split()[0]) for out, _err in outputs]
    assert sum(paid) == MAKERS, outputs
    assert_paid_exactly_once(run)


def test_a_process_killed_halfway_is_resumed_by_a_rerun(approved_run):
    run, user = approved_run
    proc = pay_process(run, user, throttle=0.3)
    deadline = time.monotonic() + 60
    while Disbursement.objects.filter(line__run=run).count() < 3:
        assert proc.poll() is None, proc.communicate()
        assert time.monotonic() < deadline, "no line was paid"
        time.sleep(0.05)
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    done = Disbursement.objects.filter(line__run=run).count()
    assert 3 <= done < MAKERS
    run.refresh_from_db()
    assert run.status == PayoutRun.PAYING
    rerun = pay_process(run, user)
    out, err = rerun.communicate(timeout=120)
    assert rerun.returncode == 0, err
    assert f"{MAKERS - done} lines paid" in out
    assert_paid_exactly_once(run)
