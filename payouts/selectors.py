"""Reads of the payouts app: statements, the payout screen, the training fund page."""

from __future__ import annotations

import datetime
from collections import defaultdict

from django.db.models import Case, IntegerField, Sum, Value, When
from django.db.models.functions import TruncMonth

from artisans import selectors as artisan_selectors

from . import ledger
from .models import Entry, Journal, PayoutLine, PayoutRun
from .runs import living_income_floor_paise, month_bounds


def statement(artisan, period: datetime.date) -> dict:
    """One maker's month, from the ledger: opening balance, pieces accepted, piece-rate
    earnings, sales shares (net of refunds), payouts and the closing balance, in paise
    (owed to her positive). Three queries."""
    start, end = month_bounds(period)
    code = ledger.maker_payable_code(artisan.pk)
    opening = -(
        Entry.objects.filter(account__code=code, journal__created_at__lt=start)
        .aggregate(s=Sum("amount"))["s"] or 0
    )
    by_event = dict(
        Entry.objects.filter(
            account__code=code, journal__created_at__gte=start, journal__created_at__lt=end
        ).values_list("journal__event").annotate(s=Sum("amount")).order_by()
    )
    pieces = artisan_selectors.accepted_pieces_by_maker(
        start=start, end=end, artisan_ids=[artisan.pk]
    ).get(artisan.pk, 0)
    piece_rates = -by_event.get(Journal.BATCH, 0)
    sales = -by_event.get(Journal.CAPTURE, 0)
    refunded = by_event.get(Journal.REFUND, 0)
    payouts = by_event.get(Journal.PAYOUT, 0)
    other = -sum(v for k, v in by_event.items()
                 if k not in (Journal.BATCH, Journal.CAPTURE, Journal.REFUND, Journal.PAYOUT))
    closing = opening + piece_rates + sales - refunded - payouts + other
    return {
        "artisan": artisan,
        "period": start.date(),
        "opening": opening,
        "pieces": pieces,
        "piece_rates": piece_rates,
        "sales_shares": sales,
        "refunded_shares": refunded,
        "payouts": payouts,
        "other": other,
        "closing": closing,
        "earned": piece_rates + sales - refunded,
    }


def run_lines(run: PayoutRun) -> list[PayoutLine]:
    """A run's lines with their makers and disbursements and the living-income flag, in a fixed
    number of queries whatever the number of makers."""
    floor = living_income_floor_paise()
    lines = list(
        run.lines.select_related("artisan", "artisan__shelter", "disbursement")
        .order_by("artisan__pseudonym")
    )
    for line in lines:
        line.below_floor = line.earned_paise < floor
        line.paid = hasattr(line, "disbursement")
    return lines


def run_totals(run: PayoutRun) -> dict:
    agg = run.lines.aggregate(
        total=Sum("amount_paise"),
        held=Sum(Case(When(hold=True, then="amount_paise"), default=Value(0),
                      output_field=IntegerField())),
        paid=Sum(Case(When(disbursement__isnull=False, then="amount_paise"), default=Value(0),
                      output_field=IntegerField())),
    )
    return {k: v or 0 for k, v in agg.items()}


def fund_report(months: int = 12) -> dict:
    """The training fund: balance; inflows by source and outflows by head, per month."""
    from .models import FundDisbursement

    balance = -ledger.balance(ledger.TRAINING_FUND)
    rows = (
        Entry.objects.filter(account__code=ledger.TRAINING_FUND)
        .annotate(month=TruncMonth("journal__created_at"))
        .values_list("month", "journal__event").annotate(s=Sum("amount")).order_by("-month")
    )
    per_month = defaultdict(lambda: {"sales": 0, "refunds": 0, "csr": 0, "out": 0, "other": 0})
    for month, event, total in rows:
        bucket = per_month[month.date() if hasattr(month, "date") else month]
        if event == Journal.CAPTURE:
            bucket["sales"] += -total
        elif event == Journal.REFUND:
            bucket["refunds"] += total
        elif event in (Journal.PLEDGE, Journal.PLEDGE_PAID):
            bucket["csr"] += -total
        elif event == Journal.FUND:
            bucket["out"] += total
        else:
            bucket["other"] += -total
    heads = defaultdict(lambda: defaultdict(int))
    for month, head, total in (
        FundDisbursement.objects.filter(status=FundDisbursement.PAID)
        .annotate(month=TruncMonth("approved_at"))
        .values_list("month", "head").annotate(s=Sum("amount_paise")).order_by()
    ):
        heads[month.date() if hasattr(month, "date") else month][head] += total
    months_list = sorted(set(per_month) | set(heads), reverse=True)[:months]
    return {
        "balance": balance,
        "months": [
            {"month": m, **per_month[m], "heads": dict(heads.get(m, {}))} for m in months_list
        ],
    }
