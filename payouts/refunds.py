"""Refunds by amount in the ledger (issue 18): the parts of a line still paid, and the posting
of an amount given back on one line by ``refund_rules`` (goodwill or a faulty piece).

Refunds of whole pieces stay in ``services.post_refund`` (the exact reverse of the pieces). A
line's parts left are what its capture posted, less the pieces refunded at the same unit split,
less the parts earlier refunds by amount gave back (``LineRefund``).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils.translation import gettext as _

from artisans import selectors as artisan_selectors

from . import ledger
from .models import Journal, LinePosting
from .refund_models import LineRefund
from .refund_rules import REASONS, RefundRuleError, refund_parts, refundable
from .services import split_with
from .splitting import PART_NAMES, Split, split_among


@dataclass(frozen=True)
class LineLeft:
    """What is still paid on one order line, part by part, and the capture's split settings."""

    left: Split
    gst_rate: Decimal
    maker_share: Decimal
    fund_share: Decimal
    paid_units: int  # pieces paid and not refunded as pieces

    def refundable(self, reason: str) -> int:
        return refundable(self.left, reason)


def line_left(order, line) -> LineLeft:
    capture = (Journal.objects.filter(event=Journal.CAPTURE, reference=order.number)
               .select_related("split_setting").first())
    posted = (LinePosting.objects.filter(journal=capture, order_line_id=line.pk).first()
              if capture else None)
    if posted is None:
        raise ValidationError(_("“%(t)s” has no captured payment in the ledger.")
                              % {"t": line.title})
    setting = capture.split_setting
    rate = setting.gst_rate if posted.gst_rate is None else posted.gst_rate
    units = LinePosting.objects.filter(
        order_line_id=line.pk, journal__reference=order.number).aggregate(
        q=Sum("quantity"))["q"] or 0
    unit = split_with(setting, posted.unit_paise, posted.gst_rate).times(units).as_dict()
    given = LineRefund.objects.filter(order_line_id=line.pk).aggregate(
        **{n: Sum(f"{n}_paise") for n in PART_NAMES})
    left = Split(**{n: unit[n] - (given[n] or 0) for n in PART_NAMES})
    return LineLeft(left, rate, setting.maker_share, setting.fund_share, units)


def lines_refunded_by_amount(order) -> set[int]:
    """Order line ids that had money back by amount (their pieces are no longer refunded whole:
    the pieces' full price would give back parts already given)."""
    ids = [line.pk for line in order.lines.all()]
    return set(LineRefund.objects.filter(order_line_id__in=ids)
               .values_list("order_line_id", flat=True))


def amount_refund_parts(order, line, *, amount_paise: int, reason: str) -> Split:
    """The parts a refund by amount would give back; ValidationError with the most the reason
    allows when it is too much (nothing is written)."""
    if reason not in REASONS:
        raise ValidationError(_("Choose why the money is refunded."))
    state = line_left(order, line)
    try:
        return refund_parts(amount_paise, left=state.left, gst_rate=state.gst_rate,
                            maker_share=state.maker_share, fund_share=state.fund_share,
                            reason=reason)
    except RefundRuleError:
        from catalogue.money import format_paise_figure

        raise ValidationError(
            _("At most ₹%(most)s of “%(t)s” can be refunded for this reason.")
            % {"most": format_paise_figure(state.refundable(reason)), "t": line.title}
        ) from None


def post_amount_refund(*, order, line, reason: str, amount_paise: int,
                       refund_id: str) -> Journal:
    """Stripe clearing out; GST payable, training fund, sales revenue and the makers' payable
    (the maker part shared equally among the product's makers) back by the rule's parts.
    Idempotent per refund id."""
    existing = Journal.objects.filter(idempotency_key=refund_id).first()
    if existing is not None:
        return existing
    parts = amount_refund_parts(order, line, amount_paise=amount_paise, reason=reason)
    entries = [(ledger.STRIPE_CLEARING, -amount_paise), (ledger.GST_PAYABLE, parts.gst),
               (ledger.TRAINING_FUND, parts.training_fund),
               (ledger.SALES_REVENUE, parts.platform)]
    if parts.maker:
        makers = artisan_selectors.maker_ids_by_product({line.product_id}).get(line.product_id)
        if makers:
            for artisan_id, share in split_among(parts.maker, {a: 1 for a in makers}).items():
                entries.append((ledger.maker_payable_code(artisan_id), share))
        else:
            entries.append((ledger.MAKER_SHARE_UNASSIGNED, parts.maker))
    capture = Journal.objects.filter(event=Journal.CAPTURE, reference=order.number).first()
    with transaction.atomic():
        journal = ledger.post(
            refund_id, f"Refund {refund_id} on order {order.number}: {reason}, by amount",
            [(code, amount) for code, amount in entries if amount],
            event=Journal.REFUND, reference=order.number, split_setting=capture.split_setting,
        )
        LineRefund.objects.get_or_create(journal=journal, defaults=dict(
            order_line_id=line.pk, reason=reason, amount_paise=amount_paise,
            gst_paise=parts.gst, maker_paise=parts.maker,
            training_fund_paise=parts.training_fund, platform_paise=parts.platform))
    return journal


def paid_before(order, line, refund_id: str) -> int:
    """What was still paid on the line just before refund ``refund_id`` (whether or not the
    ledger has posted it yet): the pieces still paid at their unit price, less the other
    refunds by amount."""
    state = line_left(order, line)
    this = LineRefund.objects.filter(order_line_id=line.pk,
                                     journal__idempotency_key=refund_id).first()
    return state.left.total + (this.amount_paise if this else 0)
