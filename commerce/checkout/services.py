"""A shopper's checkout: payment and order placement (DESIGN.md section 5), top-down.

The order of things, for the browser and for the webhook alike:

1. ``open_attempt``: one PaymentAttempt per submission of a basket, with a snapshot of the
   checkout; a double submit finds the open attempt instead of making another.
2. ``authorise``: create and confirm a PaymentIntent with ``capture_method=manual`` (or, when
   the attempt already has one, read it back: never a second intent for one attempt).
3. ``complete``: read the intent back; only when it is authorised for exactly the attempt's
   amount and currency, allocate stock and place the order in one transaction, then capture.
   Losing the race for the last piece rolls the order back and cancels the authorisation, so
   no money is taken for an order that cannot be filled.
4. ``capture``: take the money for the placed order, record it, tell the ledger
   (``payment_captured``) and email the buyer once that is committed.

Around it, each in its own module: the attempt's record (``attempts``: the checkout's
snapshot, the row lock, closing it), Stripe's side of the same steps (``stripe_sync``, from
webhooks), the sweep of what was left half done (``sweep``), refunds (``refunds``) and the
emails (``emails``). This module calls those below it and none of them calls back up.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _
from oscar.core.loading import get_class, get_model

from catalogue.money import rupees, to_paise
from commerce import payments
from payouts.signals import payment_captured

from .attempts import abandon, close, lock, rebuild_checkout, release, snapshot_address
from .creator import SafeOrderCreator
from .emails import send_order_confirmation

logger = logging.getLogger("storefront.checkout")

PaymentAttempt = get_model("checkout", "PaymentAttempt")
Basket = get_model("basket", "Basket")
Order = get_model("order", "Order")
UserAddress = get_model("address", "UserAddress")
PaymentEventType = get_model("order", "PaymentEventType")
PaymentEvent = get_model("order", "PaymentEvent")
PaymentEventQuantity = get_model("order", "PaymentEventQuantity")
SourceType = get_model("payment", "SourceType")
Source = get_model("payment", "Source")
InsufficientStock = get_class("partner.models", "InsufficientStock")
UnableToPlaceOrder = get_class("order.exceptions", "UnableToPlaceOrder")

SOLD_OUT_MESSAGE = _(
    "Sorry, this piece has just been sold to another buyer. No money has been taken from your "
    "card. Your basket is as you left it."
)
DECLINED_MESSAGE = _("Your card was declined. No money has been taken.")
FAILED_MESSAGE = _(
    "We could not take the payment just now, and no money has been taken. Please try again."
)
BASKET_CHANGED_MESSAGE = _(
    "Your basket changed while you were paying, so no money has been taken. Please check it "
    "and pay again."
)
PAID_STATUS = "Paid"
PAYMENT_FAILED_STATUS = "Payment failed"
REFUNDED_STATUS = "Refunded"


@dataclass
class Outcome:
    status: str  # placed, action, declined, sold_out, failed, pending
    attempt: PaymentAttempt
    order: Order | None = None
    message: str = ""
    client_secret: str = ""


# --- 1. the attempt -------------------------------------------------------------------------
def open_attempt(
    *, basket, user, guest_email, shipping_address, shipping_method, order_total, order_number,
    payment_method="", token="",
):
    """The basket's open attempt for this amount, or a new one.

    An open attempt for another amount (the basket or the shipping changed), or one not yet
    authorised that was made with another card, is closed first and its intent cancelled.
    """
    amount_paise = to_paise(order_total.incl_tax)
    currency = order_total.currency
    for _try in range(2):
        attempt = PaymentAttempt.objects.filter(
            basket=basket, state__in=PaymentAttempt.OPEN_STATES
        ).first()
        if attempt and (attempt.amount_paise, attempt.currency) != (amount_paise, currency):
            abandon(attempt, "the basket changed before payment")
        elif (
            attempt
            and attempt.state != PaymentAttempt.AUTHORISED
            and attempt.payment_method
            and payment_method
            and attempt.payment_method != payment_method
        ):
            abandon(attempt, "the buyer chose another card")
        elif attempt:
            return attempt
        try:
            with transaction.atomic():
                return PaymentAttempt.objects.create(
                    basket=basket,
                    order_number=order_number,
                    amount_paise=amount_paise,
                    currency=currency,
                    user=user if user and user.is_authenticated else None,
                    guest_email=guest_email or "",
                    shipping_address=snapshot_address(shipping_address),
                    shipping_method_code=shipping_method.code,
                    payment_method=payment_method,
                    token=token or None,
                )
        except IntegrityError as exc:
            logger.info("Attempt for basket %s already being made: %s", basket.pk, exc)
            continue  # a concurrent submit of the same basket made it first: use that one
    raise RuntimeError("could not open a payment attempt")


# --- 2. authorise ---------------------------------------------------------------------------
def authorise(attempt, payment_method):
    with transaction.atomic():
        attempt = lock(attempt.pk)
        if not attempt.is_open:
            return outcome_of(attempt)
        if attempt.intent_id:
            # A retried or double-submitted payment step: the intent we made is the answer.
            intent = payments.retrieve_intent(attempt.intent_id)
        else:
            attempt.payment_method = payment_method
            try:
                intent = payments.create_authorisation(
                    amount_paise=attempt.amount_paise,
                    currency=attempt.currency,
                    payment_method=payment_method,
                    idempotency_key=attempt.idempotency_key,
                    metadata={
                        "attempt": attempt.pk,
                        "order_number": attempt.order_number,
                        "basket": attempt.basket_id,
                    },
                )
            except payments.CardDeclined as exc:
                attempt.intent_id = exc.intent_id
                attempt.state = PaymentAttempt.DECLINED
                attempt.message = str(exc)[:255]
                attempt.save()
                return Outcome("declined", attempt, message=str(exc) or DECLINED_MESSAGE)
            except payments.PaymentError as exc:
                logger.error("Attempt %s: Stripe refused the intent: %s", attempt.pk, exc)
                attempt.state = PaymentAttempt.FAILED
                attempt.message = str(exc)[:255]
                attempt.save()
                return Outcome("failed", attempt, message=FAILED_MESSAGE)
            attempt.intent_id = intent.id
            attempt.save()
    return proceed(attempt, intent)


def proceed(attempt, intent=None):
    """Act on the intent's state as Stripe reports it now."""
    if intent is None:
        intent = payments.retrieve_intent(attempt.intent_id)
    if intent.status == "requires_action":
        PaymentAttempt.objects.filter(pk=attempt.pk, state=PaymentAttempt.NEW).update(
            state=PaymentAttempt.ACTION
        )
        attempt.refresh_from_db()
        return Outcome("action", attempt, client_secret=intent.client_secret)
    if intent.is_authorised:
        PaymentAttempt.objects.filter(
            pk=attempt.pk, state__in=(PaymentAttempt.NEW, PaymentAttempt.ACTION)
        ).update(state=PaymentAttempt.AUTHORISED)
        attempt.refresh_from_db()
        return complete(attempt, intent)
    if intent.status == "requires_payment_method":
        message = intent.error_message or DECLINED_MESSAGE
        close(attempt, PaymentAttempt.DECLINED, message)
        return Outcome("declined", attempt, message=message)
    if intent.status == "canceled":
        close(attempt, PaymentAttempt.FAILED, "cancelled at Stripe")
        return outcome_of(attempt)
    return Outcome("pending", attempt)  # processing, requires_confirmation: wait for Stripe


