"""Refunds by amount (issue 18): finance gives money back on one line while the buyer keeps the
piece (goodwill for a late parcel, a damaged handle). No stock comes back.

Checked before Stripe is asked, while holding the order's row lock: the amount must be a
positive number of rupees with at most two decimals, no more than the order has left paid and
no more than the reason may give back from the line (``payouts.refund_rules``: goodwill never
touches the maker's share). Then it goes the way every refund goes: ``payments.refund`` and
``refunds.record_refund`` once per refund id, with ``by_amount`` on ``refund_recorded`` so the
ledger posts the rule's parts and the company's pledge is reduced pro rata.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from catalogue.money import to_paise
from commerce import payments
from payouts import refunds as ledger_refunds
from payouts.refund_rules import REASONS

from . import refunds


def amount_paise_of(text) -> int:
    """Rupees typed by a person ("170", "170.50") as paise; ValidationError for anything else."""
    try:
        amount = Decimal(str(text).strip().replace(",", ""))
    except (InvalidOperation, ValueError):
        raise ValidationError(_("Enter the amount in rupees, such as 170.50.")) from None
    if not amount.is_finite() or amount.as_tuple().exponent < -2:
        raise ValidationError(_("Enter the amount in rupees, such as 170.50."))
    if amount <= 0:
        raise ValidationError(_("The amount to refund must be more than zero."))
    return to_paise(amount)


def refund_line_amount(order, *, line, amount, reason: str, user=None):
    """Refund ``amount`` (rupees: Decimal or text) on ``line`` for ``reason``; the StripeRefund.
    Bad input raises ValidationError and nothing is asked of Stripe."""
    if reason not in REASONS:
        raise ValidationError(_("Choose why the money is refunded."))
    amount_paise = amount_paise_of(amount)
    with transaction.atomic():
        order = refunds.Order.objects.select_for_update().get(pk=order.pk)
        attempt = refunds.captured_attempt(order)
        if line.order_id != order.pk:
            raise ValidationError(_("That line belongs to another order."))
        already = refunds.refunded_paise(order)
        if amount_paise > attempt.amount_paise - already:
            raise ValidationError(_("That is more than remains to be refunded."))
        ledger_refunds.amount_refund_parts(order, line, amount_paise=amount_paise,
                                           reason=reason)  # the rule's limit, with a message
        refund = payments.refund(
            attempt.intent_id, amount_paise=amount_paise,
            idempotency_key=f"haat-refund-{order.number}-{already}-amount-{line.pk}-{reason}",
            metadata={"order_number": order.number, "lines": "", "shipping": "0",
                      "amount_line": f"{line.pk}:{reason}"},
        )
        return refunds.record_refund(refund, order=order, lines=[], user=user,
                                     by_amount=(line, reason))


def by_amount_from_metadata(order, metadata):
    """(line, reason) of a refund by amount Stripe reports back (a webhook), or None."""
    line_id, _sep, reason = ((metadata or {}).get("amount_line") or "").partition(":")
    if not line_id.isdigit() or reason not in REASONS:
        return None
    line = order.lines.filter(pk=int(line_id)).first()
    return (line, reason) if line is not None else None
