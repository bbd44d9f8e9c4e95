"""Writes of the payouts app: the postings of money events, the split in force, and (in
``runs.py`` and ``fund.py``) payout runs and the training fund.

Every posting goes through ``ledger.post`` with the idempotency key DESIGN.md section 4 lists.
Bad input raises ValidationError before anything is written.
"""

from __future__ import annotations

import datetime
import logging
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from artisans import selectors as artisan_selectors

from . import ledger
from .models import Entry, Journal, LinePosting, SplitSetting
from .splitting import Split, split, split_among

logger = logging.getLogger("payouts.services")


def to_paise(amount) -> int:
    """Rupees (Decimal or str) to integer paise, half up. Floats are refused."""
    if isinstance(amount, float):
        raise ValidationError(_("Money is never a float."))
    return int((Decimal(amount) * 100).quantize(Decimal("1"), rounding=ROUND_HALF_UP))


# --- The split in force ------------------------------------------------------------------------
OPENING_VALID_FROM = datetime.datetime(2025, 1, 1, tzinfo=datetime.UTC)


def split_setting_at(when=None) -> SplitSetting:
    """The row in force at ``when``. Migration 0002 writes the opening row; should the table
    have been emptied (a flushed test database), the opening row is written again from
    PAYOUTS_OPENING_SPLIT rather than refusing to record a payment already taken."""
    when = when or timezone.now()
    setting = SplitSetting.objects.filter(valid_from__lte=when).order_by("-valid_from").first()
    if setting is None:
        gst, maker, fund = (Decimal(v) for v in getattr(
            settings, "PAYOUTS_OPENING_SPLIT", ("0.05", "0.30", "0.10")))
        setting, created = SplitSetting.objects.get_or_create(
            valid_from=OPENING_VALID_FROM,
            defaults={"gst_rate": gst, "maker_share": maker, "fund_share": fund,
                      "note": "Opening settings (written again: none was in force)"},
        )
        if created:
            logger.warning("No split settings were in force: the opening row was written again")
        if setting.valid_from > when:
            raise ValidationError(_("No split settings are in force on %(d)s.") % {"d": when})
    return setting


CURRENT_SPLIT_CACHE_KEY = "payouts:split-in-force"


def current_split_setting() -> SplitSetting:
    """The row in force now, cached for pages until the next dated row starts (at most an hour;
    saving a row clears it, see receivers.py). Postings read the database, never this cache."""
    now = timezone.now()
    cached = cache.get(CURRENT_SPLIT_CACHE_KEY)
    if cached is not None and cached[1] > now:
        return cached[0]
    setting = split_setting_at(now)
    upcoming = (
        SplitSetting.objects.filter(valid_from__gt=now).order_by("valid_from")
        .values_list("valid_from", flat=True).first()
    )
    until = min(upcoming or now + datetime.timedelta(hours=1), now + datetime.timedelta(hours=1))
    cache.set(CURRENT_SPLIT_CACHE_KEY, (setting, until), 3600)
    return setting


def split_with(setting: SplitSetting, paid_paise: int) -> Split:
    return split(paid_paise, setting.gst_rate, setting.maker_share, setting.fund_share)


def record_split_setting(*, user, valid_from, gst_rate, maker_share, fund_share, note=""):
    """Finance adds a dated row; it applies to orders paid from ``valid_from``. Rows already in
    force are never changed, so an order's split can always be recomputed."""
    if valid_from < timezone.now() - datetime.timedelta(minutes=5):
        raise ValidationError(_("New split settings cannot start in the past."))
    setting = SplitSetting(
        valid_from=valid_from, gst_rate=gst_rate, maker_share=maker_share,
        fund_share=fund_share, note=note, created_by=user,
    )
    setting.full_clean()
    split(0, gst_rate, maker_share, fund_share)  # the split function's own checks
    setting.save()
    return setting


# --- Batch accepted: piece rates to the makers -------------------------------------------------
def post_batch_accepted(batch) -> Journal | None:
    rate = to_paise(batch.piece_rate)
    pieces = artisan_selectors.accepted_pieces_of_batch(batch)
    credits = [(ledger.maker_payable_code(aid), -rate * n) for aid, n in pieces if rate * n]
    if not credits:
        return None
    total = -sum(amount for _code, amount in credits)
    return ledger.post(
        f"batch:{batch.pk}:accepted",
        f"Batch #{batch.pk} accepted: {sum(n for _a, n in pieces)} pieces at {batch.piece_rate}",
        [(ledger.PIECE_RATE_COST, total), *credits],
        event=Journal.BATCH, reference=f"batch:{batch.pk}",
    )


# --- Payment captured: the split of each line ---------------------------------------------------
def _unit_credits(parts: Split, makers: list[int]) -> list[tuple[str, int]]:
    """The credits of one unit sold: GST, fund, platform, and the maker share to its makers."""
    credits = [
        (ledger.GST_PAYABLE, -parts.gst),
        (ledger.TRAINING_FUND, -parts.training_fund),
        (ledger.SALES_REVENUE, -parts.platform),
    ]
    if makers:
        for artisan_id, share in split_among(parts.maker, {a: 1 for a in makers}).items():
            credits.append((ledger.maker_payable_code(artisan_id), -share))
    else:
        credits.append((ledger.MAKER_SHARE_UNASSIGNED, -parts.maker))
    return credits


