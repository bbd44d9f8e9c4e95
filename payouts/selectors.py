"""Reads of the payouts app: statements, the payout screen, the training fund page."""

from __future__ import annotations

import datetime
from collections import defaultdict

from django.db.models import Case, IntegerField, Sum, Value, When
from django.db.models.functions import TruncMonth
from django.utils import timezone

from artisans import selectors as artisan_selectors

from . import ledger, statement_lines
from .models import Entry, Journal, PayoutLine, PayoutRun
from .runs import living_income_floor_paise, month_bounds


def statement(artisan, period: datetime.date) -> dict:
    """One maker's month, from the ledger, in paise (owed to her positive): the opening balance,
    one line per posting in her words (``statement_lines``), her earnings by kind, what was
    paid to her and the closing balance. "earned" is every kind of earning (piece rates, sale
    shares online and at stalls, bulk order shares) less shares taken back by refunds and
    credit notes; the living-income flag compares it with the floor. Labels are in the active
    language."""
    return statements([artisan], period)[artisan.pk]


def statements(artisans, period: datetime.date) -> dict[int, dict]:
    """{artisan id: her ``statement``} for many makers in the queries of one: the opening
    balances in one aggregate, the month's postings in one, and one for each kind of detail
    present (a month's statements as one batch, payouts.statement_batches)."""
    start, end = month_bounds(period)
    codes = {a.pk: ledger.maker_payable_code(a.pk) for a in artisans}
    openings = dict(
        Entry.objects.filter(account__code__in=list(codes.values()),
                             journal__created_at__lt=start)
        .values_list("account__code").annotate(s=Sum("amount")).order_by()
    )
    lines_of = statement_lines.months_lines(codes, start, end)
    with_pieces = [a.pk for a in artisans
                   if any(x.kind == statement_lines.PIECE_RATE for x in lines_of[a.pk])]
    pieces = artisan_selectors.accepted_pieces_by_maker(
        start=start, end=end, artisan_ids=with_pieces) if with_pieces else {}
    labels = statement_lines.kind_labels()
    floor = living_income_floor_paise()
    return {
        a.pk: _statement(a, start, -(openings.get(codes[a.pk]) or 0), lines_of[a.pk],
                         pieces.get(a.pk, 0), labels, floor)
        for a in artisans
    }


def _statement(artisan, start, opening, lines, pieces, labels, floor) -> dict:
    totals = defaultdict(int)
    for line in lines:
        totals[line.kind] += line.paise
    by_kind = [(kind, labels[kind], totals[kind]) for kind in statement_lines.EARNED_KINDS
               if any(x.kind == kind for x in lines)]
    earned = sum(totals[k] for k in statement_lines.EARNED_KINDS)
    paid = -totals[statement_lines.PAYOUT]
    other = totals[statement_lines.ADJUSTMENT]
    return {
        "artisan": artisan,
        "period": start.date(),
        "opening": opening,
        "lines": lines,
        "earning_lines": [x for x in lines if x.kind in statement_lines.EARNED_KINDS],
        "payout_lines": [x for x in lines if x.kind == statement_lines.PAYOUT],
        "adjustment_lines": [x for x in lines if x.kind == statement_lines.ADJUSTMENT],
        "by_kind": by_kind,
        "pieces": pieces if totals[statement_lines.PIECE_RATE] else 0,
        "piece_rates": totals[statement_lines.PIECE_RATE],
        # Online and at stalls (both are sales of the shop's orders).
        "sales_shares": totals[statement_lines.SALE_SHARE] + totals[statement_lines.STALL_SALE],
        "stall_sales": totals[statement_lines.STALL_SALE],
        "bulk_shares": totals[statement_lines.BULK_SHARE],
        "refunded_shares": -totals[statement_lines.REFUND],
        "credited_shares": -totals[statement_lines.BULK_CREDIT],
        "payouts": paid,
        "other": other,
        "earned": earned,
        "closing": opening + earned - paid + other,
        "floor": floor,
        "below_floor": earned < floor,
    }


