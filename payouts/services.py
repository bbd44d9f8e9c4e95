"""Writes of the payouts app: the postings of money events, the split in force, and (in
``runs.py`` and ``fund.py``) payout runs and the training fund.

Every posting goes through ``ledger.post`` with the idempotency key DESIGN.md section 4 lists.
Bad input raises ValidationError before anything is written.
"""

from __future__ import annotations

import datetime
import logging
from decimal import Decimal

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from artisans import selectors as artisan_selectors
from catalogue.money import rupees, to_paise

from . import ledger
from .models import Entry, Journal, LinePosting, SplitSetting
from .splitting import PledgeParts, Split, pledge, split, split_among

logger = logging.getLogger("payouts.services")


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


def split_with(setting: SplitSetting, paid_paise: int, gst_rate=None) -> Split:
    """The split at a settings row; ``gst_rate`` (the product's dated HSN rate, see
    ``line_gst_rates``) wins over the row's single rate when given."""
    rate = setting.gst_rate if gst_rate is None else gst_rate
    return split(paid_paise, rate, setting.maker_share, setting.fund_share)


def line_gst_rates(product_ids, on) -> dict[int, Decimal]:
    """{product id: GST rate} from the dated rate table for each product's HSN code (two
    queries); products whose class has no HSN code or no rate in force are left out, and their
    split uses the settings row's rate."""
    from catalogue.selectors import hsn_codes_by_product

    from .tax import gst_rates_at

    hsn = hsn_codes_by_product(product_ids)
    rates = gst_rates_at(hsn.values(), on)
    return {pid: rates[code] for pid, code in hsn.items() if code in rates}


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


def post_payment_captured(*, order, intent_id: str, amount_paise: int,
                          received_into: str = ledger.STRIPE_CLEARING, paid_at=None,
                          user=None) -> Journal:
    """Stripe clearing in, split per line at the settings in force now; what is left over
    (shipping) to sales revenue.

    In-person sales at exhibitions (payouts/in_person.py) come through here too, so they are
    split exactly as online ones: ``received_into`` is then the account the money went to (cash
    at events, the bank for UPI) and ``paid_at`` the time of the sale, whose settings apply."""
    key = f"{intent_id}:captured"
    existing = Journal.objects.filter(idempotency_key=key).first()
    if existing is not None:
        return existing
    if not isinstance(amount_paise, int) or amount_paise <= 0:
        raise ValidationError(_("A captured payment must be a positive amount."))
    setting = split_setting_at(paid_at)
    lines = list(order.lines.all())
    makers = artisan_selectors.maker_ids_by_product({line.product_id for line in lines})
    rates = line_gst_rates({line.product_id for line in lines},
                           timezone.localdate(paid_at) if paid_at else timezone.localdate())
    entries = [(received_into, amount_paise)]
    lines_total = 0
    postings = []
    for line in lines:
        unit = to_paise(line.unit_price_incl_tax)
        rate = rates.get(line.product_id, setting.gst_rate)
        lines_total += unit * line.quantity
        parts = split_with(setting, unit, rate)
        for code, amount in _unit_credits(parts, makers.get(line.product_id)):
            entries.append((code, amount * line.quantity))
        postings.append((line, line.quantity, unit, rate))
    entries.append((ledger.SALES_REVENUE, -(amount_paise - lines_total)))
    with transaction.atomic():
        journal = ledger.post(
            key, f"Order {order.number} paid", entries, event=Journal.CAPTURE,
            reference=order.number, split_setting=setting, user=user,
        )
        _record_lines(journal, postings)
    return journal


def _record_lines(journal, postings):
    if journal.line_postings.exists():  # a journal posted earlier (the key existed)
        return
    LinePosting.objects.bulk_create(
        LinePosting(journal=journal, order_line_id=line.pk, product_id=line.product_id,
                    quantity=quantity, unit_paise=unit, gst_rate=rate)
        for line, quantity, unit, rate in postings
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
    units, rates = {}, {}
    for line_id, unit, rate in LinePosting.objects.filter(
        journal=capture, order_line_id__in=line_ids
    ).values_list("order_line_id", "unit_paise", "gst_rate"):
        units[line_id], rates[line_id] = unit, rate  # rate None: posted before the HSN table
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
        parts = split_with(capture.split_setting, unit, rates[line.pk])
        for code, amount in _unit_credits(parts, makers.get(line.product_id)):
            entries.append((code, -amount * quantity))
        postings.append((line, -quantity, unit, rates[line.pk]))
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


# --- CSR pledges: what a company adds for its employees' bags (csr_partners asks) -------------
def pledge_quotes(items, *, rate, basis, when=None) -> list[PledgeParts]:
    """The pledge per unit of each (product id, unit price in paise) at a tie-up's rate and
    basis, uncapped, with each product's dated GST rate (for the "before GST" basis) like the
    posting of a sale at ``when``. Pages (basket, confirmation) and the pledges at capture both
    call this, so what the shopper was shown is what is pledged."""
    items = list(items)
    setting = split_setting_at(when) if when is not None else current_split_setting()
    day = timezone.localdate(when) if when is not None else timezone.localdate()
    rates = line_gst_rates({pid for pid, _u in items}, day) if basis == "pre_gst" else {}
    return [pledge(unit, rates.get(pid, setting.gst_rate), rate, basis=basis)
            for pid, unit in items]


# --- "Where your money goes" -------------------------------------------------------------------
def price_split(price, *, product=None, when=None) -> dict:
    """The split of a price (Decimal INR, GST included) in rupees, by the same function and the
    same settings as the posting of an order paid now; for a one-off piece also the piece rate
    its maker was already paid."""
    if price is None:
        return {}
    setting = split_setting_at(when) if when is not None else current_split_setting()
    rate = None
    hsn = getattr(product.get_product_class(), "hsn_code", "") if product is not None else ""
    if hsn:  # the class is loaded with the product: one query, and only for classes with a code
        from .tax import gst_rates_at

        day = timezone.localdate(when) if when is not None else timezone.localdate()
        rate = gst_rates_at([hsn], day).get(hsn)
    parts = split_with(setting, to_paise(price), rate)
    result = {name: rupees(p) for name, p in parts.as_dict().items()}
    result["price"] = Decimal(price)
    result["piece_rate"] = None
    if product is not None and getattr(product.get_product_class(), "is_one_off", False):
        piece = artisan_selectors.one_off_pieces([product.pk]).get(product.pk)
        result["piece_rate"] = piece[1] if piece else None
    return result