def post_payment_captured(*, order, intent_id: str, amount_paise: int) -> Journal:
    """Stripe clearing in, split per line at the settings in force now; what is left over
    (shipping) to sales revenue."""
    key = f"{intent_id}:captured"
    existing = Journal.objects.filter(idempotency_key=key).first()
    if existing is not None:
        return existing
    if not isinstance(amount_paise, int) or amount_paise <= 0:
        raise ValidationError(_("A captured payment must be a positive amount."))
    setting = split_setting_at()
    lines = list(order.lines.all())
    makers = artisan_selectors.maker_ids_by_product({line.product_id for line in lines})
    entries = [(ledger.STRIPE_CLEARING, amount_paise)]
    lines_total = 0
    postings = []
    for line in lines:
        unit = to_paise(line.unit_price_incl_tax)
        lines_total += unit * line.quantity
        for code, amount in _unit_credits(split_with(setting, unit), makers.get(line.product_id)):
            entries.append((code, amount * line.quantity))
        postings.append((line, line.quantity, unit))
    entries.append((ledger.SALES_REVENUE, -(amount_paise - lines_total)))
    with transaction.atomic():
        journal = ledger.post(
            key, f"Order {order.number} paid", entries, event=Journal.CAPTURE,
            reference=order.number, split_setting=setting,
        )
        _record_lines(journal, postings)
    return journal


def _record_lines(journal, postings):
    if journal.line_postings.exists():  # a journal posted earlier (the key existed)
        return
    LinePosting.objects.bulk_create(
        LinePosting(journal=journal, order_line_id=line.pk, product_id=line.product_id,
                    quantity=quantity, unit_paise=unit)
        for line, quantity, unit in postings
    )


# --- Refund: the exact reverse of the refunded lines --------------------------------------------
def post_refund(*, order, lines, amount_paise: int, refund_id: str) -> Journal:
    """Reverse the refunded (line, quantity) pairs at the unit price and split settings of the
    capture; the rest of the amount (shipping) comes back out of sales revenue."""
    existing = Journal.objects.filter(idempotency_key=refund_id).first()
    if existing is not None:
        return existing
    if not isinstance(amount_paise, int) or amount_paise <= 0:
        raise ValidationError(_("A refund must be a positive amount."))
    capture = (
        Journal.objects.filter(event=Journal.CAPTURE, reference=order.number)
        .select_related("split_setting").first()
    )
    if capture is None:
        raise ValidationError(_("Order %(n)s has no captured payment in the ledger.")
                              % {"n": order.number})
    paid = Entry.objects.filter(
        journal__reference=order.number, journal__event__in=[Journal.CAPTURE, Journal.REFUND],
        account__code=ledger.STRIPE_CLEARING,
    ).aggregate(s=Sum("amount"))["s"] or 0
    if amount_paise > paid:
        raise ValidationError(
            _("A refund of %(a)s paise is larger than the %(p)s paise left paid on order %(n)s.")
            % {"a": amount_paise, "p": paid, "n": order.number}
        )
    line_ids = [line.pk for line, _q in lines]
    remaining = dict(
        LinePosting.objects.filter(order_line_id__in=line_ids, journal__reference=order.number)
        .values_list("order_line_id").annotate(q=Sum("quantity")).order_by()
    )
    units = dict(
        LinePosting.objects.filter(journal=capture, order_line_id__in=line_ids)
        .values_list("order_line_id", "unit_paise")
    )
    makers = artisan_selectors.maker_ids_by_product({line.product_id for line, _q in lines})
    entries = [(ledger.STRIPE_CLEARING, -amount_paise)]
    lines_total = 0
    postings = []
    for line, quantity in lines:
        if quantity <= 0:
            raise ValidationError(_("Refunded quantities must be positive."))
        if line.pk not in units or quantity > remaining.get(line.pk, 0):
            raise ValidationError(
                _("Only %(n)d of “%(t)s” were paid and not yet refunded.")
                % {"n": remaining.get(line.pk, 0), "t": line.title}
            )
        unit = units[line.pk]
        lines_total += unit * quantity
        parts = split_with(capture.split_setting, unit)
        for code, amount in _unit_credits(parts, makers.get(line.product_id)):
            entries.append((code, -amount * quantity))
        postings.append((line, -quantity, unit))
    if amount_paise < lines_total:
        raise ValidationError(_("The refund is smaller than the lines it refunds."))
    entries.append((ledger.SALES_REVENUE, amount_paise - lines_total))
    with transaction.atomic():
        journal = ledger.post(
            refund_id, f"Refund {refund_id} on order {order.number}", entries,
            event=Journal.REFUND, reference=order.number, split_setting=capture.split_setting,
        )
        _record_lines(journal, postings)
    return journal


# --- "Where your money goes" -------------------------------------------------------------------
def price_split(price, *, product=None, when=None) -> dict:
    """The split of a price (Decimal INR, GST included) in rupees, by the same function and the
    same settings as the posting of an order paid now; for a one-off piece also the piece rate
    its maker was already paid."""
    if price is None:
        return {}
    setting = split_setting_at(when) if when is not None else current_split_setting()
    parts = split_with(setting, to_paise(price))
    result = {name: Decimal(p) / 100 for name, p in parts.as_dict().items()}
    result["price"] = Decimal(price)
    result["piece_rate"] = None
    if product is not None and getattr(product.get_product_class(), "is_one_off", False):
        piece = artisan_selectors.one_off_pieces([product.pk]).get(product.pk)
        result["piece_rate"] = piece[1] if piece else None
    return result