def run_lines(run: PayoutRun) -> list[PayoutLine]:
    """A run's lines with their makers, disbursements, the bank's word on each (return file) and
    the living-income flag, in a fixed number of queries whatever the number of makers."""
    floor = living_income_floor_paise()
    lines = list(
        run.lines.select_related("artisan", "artisan__shelter", "disbursement", "bank_outcome")
        .prefetch_related("bank_files")
        .order_by("artisan__pseudonym")
    )
    for line in lines:
        # The numbered file she is in (a line goes in one file at most; left out: none).
        line.bank_file = next((f for f in line.bank_files.all() if f.number), None)
        line.below_floor = line.earned_paise < floor
        line.outcome = getattr(line, "bank_outcome", None)
        line.failed = line.outcome is not None and line.outcome.failed
        line.paid = hasattr(line, "disbursement") and not line.failed
    return lines


def run_totals(run: PayoutRun) -> dict:
    agg = run.lines.aggregate(
        total=Sum("amount_paise"),
        held=Sum(Case(When(hold=True, then="amount_paise"), default=Value(0),
                      output_field=IntegerField())),
        paid=Sum(Case(When(disbursement__isnull=False, then="amount_paise"), default=Value(0),
                      output_field=IntegerField())),
        failed=Sum(Case(When(bank_outcome__status__in=FAILED, then="amount_paise"),
                        default=Value(0), output_field=IntegerField())),
        # Marked paid, then returned by the bank (a reversing journal put it back).
        reversed=Sum(Case(When(disbursement__isnull=False, bank_outcome__status__in=FAILED,
                               then="amount_paise"), default=Value(0),
                          output_field=IntegerField())),
    )
    totals = {k: v or 0 for k, v in agg.items()}
    totals["paid"] -= totals.pop("reversed")
    return totals


# The bank's outcomes that leave a line owed to the maker (payouts.bank_models.BankOutcome).
FAILED = ["failed", "returned"]


