"""Payout runs: drafted from the payables, maker-checker approval, each line paid exactly once,
bad input refused with no journal written, query counts independent of the number of makers."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from artisans.models import Artisan, Shelter
from payouts import ledger, runs, selectors
from payouts.models import Disbursement, Journal, PayoutLine, PayoutRun
from tests.support.auth import sign_in

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 11, 1)


def make_finance(name):
    user = get_user_model().objects.create_user(
        username=name, email=f"{name}@example.test", password="pw-for-tests", is_staff=True
    )
    user.groups.add(Group.objects.get_or_create(name="Finance")[0])
    return user


@pytest.fixture
def preparer():
    return make_finance("fin-prep")


@pytest.fixture
def approver():
    return make_finance("fin-appr")


def makers_owed(n, amount=50_000, prefix="Payee"):
    shelter = Shelter.objects.first()
    artisans = Artisan.objects.bulk_create(
        Artisan(pseudonym=f"{prefix} {i}", slug=f"{prefix.lower()}-{i}", shelter=shelter,
                joined_on=TODAY)
        for i in range(n)
    )
    ledger.post(
        f"seed:{prefix}", "piece rates for the test",
        [(ledger.PIECE_RATE_COST, amount * n),
         *[(ledger.maker_payable_code(a.pk), -amount) for a in artisans]],
        event=Journal.BATCH,
    )
    return artisans


def approved_run(preparer, approver):
    run = runs.create_run(user=preparer, period=TODAY)
    return runs.approve_run(user=approver, run=run)


def test_a_run_has_one_line_per_maker_owed_and_pays_each_once(preparer, approver):
    makers = makers_owed(3)
    run = approved_run(preparer, approver)
    assert run.lines.count() == 3
    assert runs.pay_run(user=preparer, run=run, paid_on=TODAY, reference="batch 1") == 3
    # Double click, retry: nothing more is paid.
    assert runs.pay_run(user=approver, run=run, paid_on=TODAY, reference="batch 1") == 0
    for line in run.lines.all():
        assert runs.pay_line(user=preparer, line_id=line.pk, paid_on=TODAY, reference="x") is False
    assert Disbursement.objects.filter(line__run=run).count() == 3
    assert Journal.objects.filter(event=Journal.PAYOUT).count() == 3
    assert all(ledger.maker_payables()[m.pk] == 0 for m in makers)
    assert ledger.balance(ledger.BANK) == -150_000


def test_the_preparer_cannot_approve_her_own_run(preparer):
    makers_owed(1)
    run = runs.create_run(user=preparer, period=TODAY)
    with pytest.raises(ValidationError, match="another finance user must approve"):
        runs.approve_run(user=preparer, run=run)


def test_an_unapproved_run_cannot_be_paid_and_no_journal_is_written(preparer):
    makers_owed(2)
    run = runs.create_run(user=preparer, period=TODAY)
    journals = Journal.objects.count()
    with pytest.raises(ValidationError, match="Only an approved run can be paid"):
        runs.pay_run(user=preparer, run=run, paid_on=TODAY, reference="b")
    assert Journal.objects.count() == journals


def test_only_finance_may_prepare_a_run():
    user = get_user_model().objects.create_user(username="someone", password="x")
    with pytest.raises(PermissionDenied):
        runs.create_run(user=user, period=TODAY)


def test_one_open_run_at_a_time(preparer):
    makers_owed(1)
    runs.create_run(user=preparer, period=TODAY)
    with pytest.raises(ValidationError, match="still open"):
        runs.create_run(user=preparer, period=TODAY)


def test_held_lines_are_not_paid_and_a_hold_needs_a_reason(preparer, approver):
    makers_owed(2)
    run = runs.create_run(user=preparer, period=TODAY)
    held = run.lines.first()
    with pytest.raises(ValidationError, match="Say why"):
        runs.set_hold(user=preparer, line=held, hold=True, reason="")
    runs.set_hold(user=preparer, line=held, hold=True, reason="Bank details being checked")
    runs.approve_run(user=approver, run=run)
    with pytest.raises(ValidationError, match="draft"):
        runs.set_hold(user=preparer, line=held, hold=False)
    assert runs.pay_run(user=preparer, run=run, paid_on=TODAY, reference="b") == 1
    run.refresh_from_db()
    assert run.status == PayoutRun.PAID
    assert not Disbursement.objects.filter(line=held).exists()
    # What was held is still owed, and the next run offers it again.
    assert ledger.maker_payables()[held.artisan_id] == held.amount_paise
    assert runs.create_run(user=preparer, period=TODAY).lines.get().artisan_id == held.artisan_id


def test_cash_needs_a_witness(preparer):
    makers_owed(1)
    line = runs.create_run(user=preparer, period=TODAY).lines.get()
    with pytest.raises(ValidationError, match="witness"):
        runs.set_method(user=preparer, line=line, method=PayoutLine.CASH, witness_name=" ")
    runs.set_method(user=preparer, line=line, method=PayoutLine.CASH, witness_name="Shelter coordinator")
    line.refresh_from_db()
    assert line.witness_name == "Shelter coordinator"


def test_a_run_interrupted_halfway_is_resumed(preparer, approver, monkeypatch):
    makers_owed(4)
    run = approved_run(preparer, approver)
    real = runs.pay_line
    calls = {"n": 0}

    def dies_on_the_third(**kwargs):
        calls["n"] += 1
        if calls["n"] == 3:
            raise RuntimeError("worker lost")
        return real(**kwargs)

    monkeypatch.setattr(runs, "pay_line", dies_on_the_third)
    with pytest.raises(RuntimeError):
        runs.pay_run(user=preparer, run=run, paid_on=TODAY, reference="b")
    monkeypatch.setattr(runs, "pay_line", real)
    assert Disbursement.objects.filter(line__run=run).count() == 2
    run.refresh_from_db()
    assert run.status == PayoutRun.PAYING
    assert runs.pay_run(user=preparer, run=run, paid_on=TODAY, reference="b") == 2
    assert Disbursement.objects.filter(line__run=run).count() == 4


def test_living_income_check_flags_makers_below_the_floor(preparer, settings):
    settings.PAYOUTS_LIVING_INCOME_FLOOR_PAISE = 300_000
    low = makers_owed(1, amount=120_000, prefix="Low")[0]
    high = makers_owed(1, amount=450_000, prefix="High")[0]
    run = runs.create_run(user=preparer, period=timezone.localdate())
    flags = {line.artisan_id: line.below_floor for line in selectors.run_lines(run)}
    assert flags == {low.pk: True, high.pk: False}


def _queries(fn):
    with CaptureQueriesContext(connection) as ctx:
        fn()
    return len(ctx.captured_queries)


def test_query_counts_of_a_run_do_not_grow_with_the_number_of_makers(preparer, client):
    """Preparing a run and showing it: 10 makers and 200 makers cost the same queries."""
    sign_in(client, preparer)
    counts = {}
    for n in (10, 200):
        makers_owed(n, prefix=f"Q{n}")
        holder = {}
        create = _queries(lambda holder=holder: holder.setdefault(
            "run", runs.create_run(user=preparer, period=TODAY)))
        run = holder["run"]
        assert run.lines.count() == n + (10 if n == 200 else 0)
        page = _queries(lambda run=run: client.get(
            reverse("payouts-dashboard:payouts-run-detail", kwargs={"pk": run.pk})))
        counts[n] = (create, page)
        PayoutRun.objects.filter(pk=run.pk).update(is_open=False)  # let the next run open
    # The page: the same. Preparing: the same, except that a database may split one bulk
    # insert of the lines into batches of its maximum size (SQLite's variable limit).
    assert counts[10][1] == counts[200][1], counts
    fields = [f for f in PayoutLine._meta.concrete_fields if not f.primary_key]
    size = connection.ops.bulk_batch_size(fields, list(range(210))) or 210
    extra_batches = -(-210 // size) - 1
    assert counts[200][0] - counts[10][0] == extra_batches, counts


def test_a_draft_can_be_discarded_but_not_an_approved_run(preparer, approver):
    makers_owed(2)
    draft = runs.create_run(user=preparer, period=TODAY)
    runs.discard_draft(user=preparer, run=draft)
    assert not PayoutRun.objects.filter(pk=draft.pk).exists()
    run = approved_run(preparer, approver)
    with pytest.raises(ValidationError, match="Only a draft"):
        runs.discard_draft(user=preparer, run=run)
