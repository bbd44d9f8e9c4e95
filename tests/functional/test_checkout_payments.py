"""Checkout and payment against a real localstripe (DESIGN.md section 5)."""

from decimal import Decimal

import pytest
from django.core import mail
from django.urls import reverse
from oscar.core.loading import get_model

from commerce import payments
from tests.support.checkout import add_to_basket, place_order, to_preview
from tests.support.stripe import CARD_3DS, CARD_DECLINED, stripe_object

Order = get_model("order", "Order")
StockRecord = get_model("partner", "StockRecord")
PaymentAttempt = get_model("checkout", "PaymentAttempt")
Basket = get_model("basket", "Basket")

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("eager_celery")]


def test_a_guest_pays_with_the_test_card_and_gets_the_order_and_an_email(
    client, stripe_server, django_capture_on_commit_callbacks
):
    product = add_to_basket(client, "HAAT-TOTE-01")
    before = StockRecord.objects.get(product=product)
    preview, token = to_preview(client, stripe_server)
    assert "Place order and pay ₹930.00" in preview.content.decode()  # 850 + 80 India Post

    with django_capture_on_commit_callbacks(execute=True):
        response = place_order(client, token)

    assert response.status_code == 302
    assert response["Location"] == reverse("checkout:thank-you")
    order = Order.objects.get()
    assert order.total_incl_tax == Decimal("930.00")
    assert order.currency == "INR"
    assert order.guest_email == "asha@example.in"
    assert order.status == "Paid"
    assert order.shipping_address.postcode == "700019"
    assert order.shipping_address.state == "West Bengal"
    attempt = PaymentAttempt.objects.get()
    intent = stripe_object(stripe_server, f"payment_intents/{attempt.intent_id}")
    assert intent["status"] == "succeeded"
    assert intent["amount"] == 93000 and intent["currency"] == "inr"
    assert intent["capture_method"] == "manual"
    after = StockRecord.objects.get(pk=before.pk)
    assert (after.num_allocated or 0) == (before.num_allocated or 0) + 1
    source = order.sources.get()
    assert source.reference == attempt.intent_id and source.amount_debited == Decimal("930.00")
    assert [m.to for m in mail.outbox] == [["asha@example.in"]]
    assert order.number in mail.outbox[0].subject
    thanks = client.get(response["Location"])
    assert thanks.status_code == 200 and order.number in thanks.content.decode()


def test_the_confirmation_handed_out_twice_emails_the_buyer_once(
    client, stripe_server, django_capture_on_commit_callbacks
):
    """A worker that dies after sending and before acknowledging leaves the task to another
    worker (acks_late): the second run finds the email recorded and sends nothing."""
    from commerce.checkout.emails import send_order_confirmation

    add_to_basket(client, "HAAT-TOTE-01")
    _preview, token = to_preview(client, stripe_server)
    with django_capture_on_commit_callbacks(execute=True):
        assert place_order(client, token).status_code == 302
    order = Order.objects.get()
    assert len(mail.outbox) == 1

    assert send_order_confirmation(order.pk) is False
    assert len(mail.outbox) == 1
    assert order.communication_events.filter(event_type__code="ORDER_PLACED").count() == 1


def test_a_declined_card_shows_stripes_message_and_keeps_the_basket(client, stripe_server):
    add_to_basket(client, "HAAT-TOTE-02")
    _preview, token = to_preview(client, stripe_server, card=CARD_DECLINED)

    response = place_order(client, token)

    assert response.status_code == 200
    assert "Your card was declined." in response.content.decode()
    assert not Order.objects.exists()
    assert PaymentAttempt.objects.get().state == PaymentAttempt.DECLINED
    basket = client.get(reverse("basket:summary")).context["basket"]
    assert basket.status == Basket.OPEN and basket.num_items == 1


def test_3d_secure_then_the_order(client, stripe_server):
    from tests.support.stripe import authenticate_3ds

    add_to_basket(client, "HAAT-POUCH-01")
    _preview, token = to_preview(client, stripe_server, card=CARD_3DS)

    response = place_order(client, token)
    assert response.status_code == 200
    assert response.context["client_secret"].startswith("pi_")
    assert not Order.objects.exists()
    attempt = PaymentAttempt.objects.get()
    assert attempt.state == PaymentAttempt.ACTION

    authenticate_3ds(stripe_server, attempt.intent_id)
    response = client.post(reverse("checkout:payment-return"))
    assert response.status_code == 302 and response["Location"] == reverse("checkout:thank-you")
    assert Order.objects.get().status == "Paid"
    assert payments.retrieve_intent(attempt.intent_id).status == "succeeded"


def test_failed_3d_secure_is_a_decline(client, stripe_server):
    from tests.support.stripe import authenticate_3ds

    add_to_basket(client, "HAAT-POUCH-01")
    _preview, token = to_preview(client, stripe_server, card=CARD_3DS)
    place_order(client, token)
    attempt = PaymentAttempt.objects.get()
    authenticate_3ds(stripe_server, attempt.intent_id, success=False)

    response = client.post(reverse("checkout:payment-return"), follow=True)

    assert "failed authentication" in response.content.decode()
    assert not Order.objects.exists()


def test_a_double_submit_makes_one_intent_and_one_order(client, stripe_server):
    add_to_basket(client, "HAAT-TOTE-03")
    _preview, token = to_preview(client, stripe_server)

    first = place_order(client, token)
    second = place_order(client, token)

    assert first["Location"] == second["Location"] == reverse("checkout:thank-you")
    assert Order.objects.count() == 1
    attempt = PaymentAttempt.objects.get()
    intents = stripe_object(stripe_server, "payment_intents")["data"]
    assert [i["id"] for i in intents] == [attempt.intent_id]


def test_a_retried_payment_step_reuses_the_stored_intent(client, stripe_server):
    """The preview is shown again (a reload) and submitted with a new token while the first
    attempt waits for 3-D Secure: the same intent answers."""
    add_to_basket(client, "HAAT-TOTE-04")
    _preview, token = to_preview(client, stripe_server, card=CARD_3DS)
    place_order(client, token)
    attempt = PaymentAttempt.objects.get()

    again = client.post(reverse("checkout:preview"), {"action": "place_order", "attempt_token": "x" * 32})

    assert again.status_code == 200 and again.context["attempt"].pk == attempt.pk
    assert len(stripe_object(stripe_server, "payment_intents")["data"]) == 1


def test_a_basket_changed_during_3d_secure_takes_no_money(client, stripe_server):
    from tests.support.stripe import authenticate_3ds

    add_to_basket(client, "HAAT-POUCH-01")
    _preview, token = to_preview(client, stripe_server, card=CARD_3DS)
    place_order(client, token)
    attempt = PaymentAttempt.objects.get()
    add_to_basket(client, "HAAT-POUCH-02")  # in another tab, while the bank's window is open
    authenticate_3ds(stripe_server, attempt.intent_id)

    response = client.post(reverse("checkout:payment-return"), follow=True)

    assert "Your basket changed while you were paying" in response.content.decode()
    assert not Order.objects.exists()
    assert payments.retrieve_intent(attempt.intent_id).status == "canceled"
    assert client.get(reverse("basket:summary")).context["basket"].num_items == 2


def test_another_browser_cannot_use_a_buyers_submission_token(client, stripe_server):
    from django.test import Client

    add_to_basket(client, "HAAT-TOTE-05")
    _preview, token = to_preview(client, stripe_server)
    place_order(client, token)

    stranger = Client()
    response = place_order(stranger, token)

    assert response["Location"] != reverse("checkout:thank-you")
    assert "checkout_order_id" not in stranger.session
