"""A payment attempt's record, below the checkout's flow (``services``) and the sweep: the
snapshot of the checkout it was made for and that checkout rebuilt from it, its row lock, and
closing it (with the buyer's money released and the basket given back).

Nothing here decides what happens next; ``services`` does."""

from __future__ import annotations

import logging

from django.utils import timezone
from oscar.core.loading import get_class, get_model

from commerce import payments

logger = logging.getLogger("storefront.checkout")

PaymentAttempt = get_model("checkout", "PaymentAttempt")
Basket = get_model("basket", "Basket")
ShippingAddress = get_model("order", "ShippingAddress")
Selector = get_class("partner.strategy", "Selector")
Applicator = get_class("offer.applicator", "Applicator")
Repository = get_class("shipping.repository", "Repository")
OrderTotalCalculator = get_class("checkout.calculators", "OrderTotalCalculator")

# --- the checkout, kept on the attempt and rebuilt from it -----------------------------------
ADDRESS_FIELDS = [
    f.attname
    for f in ShippingAddress._meta.concrete_fields
    if f.name not in ("id", "search_text")
]


def snapshot_address(address):
    data = {}
    for name in ADDRESS_FIELDS:
        value = getattr(address, name)
        data[name] = str(value) if value not in (None, "") and name == "phone_number" else value
    return data


def rebuild_checkout(attempt):
    """The basket, address, shipping method and totals the attempt was made for."""
    basket = Basket._default_manager.get(pk=attempt.basket_id)
    user = attempt.user
    # Everything the strategy and the order creator read per line, in a fixed number of
    # queries (Basket.all_lines() caches this queryset).
    basket._lines = (
        basket.lines.select_related(
            "product__product_class", "product__parent__product_class", "stockrecord__partner"
        )
        .prefetch_related("attributes__option", "product__stockrecords")
        .order_by("pk")
    )
    basket.strategy = Selector().strategy(user=user)
    Applicator().apply(basket, user)
    address = ShippingAddress(**attempt.shipping_address)
    methods = Repository().get_shipping_methods(basket, shipping_addr=address)
    method = next((m for m in methods if m.code == attempt.shipping_method_code), None)
    if method is None:
        raise ValueError(f"shipping method {attempt.shipping_method_code!r} is not available")
    charge = method.calculate(basket)
    total = OrderTotalCalculator().calculate(basket, charge)
    return basket, address, method, charge, total


# --- the row, and closing it -----------------------------------------------------------------
def now():
    return timezone.now()


def lock(attempt_id):
    """The attempt's row, locked until the end of the transaction (SQLite: the write lock)."""
    PaymentAttempt.objects.filter(pk=attempt_id).update(updated_at=now())
    return PaymentAttempt.objects.select_for_update().get(pk=attempt_id)


def close(attempt, state, message=""):
    """Move an open attempt to a final state (only if nobody else closed it first)."""
    PaymentAttempt.objects.filter(pk=attempt.pk, state__in=PaymentAttempt.OPEN_STATES).update(
        state=state, message=message[:255], updated_at=now()
    )
    attempt.refresh_from_db()
    if attempt.order_id is None and attempt.basket_id:
        # The buyer keeps their basket (the browser's view merges it with any new one).
        Basket._default_manager.filter(pk=attempt.basket_id, status=Basket.FROZEN).update(
            status=Basket.OPEN
        )


def abandon(attempt, message):
    if attempt.intent_id:
        try:
            payments.cancel(attempt.intent_id)
        except payments.PaymentError:
            logger.exception("Attempt %s: could not cancel %s", attempt.pk, attempt.intent_id)
    close(attempt, PaymentAttempt.FAILED, message)


def release(intent):
    """Give the buyer's money back: cancel an authorisation, refund a captured payment."""
    try:
        if intent.status == "requires_capture":
            payments.cancel(intent.id)
        elif intent.status == "succeeded":
            payments.refund(
                intent.id, amount_paise=intent.amount,
                idempotency_key=f"haat-release-{intent.id}", metadata={"reason": "unfillable"},
            )
    except payments.PaymentError:
        logger.exception("Could not release %s", intent.id)
        raise
