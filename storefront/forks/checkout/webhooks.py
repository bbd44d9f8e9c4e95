"""Stripe events about payments the shop never made: stored, flagged for staff, not acted on.

A correctly signed event may still name a PaymentIntent none of our payment paths made (a
payment taken in Stripe's dashboard, another integration on the same account, a test sent
from the dashboard, or a leaked webhook secret). Such an event is kept (``StripeEvent.
unknown_intent``, shown in the Django admin under "Unknown payment"), logged with its ids
only (an event's body may carry a buyer's name, email or address, which never reach a log),
and nothing acts on it: no order, capture, refund or ledger posting.
"""

from __future__ import annotations

import logging

from django.utils import timezone
from oscar.core.loading import get_model

from csr_partners.bulk import selectors as bulk_selectors
from storefront.exhibitions import selectors as exhibition_selectors

logger = logging.getLogger("storefront.checkout")

PaymentAttempt = get_model("checkout", "PaymentAttempt")
StripeEvent = get_model("checkout", "StripeEvent")
Source = get_model("payment", "Source")


def is_shop_intent(intent_id: str) -> bool:
    """One of ours: a checkout attempt, an order's payment source, a bulk invoice's card
    payment or a stall's card sale holds this PaymentIntent id."""
    return (
        PaymentAttempt.objects.filter(intent_id=intent_id).exists()
        or Source.objects.filter(reference=intent_id).exists()
        or bulk_selectors.is_card_payment_intent(intent_id)
        or exhibition_selectors.is_sale_intent(intent_id)
    )


def flag_unknown_intent(event) -> None:
    """Mark the stored event as about a payment we never made, and done with."""
    StripeEvent.objects.filter(pk=event.pk).update(
        unknown_intent=True, processed_at=timezone.now(), error=""
    )
    logger.warning(
        "Stripe event %s (%s) is about %s, a payment the shop never made: "
        "stored, flagged, not acted on",
        event.event_id, event.type, event.intent_id,
    )