def outcome_of(attempt):
    """What a finished (or placed) attempt means to the buyer."""
    if attempt.order_id:
        return Outcome("placed", attempt, order=attempt.order)
    if attempt.state == PaymentAttempt.SOLD_OUT:
        return Outcome("sold_out", attempt, message=SOLD_OUT_MESSAGE)
    if attempt.state == PaymentAttempt.DECLINED:
        return Outcome("declined", attempt, message=attempt.message or DECLINED_MESSAGE)
    if attempt.state == PaymentAttempt.ACTION:
        return Outcome("action", attempt)
    if attempt.is_open:
        return Outcome("pending", attempt)
    return Outcome("failed", attempt, message=FAILED_MESSAGE)


# --- 3. complete ------------------------------------------------------------------------------
def complete(attempt, intent=None):
    """Place the attempt's order once its intent is authorised, then capture. Idempotent."""
    if intent is None:
        intent = payments.retrieve_intent(attempt.intent_id)
    if attempt.order_id is None and attempt.is_open:
        if not intent.matches(attempt.amount_paise, attempt.currency):
            logger.error(
                "Attempt %s: intent %s is %s for %s %s, expected %s %s",
                attempt.pk, intent.id, intent.status, intent.amount, intent.currency,
                attempt.amount_paise, attempt.currency,
            )
            release(intent)
            close(attempt, PaymentAttempt.FAILED, "intent does not match the attempt")
            return Outcome("failed", attempt, message=FAILED_MESSAGE)
        try:
            with transaction.atomic():
                locked = lock(attempt.pk)
                if locked.order_id is None and locked.is_open:
                    order = place_order(locked)
                    locked.order = order
                    locked.state = PaymentAttempt.PLACED
                    locked.save()
                attempt = locked
        except InsufficientStock:
            logger.info("Attempt %s: sold out; releasing %s", attempt.pk, intent.id)
            release(intent)
            close(attempt, PaymentAttempt.SOLD_OUT, "sold out")
            return outcome_of(attempt)
        except (ValueError, UnableToPlaceOrder, Basket.DoesNotExist) as exc:
            # The basket changed (or went) after the card was authorised: take nothing.
            logger.warning("Attempt %s: cannot place the order: %s", attempt.pk, exc)
            release(intent)
            close(attempt, PaymentAttempt.FAILED, str(exc))
            return Outcome("failed", attempt, message=BASKET_CHANGED_MESSAGE)
    if attempt.order_id is None:
        return outcome_of(attempt)
    if not attempt.captured:
        capture(attempt, intent)
        attempt.refresh_from_db()
    return Outcome("placed", attempt, order=attempt.order)


