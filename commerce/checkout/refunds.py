"""Refunds through Stripe's Refund API, recorded once per refund id (DESIGN.md section 5).

Staff refund a whole order or some of its lines from the Oscar dashboard (``refund_order``);
Stripe may also report refunds made elsewhere through ``charge.refunded`` webhooks
(``stripe_sync.record_stripe_refunds``). Either way ``record_refund`` runs once per refund id:
a payment event on the order, the stock back, ``refund_recorded`` for the ledger, an email to
the buyer (``emails``).
"""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils.translation import gettext as _
from oscar.core.loading import get_model

from catalogue.money import rupees, to_paise
from commerce import payments
from payouts import refunds as payout_refunds
from payouts.signals import refund_recorded

from .emails import send_refund_email

PaymentAttempt = get_model("checkout", "PaymentAttempt")
StripeRefund = get_model("checkout", "StripeRefund")
Order = get_model("order", "Order")
Line = get_model("order", "Line")
Source = get_model("payment", "Source")
PaymentEventType = get_model("order", "PaymentEventType")
PaymentEvent = get_model("order", "PaymentEvent")
PaymentEventQuantity = get_model("order", "PaymentEventQuantity")

REFUNDED_STATUS = "Refunded"


def captured_attempt(order):
    attempt = PaymentAttempt.objects.filter(order=order).first()
    if attempt is None or not attempt.captured:
        raise ValidationError(_("This order has no captured card payment to refund."))
    return attempt


def refunded_quantities(order):
    """{order line id: quantity refunded so far}."""
    done = {}
    for refund in StripeRefund.objects.filter(order=order):
        for line_id, quantity in refund.lines:
            done[line_id] = done.get(line_id, 0) + quantity
    return done


def refunded_paise(order):
    return (
        StripeRefund.objects.filter(order=order).aggregate(s=Sum("amount_paise"))["s"] or 0
    )


def shipping_refunded(order):
    return StripeRefund.objects.filter(order=order, include_shipping=True).exists()


def refund_amount(order, lines, include_shipping):
    """Rupees (Decimal) for these (line, quantity) pairs, plus shipping when asked."""
    amount = sum(
        (line.unit_price_incl_tax * quantity for line, quantity in lines), Decimal("0.00")
    )
    if include_shipping:
        amount += order.shipping_incl_tax
    return amount


def refund_order(order, *, lines, include_shipping=False, user=None):
    """Refund ``lines`` ([(order line, quantity)]) and optionally shipping, through Stripe.

    Validates against what was already refunded while holding the order's row lock, so a
    double-clicked refund button refunds once.
    """
    lines = [(line, int(quantity)) for line, quantity in lines if int(quantity) > 0]
    if not lines and not include_shipping:
        raise ValidationError(_("Choose at least one line or the shipping charge to refund."))
    with transaction.atomic():
        order = Order.objects.select_for_update().get(pk=order.pk)
        attempt = captured_attempt(order)
        done = refunded_quantities(order)
        by_amount = payout_refunds.lines_refunded_by_amount(order)
        for line, quantity in lines:
            if line.order_id != order.pk:
                raise ValidationError(_("That line belongs to another order."))
            if line.pk in by_amount:
                raise ValidationError(
                    _("“%(title)s” had money back by amount: refund the rest by amount too.")
                    % {"title": line.title})
            if quantity > line.quantity - done.get(line.pk, 0):
                raise ValidationError(
                    _("Only %(n)s of “%(title)s” can still be refunded.")
                    % {"n": line.quantity - done.get(line.pk, 0), "title": line.title}
                )
        if include_shipping and shipping_refunded(order):
            raise ValidationError(_("The shipping charge has already been refunded."))
        amount_paise = to_paise(refund_amount(order, lines, include_shipping))
        if amount_paise <= 0:
            raise ValidationError(_("There is nothing to refund."))
        if amount_paise > attempt.amount_paise - refunded_paise(order):
            raise ValidationError(_("That is more than remains to be refunded."))
        line_spec = ",".join(f"{line.pk}:{quantity}" for line, quantity in lines)
        refund = payments.refund(
            attempt.intent_id,
            amount_paise=amount_paise,
            idempotency_key=f"haat-refund-{order.number}-{refunded_paise(order)}-{line_spec}",
            metadata={
                "order_number": order.number,
                "lines": line_spec,
                "shipping": "1" if include_shipping else "0",
            },
        )
        return record_refund(
            refund, order=order, lines=lines, include_shipping=include_shipping, user=user
        )


def record_refund(refund, *, order, lines, include_shipping=False, user=None, by_amount=None):
    """Record a Stripe refund once: payment event, stock back, signal, email. ``by_amount``:
    (line, reason) of a refund by amount (refund_by_amount.py), no pieces back."""
    with transaction.atomic():
        record, created = StripeRefund.objects.get_or_create(
            refund_id=refund.id,
            defaults={
                "intent_id": refund.intent_id or "",
                "order": order,
                "amount_paise": refund.amount,
                "lines": [[line.pk, quantity] for line, quantity in lines],
                "include_shipping": include_shipping,
                "created_by": user,
            },
        )
        if not created:
            return record
        amount = rupees(refund.amount)
        event_type, _created = PaymentEventType.objects.get_or_create(name="Refunded")
        event = PaymentEvent.objects.create(
            order=order, event_type=event_type, amount=amount, reference=refund.id
        )
        PaymentEventQuantity.objects.bulk_create(
            PaymentEventQuantity(event=event, line=line, quantity=quantity)
            for line, quantity in lines
        )
        record.payment_event = event
        record.save(update_fields=["payment_event"])
        source = Source.objects.select_for_update().filter(order=order).first()
        if source is not None:
            source.amount_refunded = (source.amount_refunded or 0) + amount
            source.save(update_fields=["amount_refunded"])
        for line, quantity in lines:
            return_stock(line, quantity)
        if refunded_paise(order) >= to_paise(order.total_incl_tax):
            if order.status != REFUNDED_STATUS:
                order.set_status(REFUNDED_STATUS)
        refund_recorded.send(
            sender=StripeRefund, order=order, lines=list(lines), amount_paise=refund.amount,
            refund_id=refund.id, by_amount=by_amount,
        )
        transaction.on_commit(lambda: send_refund_email.delay(record.pk))
    return record


def return_stock(line, quantity):
    """Refunded pieces go back: an allocation not yet shipped is released, shipped pieces are
    put back in stock."""
    if line.stockrecord_id is None:
        return
    line = Line.objects.select_for_update(of=("self",)).select_related("stockrecord").get(pk=line.pk)
    if not line.stockrecord.can_track_allocations:
        return
    release = 0 if line.allocation_cancelled else min(quantity, line.num_allocated)
    if release:
        line.cancel_allocation(release)
    if quantity - release:
        line.stockrecord.restock(quantity - release)
