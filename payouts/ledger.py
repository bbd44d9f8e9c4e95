"""The double-entry ledger: accounts, ``post`` (the only way to write) and balances.

Amounts are integer paise, debit positive, credit negative. A journal's entries sum to zero.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Sum
from django.utils.translation import gettext as _

from .models import Account, Entry, Journal

logger = logging.getLogger("payouts.ledger")

# The accounts in use (DESIGN.md section 4).
STRIPE_CLEARING = "stripe-clearing"
BANK = "bank"
CASH = "cash"
GST_PAYABLE = "gst-payable"
TRAINING_FUND = "training-fund"
SALES_REVENUE = "sales-revenue"
PIECE_RATE_COST = "piece-rate-cost"
REFUNDS = "refunds"
MAKER_SHARE_UNASSIGNED = "maker-share-unassigned"
PLATFORM_COSTS = "platform-costs"
# Exhibitions (payouts/in_person.py): cash taken at stalls until it is banked, and what the
# counted cash and UPI differ from the sales by (the organisation's loss or gain, not a maker's).
EVENT_CASH = "event-cash"
TAKINGS_DIFFERENCES = "takings-differences"

FIXED_ACCOUNTS = {
    STRIPE_CLEARING: ("Stripe clearing", Account.ASSET),
    BANK: ("Bank", Account.ASSET),
    CASH: ("Cash at the shelters", Account.ASSET),
    GST_PAYABLE: ("GST payable", Account.LIABILITY),
    TRAINING_FUND: ("Training fund (restricted)", Account.LIABILITY),
    SALES_REVENUE: ("Sales revenue (running the shop)", Account.INCOME),
    PIECE_RATE_COST: ("Piece-rate cost", Account.EXPENSE),
    REFUNDS: ("Refunds", Account.EXPENSE),
    MAKER_SHARE_UNASSIGNED: ("Makers' sales shares of products with no maker", Account.LIABILITY),
    PLATFORM_COSTS: ("Platform running costs", Account.EXPENSE),
    EVENT_CASH: ("Cash taken at exhibitions", Account.ASSET),
    TAKINGS_DIFFERENCES: ("Cash and UPI differences at exhibitions", Account.EXPENSE),
}


def artisan_key(artisan_id: int) -> str:
    return f"artisan:{artisan_id}"


def maker_payable_code(artisan_id: int) -> str:
    return f"maker-payable:{artisan_key(artisan_id)}"


def csr_receivable_code(company_key: str) -> str:
    """A company's CSR receivable, keyed by a string the CSR app chooses (e.g. "company:3"), so
    that the ledger needs no foreign key to an app above it."""
    return f"csr-receivable:{company_key}"


def account(code: str) -> Account:
    """The account with this code, created on first use."""
    if code in FIXED_ACCOUNTS:
        name, kind = FIXED_ACCOUNTS[code]
        owner = ""
    elif code.startswith("maker-payable:"):
        owner = code.removeprefix("maker-payable:")
        name, kind = f"Maker payable ({owner})", Account.LIABILITY
    elif code.startswith("csr-receivable:"):
        owner = code.removeprefix("csr-receivable:")
        name, kind = f"CSR receivable ({owner})", Account.ASSET
    else:
        raise ValidationError(_("Unknown ledger account %(code)s.") % {"code": code})
    obj, _created = Account.objects.get_or_create(
        code=code, defaults={"name": name, "kind": kind, "owner_key": owner}
    )
    return obj


def accounts(codes: Iterable[str]) -> dict[str, Account]:
    """Many accounts in two queries (plus one insert per missing account)."""
    codes = set(codes)
    found = {a.code: a for a in Account.objects.filter(code__in=codes)}
    for code in codes - found.keys():
        found[code] = account(code)
    return found


def _clean_entries(entries) -> list[tuple[str, int]]:
    merged: dict[str, int] = {}
    for code, amount in entries:
        if isinstance(amount, bool) or not isinstance(amount, int):
            raise ValidationError(_("Ledger amounts are whole paise, not %(v)r.") % {"v": amount})
        merged[code] = merged.get(code, 0) + amount
    clean = [(code, amount) for code, amount in merged.items() if amount]
    if sum(amount for _code, amount in clean) != 0:
        raise ValidationError(
            _("Unbalanced journal: entries sum to %(n)d paise, not zero.")
            % {"n": sum(amount for _code, amount in clean)}
        )
    if len(clean) < 2:
        raise ValidationError(_("A journal needs at least two non-zero entries."))
    return clean


def post(key: str, memo: str, entries, *, event=Journal.OTHER, reference="", user=None,
         split_setting=None) -> Journal:
    """Write one journal. ``entries``: [(account code, paise)], summing to zero.

    Posting a key that exists returns the first journal unchanged (also when two transactions
    race to post it: the loser's insert hits the unique key and it reads the winner's).
    """
    key = (key or "").strip()
    if not key:
        raise ValidationError(_("A journal needs an idempotency key."))
    existing = Journal.objects.filter(idempotency_key=key).first()
    if existing is not None:
        return existing
    clean = _clean_entries(entries)
    by_code = accounts(code for code, _amount in clean)
    try:
        with transaction.atomic():
            journal = Journal.objects.create(
                idempotency_key=key, memo=memo[:300], event=event, reference=reference,
                created_by=user if user is not None and user.is_authenticated else None,
                split_setting=split_setting,
            )
            Entry.objects.bulk_create(
                Entry(journal=journal, account=by_code[code], amount=amount)
                for code, amount in clean
            )
    except IntegrityError:
        existing = Journal.objects.filter(idempotency_key=key).first()
        if existing is None:
            raise
        logger.info("Journal %s was posted concurrently; returning the first", key)
        return existing
    return journal


def balance(code: str) -> int:
    return Entry.objects.filter(account__code=code).aggregate(s=Sum("amount"))["s"] or 0


def balances(codes: Iterable[str] | None = None, *, until=None) -> dict[str, int]:
    """{account code: balance} in one aggregate query (all accounts when codes is None)."""
    qs = Entry.objects.all()
    if codes is not None:
        qs = qs.filter(account__code__in=list(codes))
    if until is not None:
        qs = qs.filter(journal__created_at__lt=until)
    return dict(qs.values_list("account__code").annotate(s=Sum("amount")).order_by())


def maker_payables(*, until=None) -> dict[int, int]:
    """{artisan id: what the shop owes her, in paise (positive)}, one aggregate query."""
    qs = Entry.objects.filter(account__code__startswith="maker-payable:artisan:")
    if until is not None:
        qs = qs.filter(journal__created_at__lt=until)
    rows = qs.values_list("account__owner_key").annotate(s=Sum("amount")).order_by()
    return {int(owner.split(":")[1]): -total for owner, total in rows}


def unbalanced_journals() -> list[str]:
    """Keys of journals whose entries do not sum to zero (there should be none)."""
    return list(
        Journal.objects.annotate(s=Sum("entries__amount")).exclude(s=0)
        .values_list("idempotency_key", flat=True)
    )


def total_of_all_accounts() -> int:
    return Entry.objects.aggregate(s=Sum("amount"))["s"] or 0