def _first_of_month_back(months: int) -> datetime.datetime:
    """The start of the local month ``months - 1`` months before this one (12: a year)."""
    today = timezone.localdate()
    index = today.year * 12 + today.month - 1 - (months - 1)
    return timezone.make_aware(datetime.datetime(index // 12, index % 12 + 1, 1))


def fund_report(months: int = 12) -> dict:
    """The training fund: balance; inflows by source and outflows by head, per month, over the
    last ``months`` months: summed by the database and only over those months (three queries
    whatever the number of sales), so a year of sales costs what a week does."""
    from .models import FundDisbursement

    since = _first_of_month_back(months)
    balance = -ledger.balance(ledger.TRAINING_FUND)
    rows = (
        Entry.objects.filter(account__code=ledger.TRAINING_FUND, journal__created_at__gte=since)
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
    labels = dict(FundDisbursement.HEADS)
    for month, head, total in (
        FundDisbursement.objects.filter(status=FundDisbursement.PAID, approved_at__gte=since)
        .annotate(month=TruncMonth("approved_at"))
        .values_list("month", "head").annotate(s=Sum("amount_paise")).order_by()
    ):
        # Shown by name ("Seed grant"), not by code ("seed_grant").
        heads[month.date() if hasattr(month, "date") else month][str(labels.get(head, head))] += total
    months_list = sorted(set(per_month) | set(heads), reverse=True)[:months]
    return {
        "balance": balance,
        "months": [
            {"month": m, **per_month[m], "heads": dict(heads.get(m, {}))} for m in months_list
        ],
    }


# --- For CSR reports (csr_partners) --------------------------------------------------------------
# Seed grants start a woman's own business: Schedule VII (ii), livelihood enhancement.
SEED_GRANT_HEAD = "ii"


def fund_spending(start: datetime.date, end: datetime.date) -> dict:
    """What the training fund paid from ``start`` to ``end`` (inclusive; approval date):
    {"heads": {Schedule VII head: paise}, "by_kind": {disbursement head: paise}, "total",
    "programmes": [(name, head, trainees)], "trainees", "seed_grants": number of grants,
    "seed_grantees": number of women}. Programme trainees count each programme funded in the
    period once. Aggregates, no names."""
    from .models import SCHEDULE_VII_HEADS, FundDisbursement

    paid = FundDisbursement.objects.filter(
        status=FundDisbursement.PAID, approved_at__date__gte=start, approved_at__date__lte=end)
    heads = {code: 0 for code, _label in SCHEDULE_VII_HEADS}
    by_kind: dict[str, int] = {}
    programmes: dict[int, tuple] = {}
    grantees: set[int] = set()
    grants = 0
    for item in paid.select_related("programme"):
        head = item.programme.schedule_vii_head if item.programme_id else SEED_GRANT_HEAD
        heads[head] = heads.get(head, 0) + item.amount_paise
        by_kind[item.head] = by_kind.get(item.head, 0) + item.amount_paise
        if item.programme_id:
            p = item.programme
            programmes[p.pk] = (p.name, p.schedule_vii_head, p.trainees)
        else:
            grants += 1
            grantees.add(item.artisan_id)
    return {
        "heads": heads, "head_labels": dict(SCHEDULE_VII_HEADS), "by_kind": by_kind,
        "total": sum(heads.values()), "programmes": sorted(programmes.values()),
        "trainees": sum(t for _n, _h, t in programmes.values()),
        "seed_grants": grants, "seed_grantees": len(grantees),
        "programme_ids": sorted(programmes),
    }


def training_rating(programme_ids, start: datetime.date, end: datetime.date) -> dict:
    """How trainees rated the training of these programmes in the period's quarters (issue 21):
    {"responses", "average", "shown", "fewer", "none"}; the average only from 5 responses."""
    from .ratings import training_rating as rating

    return rating(programme_ids, start, end)


def earnings_paid(start: datetime.date, end: datetime.date) -> dict:
    """Paid to makers from ``start`` to ``end`` (inclusive): {"paise", "makers"} (how many
    makers were paid; callers show fewer than 5 as such)."""
    from .models import Disbursement

    rows = Disbursement.objects.filter(paid_on__gte=start, paid_on__lte=end).exclude(
        line__bank_outcome__status__in=FAILED)
    total = rows.aggregate(s=Sum("line__amount_paise"))["s"] or 0
    makers = rows.values("line__artisan_id").distinct().count()
    return {"paise": total, "makers": makers}


# --- The public impact page (storefront) ---------------------------------------------------------
def impact_totals(*, since: datetime.datetime | None = None) -> dict:
    """The ledger's public figures, all time: five aggregate queries, no names.

    {"units_sold": pieces paid for less pieces refunded (captures and refunds, online and at
    exhibitions), "maker_earnings_paise": credited to makers (piece rates at each accepted batch
    and their share of each sale, less refunds), "makers_earning": makers ever credited (or since
    ``since``), "maker_paid_out_paise": of it paid out by payout runs, "fund_inflow_paise": to the
    training fund from sales and CSR pledges (less refunds and reversals), "seed_grants": grants
    paid, "seed_grantees": women who received one, "seed_grant_paise"}. Callers decide how to
    show figures about fewer than 5 people."""
    from .models import FundDisbursement, LinePosting

    makers = Entry.objects.filter(account__code__startswith="maker-payable:artisan:")
    earned = makers.exclude(journal__event=Journal.PAYOUT)
    maker_earnings = -(earned.aggregate(s=Sum("amount"))["s"] or 0)
    credited = earned.filter(amount__lt=0)
    if since is not None:
        credited = credited.filter(journal__created_at__gte=since)
    makers_earning = credited.values("account_id").distinct().count()
    paid_out = makers.filter(journal__event=Journal.PAYOUT).aggregate(s=Sum("amount"))["s"] or 0
    fund_inflow = -(
        Entry.objects.filter(account__code=ledger.TRAINING_FUND)
        .exclude(journal__event=Journal.FUND).aggregate(s=Sum("amount"))["s"] or 0
    )
    units = LinePosting.objects.filter(
        journal__event__in=[Journal.CAPTURE, Journal.REFUND]
    ).aggregate(s=Sum("quantity"))["s"] or 0
    grants = FundDisbursement.objects.filter(
        status=FundDisbursement.PAID, head=FundDisbursement.SEED_GRANT)
    grant_totals = grants.aggregate(s=Sum("amount_paise"))
    return {
        "units_sold": units,
        "maker_earnings_paise": maker_earnings,
        "makers_earning": makers_earning,
        "maker_paid_out_paise": paid_out,
        "fund_inflow_paise": fund_inflow,
        "seed_grants": grants.count(),
        "seed_grantees": grants.values("artisan_id").distinct().count(),
        "seed_grant_paise": grant_totals["s"] or 0,
    }


# --- Seed grants (issue 21): aggregates for the impact page and the CSR report -------------------
from .grant_selectors import seed_grant_outcomes  # noqa: E402, F401