def place_order(attempt):
    """Write the order for an attempt (inside the caller's transaction)."""
    basket, address, method, charge, total = rebuild_checkout(attempt)
    if to_paise(total.incl_tax) != attempt.amount_paise:
        raise ValueError("the basket total changed after the payment was authorised")
    user = attempt.user
    address.save()
    if user is not None:
        _update_address_book(user, address)
    order_kwargs = {} if user else {"guest_email": attempt.guest_email}
    order = SafeOrderCreator().place_order(
        basket=basket,
        total=total,
        shipping_method=method,
        shipping_charge=charge,
        user=user,
        shipping_address=address,
        order_number=attempt.order_number,
        **order_kwargs,
    )
    source_type, _created = SourceType.objects.get_or_create(
        code="stripe", defaults={"name": "Stripe"}
    )
    Source.objects.create(
        order=order,
        source_type=source_type,
        currency=attempt.currency,
        amount_allocated=total.incl_tax,
        reference=attempt.intent_id,
    )
    _payment_event(order, "Authorised", total.incl_tax, attempt.intent_id, all_lines=True)
    basket.submit()
    return order


def _update_address_book(user, address):
    existing = UserAddress.objects.filter(user=user, hash=address.generate_hash()).first()
    if existing is None:
        existing = UserAddress(user=user)
        address.populate_alternative_model(existing)
    existing.num_orders_as_shipping_address += 1
    existing.save()


def _payment_event(order, name, amount, reference, *, all_lines=False, lines=()):
    event_type, _created = PaymentEventType.objects.get_or_create(name=name)
    event = PaymentEvent.objects.create(
        order=order, event_type=event_type, amount=amount, reference=reference
    )
    if all_lines:
        lines = [(line, line.quantity) for line in order.lines.all()]
    PaymentEventQuantity.objects.bulk_create(
        PaymentEventQuantity(event=event, line=line, quantity=quantity)
        for line, quantity in lines
    )
    return event


# --- 4. capture -------------------------------------------------------------------------------
def capture(attempt, intent):
    """Take the money for a placed order, record it, tell the ledger, email the buyer."""
    if intent.status == "requires_capture":
        try:
            intent = payments.capture(
                intent.id, idempotency_key=f"{attempt.idempotency_key}-capture"
            )
        except payments.PaymentError:
            logger.exception("Order %s: capture of %s failed", attempt.order_number, intent.id)
            with transaction.atomic():
                order = Order.objects.select_for_update().get(pk=attempt.order_id)
                if order.status != PAYMENT_FAILED_STATUS:
                    order.set_status(PAYMENT_FAILED_STATUS)
            return
    if intent.status != "succeeded":
        logger.error("Order %s: intent %s is %s after capture",
                     attempt.order_number, intent.id, intent.status)
        return
    with transaction.atomic():
        locked = lock(attempt.pk)
        if locked.captured:
            return
        locked.captured = True
        locked.save()
        order = Order.objects.select_for_update().get(pk=locked.order_id)
        amount = rupees(intent.amount)
        Source.objects.filter(order=order, reference=intent.id).update(amount_debited=amount)
        _payment_event(order, "Captured", amount, intent.id, all_lines=True)
        if order.status != PAID_STATUS:
            order.set_status(PAID_STATUS)
        payment_captured.send(
            sender=PaymentAttempt, order=order, intent_id=intent.id, amount_paise=intent.amount
        )
        transaction.on_commit(lambda: send_order_confirmation.delay(order.pk))
