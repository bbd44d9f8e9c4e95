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

logger = logging.getLogger("storefront.checkout")

PaymentAttempt = get_model("checkout", "PaymentAttempt")
StripeEvent = get_model("checkout", "StripeEvent")
Source = get_model("payment", "Source")


# The apps above the commerce core that take card payments through commerce.payments (a bulk
# invoice's card payment in csr_partners, a stall's card sale in exhibitions) register here, in
# their AppConfig.ready, how to tell one of theirs: the core cannot import them.
_intent_owners: list = []


def register_intent_owner(is_theirs) -> None:
    """``is_theirs(intent_id) -> bool``: this app made the PaymentIntent."""
    if is_theirs not in _intent_owners:
        _intent_owners.append(is_theirs)


def is_shop_intent(intent_id: str) -> bool:
    """One of ours: a checkout attempt, an order's payment source, or a payment an app
    registered above (a bulk invoice's card payment, a stall's card sale) holds this id."""
    return (
        PaymentAttempt.objects.filter(intent_id=intent_id).exists()
        or Source.objects.filter(reference=intent_id).exists()
        or any(is_theirs(intent_id) for is_theirs in _intent_owners)
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
