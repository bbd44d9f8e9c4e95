"""Stripe's side of the checkout (webhook events, ``tasks.act_on_event``): our records brought
in line with what Stripe holds for a PaymentIntent. The same steps as the browser's
(``services.proceed``) for a buyer whose browser went away after paying, and the refunds
Stripe reports (``charge.refunded``, refunds made in Stripe's own dashboard) recorded through
``refunds.record_refund`` like staff's own."""

from __future__ import annotations

import logging

from oscar.core.loading import get_model

from commerce import payments

from .refund_by_amount import by_amount_from_metadata
from .refunds import record_refund
from .services import outcome_of, proceed

logger = logging.getLogger("storefront.checkout")

PaymentAttempt = get_model("checkout", "PaymentAttempt")
StripeRefund = get_model("checkout", "StripeRefund")


def sync_intent(intent_id):
    """Bring our records in line with what Stripe holds for ``intent_id`` (any event about it).

    Safe to run any number of times, in any order: it reads Stripe's current state instead of
    trusting the event's copy.
    """
    attempt = PaymentAttempt.objects.filter(intent_id=intent_id).first()
    if attempt is None:
        logger.warning("Stripe event for %s, which no checkout made", intent_id)
        return None
    intent = payments.retrieve_intent(intent_id)
    outcome = None
    if attempt.is_open or (attempt.order_id and not attempt.captured):
        outcome = proceed(attempt, intent)
        attempt.refresh_from_db()
    if attempt.order_id:
        record_stripe_refunds(attempt)
    return outcome or outcome_of(attempt)


def record_stripe_refunds(attempt):
    """Record every refund Stripe holds for the attempt's intent that we have not yet seen
    (charge.refunded webhooks, refunds made in Stripe's own dashboard)."""
    order = attempt.order
    known = set(
        StripeRefund.objects.filter(intent_id=attempt.intent_id).values_list("refund_id", flat=True)
    )
    for refund in reversed(payments.refunds_of(attempt.intent_id)):
        if refund.id in known or refund.status not in ("succeeded", "pending"):
            continue
        lines, include_shipping = _lines_from_metadata(order, refund.metadata)
        record_refund(refund, order=order, lines=lines, include_shipping=include_shipping,
                      by_amount=by_amount_from_metadata(order, refund.metadata))


def _lines_from_metadata(order, metadata):
    """Our own refunds carry their lines in metadata; a refund made elsewhere has none."""
    spec = (metadata or {}).get("lines", "")
    by_id = {line.pk: line for line in order.lines.all()}
    lines = []
    for part in filter(None, spec.split(",")):
        line_id, _sep, quantity = part.partition(":")
        try:
            line = by_id[int(line_id)]
            lines.append((line, int(quantity)))
        except (KeyError, ValueError):
            logger.warning("Order %s: refund names an unknown line %r", order.number, part)
    return lines, (metadata or {}).get("shipping") == "1"
