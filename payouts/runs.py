"""Payout runs to makers: draft from the maker-payable balances, holds, a second finance user
approves, then each line is paid exactly once (DESIGN.md section 4).

Exactly once: each line is paid in its own transaction holding the line's row lock; the
Disbursement is one-to-one with the line and its journal's idempotency key is
``payout:<run>:line:<line>``. A double click, a retry or a second process finds the line paid
and skips it; a process killed halfway leaves whole lines paid or unpaid, and paying the run
again resumes with the unpaid ones. The bank's return file (payouts/bank_returns.py) pays
under the same key and the same one-to-one, and a line the bank reported on (paid, failed or
returned) is never paid here.
"""

from __future__ import annotations

import datetime
import logging

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from . import ledger
from .models import BankOutcome, Disbursement, Entry, Journal, PayoutLine, PayoutRun
from .roles import is_finance
from .statement_lines import EARNING_EVENTS

logger = logging.getLogger("payouts.runs")


def living_income_floor_paise() -> int:
    return int(getattr(settings, "PAYOUTS_LIVING_INCOME_FLOOR_PAISE", 300_000))


def _require_finance(user):
    if not is_finance(user):
        raise PermissionDenied(_("Only finance staff may prepare, approve or pay payout runs."))


def month_bounds(period: datetime.date):
    """[start, end) of the month of ``period`` as aware datetimes in the shop's time zone."""
    tz = timezone.get_default_timezone()
    start = datetime.datetime(period.year, period.month, 1, tzinfo=tz)
    nxt = (start.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)
    return start, nxt


def earnings_in(start, end, artisan_ids=None) -> dict[int, int]:
    """{artisan id: earned in [start, end)}: piece rates, sale shares (online, at stalls) and bulk
    order shares, less refunded and credited shares; what her statement calls "earned"."""
    qs = Entry.objects.filter(
        account__code__startswith="maker-payable:artisan:",
        journal__created_at__gte=start, journal__created_at__lt=end,
        journal__event__in=EARNING_EVENTS,
    )
    if artisan_ids is not None:
        qs = qs.filter(account__owner_key__in=[ledger.artisan_key(a) for a in artisan_ids])
    rows = qs.values_list("account__owner_key").annotate(s=Sum("amount")).order_by()
    return {int(owner.split(":")[1]): -total for owner, total in rows}


def create_run(*, user, period: datetime.date) -> PayoutRun:
    """A draft run with one line per maker the shop owes money (her payable balance, which
    already nets any advance paid to her), drafted here and now. One run is open at a time.
    The dashboard drafts in a Celery task instead (``start_draft``, then ``fill_draft``)."""
    run = start_draft(user=user, period=period)
    return fill_draft(run.pk)


@transaction.atomic
def start_draft(*, user, period: datetime.date) -> PayoutRun:
    """The run, open and "being drafted", with no line yet: ``fill_draft`` writes them. Opening
    it is what makes the run unique (the one-open-run constraint), so a second click, a second
    finance user or a task delivered twice can never draft a second run for the same balances."""
    _require_finance(user)
    period = period.replace(day=1)
    open_run = PayoutRun.objects.filter(is_open=True).first()
    if open_run is not None:
        raise ValidationError(
            _("%(run)s is still open: pay it before preparing another.") % {"run": open_run}
        )
    try:
        with transaction.atomic():
            return PayoutRun.objects.create(period=period, prepared_by=user,
                                            status=PayoutRun.DRAFTING)
    except IntegrityError as exc:
        raise ValidationError(_("Another payout run was opened at the same time.")) from exc


# Lines written per transaction while drafting: the page's progress moves at each one.
DRAFT_CHUNK = 500


