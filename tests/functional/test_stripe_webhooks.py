"""Stripe webhooks: signed, stored once, processed in a Celery task, in any order.

localstripe sends only payment_intent.succeeded/payment_failed, once; these tests build and
sign each delivery themselves with the webhook secret (DESIGN.md section 10).
"""

import json
import time
from decimal import Decimal

import pytest
from django.core import mail
from django.urls import reverse
from oscar.core.loading import get_model

from commerce import payments
from tests.support.auth import demo_user, sign_in
from tests.support.checkout import add_to_basket, place_order, to_preview
from tests.support.stripe import (
    CARD_3DS,
    authenticate_3ds,
    build_event,
    deliver,
    stripe_object,
)

Order = get_model("order", "Order")
PaymentAttempt = get_model("checkout", "PaymentAttempt")
StripeEvent = get_model("checkout", "StripeEvent")
StripeRefund = get_model("checkout", "StripeRefund")

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("eager_celery")]


@pytest.fixture
def send(client, django_capture_on_commit_callbacks):
    """Deliver an event and run what the view queued after its commit (the Celery task)."""

    def send(event, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return deliver(client, event, **kwargs)

    return send


def paid_order(client, base, upc="HAAT-TOTE-01"):
    add_to_basket(client, upc)
    _preview, token = to_preview(client, base)
    assert place_order(client, token).status_code == 302
    return Order.objects.get(), PaymentAttempt.objects.get()


def closed_after_3ds(client, base, upc="HAAT-POUCH-05"):
    """The buyer passed 3-D Secure and closed the browser before coming back to us."""
    add_to_basket(client, upc)
    _preview, token = to_preview(client, base, card=CARD_3DS)
    assert place_order(client, token).status_code == 200  # the authenticate page
    attempt = PaymentAttempt.objects.get()
    authenticate_3ds(base, attempt.intent_id)
    assert payments.retrieve_intent(attempt.intent_id).status == "requires_capture"
    assert not Order.objects.exists()
    return attempt


def intent_event(base, attempt, event_type="payment_intent.succeeded", **kwargs):
    return build_event(
        event_type, stripe_object(base, f"payment_intents/{attempt.intent_id}"), **kwargs
    )


@pytest.mark.parametrize(
    "event_type", ["payment_intent.amount_capturable_updated", "payment_intent.succeeded"]
)
def test_only_the_webhook_completes_the_order_of_a_buyer_who_closed_the_browser(
    client, stripe_server, send, event_type
):
    attempt = closed_after_3ds(client, stripe_server)
    mail.outbox.clear()

    response = send(intent_event(stripe_server, attempt, event_type))

    assert response.status_code == 200
    order = Order.objects.get()
    assert order.number == attempt.order_number and order.status == "Paid"
    assert order.guest_email == "asha@example.in"
    assert payments.retrieve_intent(attempt.intent_id).status == "succeeded"
    assert StripeEvent.objects.get().processed_at is not None
    assert StripeEvent.objects.get().unknown_intent is False
    assert [m.to for m in mail.outbox] == [["asha@example.in"]]


def test_the_buyer_coming_back_after_the_webhook_sees_the_same_order(
    client, stripe_server, send
):
    attempt = closed_after_3ds(client, stripe_server)
    send(intent_event(stripe_server, attempt))

    response = client.post(reverse("checkout:payment-return"))

    assert response["Location"] == reverse("checkout:thank-you")
    assert Order.objects.count() == 1


def test_a_duplicate_delivery_is_acknowledged_and_ignored(client, stripe_server, send):
    attempt = closed_after_3ds(client, stripe_server)
    event = intent_event(stripe_server, attempt)

    first = send(event)
    second = send(event)

    assert first.status_code == second.status_code == 200
    assert first.json() == {"received": True, "duplicate": False}
    assert second.json() == {"received": True, "duplicate": True}
    assert StripeEvent.objects.count() == 1
    assert Order.objects.count() == 1
    assert len(stripe_object(stripe_server, "payment_intents")["data"]) == 1


def test_the_same_news_twice_under_different_event_ids_changes_nothing(
    client, stripe_server, send
):
    attempt = closed_after_3ds(client, stripe_server)
    for event_type in ("payment_intent.amount_capturable_updated", "payment_intent.succeeded"):
        send(intent_event(stripe_server, attempt, event_type))
        send(intent_event(stripe_server, attempt, event_type))

    assert StripeEvent.objects.count() == 4
    assert Order.objects.count() == 1
    order = Order.objects.get()
    assert order.payment_events.filter(event_type__name="Captured").count() == 1


def refund_events(base, attempt):
    intent = stripe_object(base, f"payment_intents/{attempt.intent_id}")
    charge = intent["latest_charge"]
    charge = stripe_object(base, f"charges/{charge if isinstance(charge, str) else charge['id']}")
    return build_event("charge.refunded", charge), build_event("payment_intent.succeeded", intent)


def final_state(order):
    order.refresh_from_db()
    source = order.sources.get()
    return (
        order.status,
        sorted(StripeRefund.objects.filter(order=order).values_list("amount_paise", flat=True)),
        source.amount_debited,
        source.amount_refunded,
        order.payment_events.filter(event_type__name="Refunded").count(),
    )


@pytest.mark.parametrize("reverse_order", [False, True], ids=["in order", "refund first"])
def test_events_out_of_order_give_the_same_result(client, stripe_server, send, reverse_order):
    """A refund made in Stripe's dashboard; its charge.refunded may arrive before the
    payment_intent.succeeded of the capture."""
    order, attempt = paid_order(client, stripe_server)
    payments.refund(
        attempt.intent_id, amount_paise=20000, idempotency_key="t", metadata={}
    )
    refunded, succeeded = refund_events(stripe_server, attempt)
    events = [succeeded, refunded]
    if reverse_order:
        events.reverse()

    for event in events:
        assert send(event).status_code == 200

    assert final_state(order) == (
        "Paid", [20000], Decimal("930.00"), Decimal("200.00"), 1,
    )


def test_refund_before_success_when_only_the_webhook_places_the_order(
    client, stripe_server, send
):
    """The charge.refunded of a later refund may even be processed before the event that
    completes a closed-browser order: the order is placed first, then the refund recorded."""
    attempt = closed_after_3ds(client, stripe_server)
    success = intent_event(stripe_server, attempt)
    # The order is completed by some delivery; Stripe then reports a refund.
    send(intent_event(stripe_server, attempt, "payment_intent.amount_capturable_updated"))
    payments.refund(attempt.intent_id, amount_paise=10000, idempotency_key="r", metadata={})
    refunded, _succeeded = refund_events(stripe_server, attempt)

    send(refunded)
    send(success)

    order = Order.objects.get()
    assert final_state(order)[:2] == ("Paid", [10000])


def test_a_bad_signature_gets_400_and_changes_nothing(client, stripe_server, send):
    attempt = closed_after_3ds(client, stripe_server)
    event = intent_event(stripe_server, attempt)

    wrong_secret = send(event, secret="whsec_not_ours")
    garbage = send(event, signature="t=1,v1=deadbeef")
    missing = client.post(
        reverse("checkout:stripe-webhook"), data="{}", content_type="application/json"
    )

    assert wrong_secret.status_code == garbage.status_code == missing.status_code == 400
    assert not StripeEvent.objects.exists()
    assert not Order.objects.exists()
    assert payments.retrieve_intent(attempt.intent_id).status == "requires_capture"


def test_a_signature_older_than_stripes_tolerance_is_refused(client, stripe_server, send):
    attempt = closed_after_3ds(client, stripe_server)

    stale = send(intent_event(stripe_server, attempt), timestamp=time.time() - 301)
    assert stale.status_code == 400
    assert not StripeEvent.objects.exists() and not Order.objects.exists()

    recent = send(intent_event(stripe_server, attempt), timestamp=time.time() - 200)
    assert recent.status_code == 200 and Order.objects.count() == 1


@pytest.mark.parametrize("seconds_ahead", [3600, 301])
def test_a_signature_dated_in_the_future_is_refused(client, stripe_server, send, seconds_ahead):
    """stripe-python checks the tolerance only for the past; a correctly signed delivery dated
    ahead of our clock (to be replayed later, or from a clock gone wrong) is refused too."""
    attempt = closed_after_3ds(client, stripe_server)

    ahead = send(intent_event(stripe_server, attempt), timestamp=time.time() + seconds_ahead)

    assert ahead.status_code == 400
    assert not StripeEvent.objects.exists() and not Order.objects.exists()
    assert payments.retrieve_intent(attempt.intent_id).status == "requires_capture"


def test_a_signature_a_little_ahead_of_our_clock_is_accepted(client, stripe_server, send):
    attempt = closed_after_3ds(client, stripe_server)

    slightly_ahead = send(intent_event(stripe_server, attempt), timestamp=time.time() + 200)

    assert slightly_ahead.status_code == 200 and Order.objects.count() == 1
    assert StripeEvent.objects.get().unknown_intent is False


def test_an_event_about_an_intent_we_never_made_is_stored_flagged_and_ignored(
    client, stripe_server, send, caplog
):
    event = build_event(
        "payment_intent.succeeded",
        {"id": "pi_not_ours", "object": "payment_intent", "amount": 100, "currency": "inr",
         "receipt_email": "meera.unknown@example.in",
         "shipping": {"name": "Meera Unknown", "phone": "+91 98300 11111",
                      "address": {"line1": "12 Hidden Lane", "postal_code": "700001"}}},
    )
    with caplog.at_level("INFO"):
        assert send(event).status_code == 200

    stored = StripeEvent.objects.get()
    assert stored.unknown_intent is True and stored.processed_at is not None
    assert stored.intent_id == "pi_not_ours"
    assert not Order.objects.exists()
    assert event["id"] in caplog.text and "pi_not_ours" in caplog.text
    for private in ("meera.unknown", "Meera Unknown", "98300", "Hidden Lane", "700001"):
        assert private not in caplog.text


def test_staff_find_the_flagged_events_in_the_admin(client, stripe_server, send):
    attempt = closed_after_3ds(client, stripe_server)
    send(intent_event(stripe_server, attempt))
    stranger = build_event(
        "charge.refunded",
        {"id": "ch_x", "object": "charge", "payment_intent": "pi_stranger", "amount": 500},
    )
    send(stranger)
    sign_in(client, demo_user("admin"))

    page = client.get(
        reverse("admin:checkout_stripeevent_changelist"), {"unknown_intent__exact": "1"}
    )

    assert page.status_code == 200
    text = page.content.decode()
    assert stranger["id"] in text and "pi_stranger" in text
    assert attempt.intent_id not in text


def test_an_event_about_a_stall_card_sale_is_not_flagged(client, stripe_server, send):
    """Card sales at an exhibition stall make their own intents: those are ours too."""
    import datetime

    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from exhibitions.models import Event, EventDay, EventSale

    today = timezone.localdate()
    fair = Event.objects.create(name="Fair", place="Kolkata", starts_on=today,
                                ends_on=today + datetime.timedelta(days=1))
    EventSale.objects.create(
        event=fair, day=EventDay.objects.create(event=fair, date=today),
        sold_by=get_user_model().objects.first(), made_at=timezone.now(),
        method=EventSale.CARD, status=EventSale.FAILED, list_total_paise=85000,
        total_paise=85000, intent_id="pi_stall_sale",
    )

    send(build_event("payment_intent.payment_failed",
                     {"id": "pi_stall_sale", "object": "payment_intent", "amount": 85000}))

    stored = StripeEvent.objects.get()
    assert stored.unknown_intent is False and stored.processed_at is not None


def test_a_redelivered_event_that_was_never_processed_is_processed(client, stripe_server, send):
    attempt = closed_after_3ds(client, stripe_server)
    event = intent_event(stripe_server, attempt)
    StripeEvent.objects.create(  # stored, but the broker lost the task
        event_id=event["id"], type=event["type"], intent_id=attempt.intent_id, payload=event
    )

    response = send(event)

    assert response.json()["duplicate"] is True
    assert StripeEvent.objects.get().processed_at is not None
    assert Order.objects.count() == 1


def money_and_stock():
    """What a forged or replayed event must not move: orders, payments, stock and the ledger."""
    from django.db.models import Sum

    from payouts.models import Entry, Journal

    StockRecord = get_model("partner", "StockRecord")
    return (
        list(Order.objects.values_list("number", "status")),
        list(StripeRefund.objects.values_list("refund_id", "amount_paise")),
        Journal.objects.count(),
        Entry.objects.aggregate(debits=Sum("amount", default=0))["debits"],
        list(StockRecord.objects.order_by("pk").values_list("num_in_stock", "num_allocated")),
    )


def test_a_recorded_delivery_replayed_later_is_refused_even_with_its_own_signature(
    client, stripe_server, send
):
    """An attacker who captured one real delivery (body and Stripe-Signature header) cannot
    replay it after the tolerance, nor change its body under the old signature."""
    order, attempt = paid_order(client, stripe_server)
    charge_refund, _ = refund_events(stripe_server, attempt)
    captured_at = time.time() - 400
    header = payments.sign_webhook(json.dumps(charge_refund), timestamp=captured_at)
    before = money_and_stock()

    replayed = send(charge_refund, signature=header)
    tampered = dict(charge_refund, id="evt_tampered")
    tampered_fresh_header = send(
        tampered, signature=payments.sign_webhook(json.dumps(charge_refund))
    )

    assert replayed.status_code == tampered_fresh_header.status_code == 400
    assert not StripeEvent.objects.exists()
    assert money_and_stock() == before


@pytest.mark.parametrize("event_type, obj", [
    ("payment_intent.succeeded",
     {"id": "pi_forged", "object": "payment_intent", "amount": 250000, "currency": "inr",
      "status": "succeeded", "metadata": {"basket": "1"}}),
    ("payment_intent.amount_capturable_updated",
     {"id": "pi_forged", "object": "payment_intent", "amount": 250000, "currency": "inr",
      "status": "requires_capture"}),
    ("payment_intent.payment_failed",
     {"id": "pi_forged", "object": "payment_intent", "amount": 250000, "currency": "inr"}),
    ("charge.refunded",
     {"id": "ch_forged", "object": "charge", "payment_intent": "pi_forged", "amount": 250000,
      "amount_refunded": 250000, "currency": "inr",
      "refunds": {"object": "list", "data": [{"id": "re_forged", "object": "refund",
                                               "amount": 250000, "status": "succeeded"}]}}),
])
def test_a_correctly_signed_event_for_a_payment_we_never_took_changes_nothing(
    client, stripe_server, send, event_type, obj
):
    paid_order(client, stripe_server)  # a real order and ledger that must stay as they are
    before = money_and_stock()

    response = send(build_event(event_type, obj))

    assert response.status_code == 200  # acknowledged, so Stripe stops retrying
    assert money_and_stock() == before
    assert StripeEvent.objects.get().unknown_intent is True
