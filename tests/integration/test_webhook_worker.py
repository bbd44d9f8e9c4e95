"""Through the broker: a webhook queued after its commit is processed by a real worker."""

import io
import time

import pytest
from django.core.management import call_command
from django.test import Client
from oscar.core.loading import get_model

from commerce import payments
from tests.support.checkout import add_to_basket, place_order, to_preview
from tests.support.stripe import CARD_3DS, authenticate_3ds, build_event, deliver, stripe_object

Order = get_model("order", "Order")
PaymentAttempt = get_model("checkout", "PaymentAttempt")
StripeEvent = get_model("checkout", "StripeEvent")


@pytest.mark.broker
@pytest.mark.django_db(transaction=True)
def test_a_worker_completes_the_order_of_a_buyer_who_closed_the_browser(
    settings, stripe_server, celery_worker
):
    if settings.CELERY_TASK_ALWAYS_EAGER:
        pytest.skip("REDIS_URL is not set: tasks run eagerly and there is no worker to test")
    call_command("load_demo", stdout=io.StringIO())  # a flushed database has no demo data
    buyer = Client()
    add_to_basket(buyer, "HAAT-POUCH-04")
    _preview, token = to_preview(buyer, stripe_server, card=CARD_3DS)
    place_order(buyer, token)
    attempt = PaymentAttempt.objects.get()
    authenticate_3ds(stripe_server, attempt.intent_id)

    event = build_event(
        "payment_intent.amount_capturable_updated",
        stripe_object(stripe_server, f"payment_intents/{attempt.intent_id}"),
    )
    assert deliver(Client(), event).status_code == 200

    deadline = time.monotonic() + 60
    while not StripeEvent.objects.filter(processed_at__isnull=False).exists():
        assert time.monotonic() < deadline, StripeEvent.objects.values_list("error", flat=True)
        time.sleep(0.2)
    order = Order.objects.get()
    assert order.number == attempt.order_number and order.status == "Paid"
    assert payments.retrieve_intent(attempt.intent_id).status == "succeeded"