def fill_draft(run_id: int) -> PayoutRun:
    """Write the lines of a run being drafted, DRAFT_CHUNK at a time (each chunk committed with
    its progress, so the page sees it move), then make it a draft finance can review.

    Safe to run twice or after a crash: a line is one per maker (a unique constraint) and a
    chunk already written is skipped, so a rerun adds only the missing lines. Queries: two
    aggregates for all makers, then two per chunk, whatever the number of makers in a chunk."""
    run = PayoutRun.objects.filter(pk=run_id).first()
    if run is None or run.status != PayoutRun.DRAFTING:
        return run  # discarded meanwhile, or drafted by an earlier delivery of the task
    owed = [(a, amount) for a, amount in sorted(ledger.maker_payables().items()) if amount > 0]
    start, end = month_bounds(run.period)
    earned = earnings_in(start, end)
    PayoutRun.objects.filter(pk=run.pk).update(makers_total=len(owed))
    for first in range(0, len(owed), DRAFT_CHUNK):
        chunk = owed[first:first + DRAFT_CHUNK]
        if not PayoutRun.objects.filter(pk=run.pk, status=PayoutRun.DRAFTING).exists():
            return None  # discarded while being drafted
        try:
            with transaction.atomic():
                PayoutLine.objects.bulk_create(
                    (PayoutLine(run_id=run.pk, artisan_id=artisan_id, amount_paise=amount,
                                earned_paise=earned.get(artisan_id, 0))
                     for artisan_id, amount in chunk),
                    ignore_conflicts=True,  # written by an earlier attempt: kept as it was
                )
                PayoutRun.objects.filter(pk=run.pk).update(makers_done=first + len(chunk))
        except IntegrityError:
            if PayoutRun.objects.filter(pk=run.pk).exists():
                raise
            return None  # discarded between our check and our insert
    PayoutRun.objects.filter(pk=run.pk, status=PayoutRun.DRAFTING).update(
        status=PayoutRun.DRAFT, makers_done=len(owed))
    run.refresh_from_db()
    logger.info("Payout run %s drafted: %s lines", run.pk, len(owed))
    return run


def _draft_line(line_id, run=None) -> PayoutLine:
    line = PayoutLine.objects.select_for_update().select_related("run").get(pk=line_id)
    if line.run.status != PayoutRun.DRAFT:
        raise ValidationError(_("Only the lines of a draft run can be changed."))
    return line


@transaction.atomic
def set_hold(*, user, line: PayoutLine, hold: bool, reason: str = "") -> PayoutLine:
    _require_finance(user)
    line = _draft_line(line.pk)
    reason = " ".join((reason or "").split())
    if hold and len(reason) < 5:
        raise ValidationError(_("Say why this payment is held."))
    line.hold, line.hold_reason = hold, reason if hold else ""
    line.save(update_fields=["hold", "hold_reason"])
    return line


@transaction.atomic
def set_method(*, user, line: PayoutLine, method: str, witness_name: str = "") -> PayoutLine:
    _require_finance(user)
    line = _draft_line(line.pk)
    if method not in dict(PayoutLine.METHODS):
        raise ValidationError(_("Choose bank transfer, UPI or cash."))
    witness_name = " ".join((witness_name or "").split())
    if method == PayoutLine.CASH and not witness_name:
        raise ValidationError(_("Cash handed over at the shelter needs a witness's name."))
    line.method, line.witness_name = method, witness_name if method == PayoutLine.CASH else ""
    line.save(update_fields=["method", "witness_name"])
    return line


@transaction.atomic
def discard_draft(*, user, run: PayoutRun) -> None:
    """A draft run (nothing approved, nothing paid, no journal) can be thrown away, so that a
    fresh one can be prepared from today's balances."""
    _require_finance(user)
    run = PayoutRun.objects.select_for_update().get(pk=run.pk)
    if run.status not in (PayoutRun.DRAFT, PayoutRun.DRAFTING):
        raise ValidationError(_("Only a draft run can be discarded."))
    run.lines.all().delete()
    run.delete()
    logger.info("Draft payout run %s discarded by user %s", run.pk, user.pk)


