"""The sweep settles what a lost browser, a lost webhook or a failed capture left half done."""

from datetime import timedelta

import pytest
from oscar.core.loading import get_model

from commerce import payments
from commerce.checkout.sweep import sweep
from tests.support.checkout import add_to_basket, place_order, to_preview
from tests.support.stripe import CARD_3DS, authenticate_3ds

Order = get_model("order", "Order")
PaymentAttempt = get_model("checkout", "PaymentAttempt")
Basket = get_model("basket", "Basket")

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("eager_celery")]
NOW = timedelta(0)


def test_an_order_whose_capture_failed_is_captured_later(client, stripe_server, monkeypatch):
    real_capture = payments.capture

    def unavailable(*args, **kwargs):
        raise payments.PaymentError("Stripe is unavailable")

    monkeypatch.setattr(payments, "capture", unavailable)
    add_to_basket(client, "HAAT-TOTE-02")
    _preview, token = to_preview(client, stripe_server)
    place_order(client, token)
    order = Order.objects.get()
    assert order.status == "Payment failed"
    monkeypatch.setattr(payments, "capture", real_capture)

    assert sweep(capture_after=NOW) == [(PaymentAttempt.objects.get().pk, "placed")]

    order.refresh_from_db()
    assert order.status == "Paid"
    attempt = PaymentAttempt.objects.get()
    assert attempt.captured and payments.retrieve_intent(attempt.intent_id).status == "succeeded"
    assert sweep(capture_after=NOW, stale_after=NOW) == []


def test_an_authorised_payment_whose_webhook_was_lost_becomes_an_order(client, stripe_server):
    add_to_basket(client, "HAAT-TOTE-03")
    _preview, token = to_preview(client, stripe_server, card=CARD_3DS)
    place_order(client, token)
    attempt = PaymentAttempt.objects.get()
    authenticate_3ds(stripe_server, attempt.intent_id)

    sweep(stale_after=NOW)

    assert Order.objects.get().status == "Paid"


def test_an_abandoned_3d_secure_is_cancelled_and_the_basket_given_back(client, stripe_server):
    add_to_basket(client, "HAAT-TOTE-04")
    _preview, token = to_preview(client, stripe_server, card=CARD_3DS)
    place_order(client, token)
    attempt = PaymentAttempt.objects.get()

    assert sweep(stale_after=timedelta(hours=1)) == []  # not stale yet
    sweep(stale_after=NOW)

    attempt.refresh_from_db()
    assert attempt.state == PaymentAttempt.FAILED
    assert payments.retrieve_intent(attempt.intent_id).status == "canceled"
    assert Basket.objects.get(pk=attempt.basket_id).status == Basket.OPEN
    assert not Order.objects.exists()