@transaction.atomic
def approve_run(*, user, run: PayoutRun) -> PayoutRun:
    _require_finance(user)
    run = PayoutRun.objects.select_for_update().get(pk=run.pk)
    if run.status != PayoutRun.DRAFT:
        raise ValidationError(_("Only a draft run can be approved."))
    if run.prepared_by_id == user.pk:
        raise ValidationError(
            _("You prepared this run: another finance user must approve it.")
        )
    if not run.lines.filter(hold=False).exists():
        raise ValidationError(_("This run has nothing to pay."))
    run.status, run.approved_by, run.approved_at = PayoutRun.APPROVED, user, timezone.now()
    run.save(update_fields=["status", "approved_by", "approved_at"])
    logger.info("Payout run %s approved by user %s", run.pk, user.pk)
    return run


def pay_run(*, user, run: PayoutRun, paid_on: datetime.date, reference: str) -> int:
    """Pay every unpaid, unheld line of an approved run (or resume a run being paid).

    Returns how many lines this call paid. Safe to call again, from anywhere, at any time.
    """
    _require_finance(user)
    reference = " ".join((reference or "").split())
    if not reference:
        raise ValidationError(_("Enter the bank's batch reference or a note for this payment."))
    with transaction.atomic():
        run = PayoutRun.objects.select_for_update().get(pk=run.pk)
        if run.status == PayoutRun.PAID:
            return 0
        if run.status not in (PayoutRun.APPROVED, PayoutRun.PAYING):
            raise ValidationError(_("Only an approved run can be paid."))
        if run.status == PayoutRun.APPROVED:
            run.status = PayoutRun.PAYING
            run.save(update_fields=["status"])
    paid = 0
    for line_id in _unpaid_line_ids(run):
        if pay_line(user=user, line_id=line_id, paid_on=paid_on, reference=reference):
            paid += 1
    with transaction.atomic():
        run = PayoutRun.objects.select_for_update().get(pk=run.pk)
        if run.status == PayoutRun.PAYING and not _unpaid_line_ids(run):
            run.status, run.is_open, run.paid_at = PayoutRun.PAID, False, timezone.now()
            run.save(update_fields=["status", "is_open", "paid_at"])
    return paid


def _unpaid_line_ids(run) -> list[int]:
    return list(
        run.lines.filter(hold=False, disbursement__isnull=True, bank_outcome__isnull=True)
        .order_by("pk")
        .values_list("pk", flat=True)
    )


def pay_line(*, user, line_id: int, paid_on, reference: str) -> bool:
    """Pay one line once: True if this call paid it, False if it was already paid."""
    try:
        with transaction.atomic():
            line = (
                PayoutLine.objects.select_for_update(of=("self",)).select_related("run")
                .get(pk=line_id)
            )
            if line.hold or Disbursement.objects.filter(line_id=line.pk).exists():
                return False
            if BankOutcome.objects.filter(line_id=line.pk).exists():
                return False  # the bank said it failed: it stays owed, for the next run
            if line.run.status != PayoutRun.PAYING:
                raise ValidationError(_("Only an approved run can be paid."))
            cash = line.method == PayoutLine.CASH
            journal = ledger.post(
                f"payout:{line.run_id}:line:{line.pk}",
                f"Payout run #{line.run_id}, line #{line.pk} ({line.get_method_display()})",
                [(ledger.maker_payable_code(line.artisan_id), line.amount_paise),
                 (ledger.CASH if cash else ledger.BANK, -line.amount_paise)],
                event=Journal.PAYOUT, reference=f"payout:{line.run_id}", user=user,
            )
            Disbursement.objects.create(
                line=line, method=line.method, reference=reference[:120],
                witness_name=line.witness_name, paid_on=paid_on, journal=journal,
                recorded_by=user,
            )
    except IntegrityError:
        # Another process recorded this line between our check and our insert.
        if Disbursement.objects.filter(line_id=line_id).exists():
            return False
        raise
    return True
