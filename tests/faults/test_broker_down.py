"""Celery's broker stopped while Stripe's webhooks arrive (issue 19): every event is stored and
answered, and once the broker is back each is acted on once, by the sweep through a real
worker; none is lost."""

import contextlib
import io
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import timezone
from oscar.core.loading import get_model

from commerce import payments
from commerce.checkout.tasks import sweep_payment_attempts
from storefront.celery import app
from tests.faults.conftest import needs_matrix_run
from tests.support.checkout import add_to_basket, place_order, to_preview
from tests.support.stripe import CARD_3DS, authenticate_3ds, build_event, deliver, stripe_object

Order = get_model("order", "Order")
PaymentAttempt = get_model("checkout", "PaymentAttempt")
StripeEvent = get_model("checkout", "StripeEvent")

pytestmark = [pytest.mark.broker, pytest.mark.django_db(transaction=True), needs_matrix_run]


@contextlib.contextmanager
def broker_at(url):
    """Publish tasks to `url` (Celery keeps a producer pool per broker: start a new one)."""
    saved = app.conf.broker_url

    def switch(to):
        app.conf.broker_url = to
        app.amqp._producer_pool = None
        app._pool = None

    switch(url)
    try:
        yield
    finally:
        switch(saved)


def buyer_who_closed_the_browser(stripe_server, upc):
    buyer = Client()
    add_to_basket(buyer, upc)
    _preview, token = to_preview(buyer, stripe_server, card=CARD_3DS)
    place_order(buyer, token)
    attempt = PaymentAttempt.objects.get(basket__lines__product__upc=upc)
    authenticate_3ds(stripe_server, attempt.intent_id)
    return attempt


def test_events_that_came_while_the_broker_was_down_are_acted_on_once_when_it_is_back(
    stripe_server, celery_worker, own_redis,
):
    call_command("load_demo", stdout=io.StringIO())  # an earlier transactional test flushed it
    attempts = [buyer_who_closed_the_browser(stripe_server, upc)
                for upc in ("HAAT-POUCH-04", "HAAT-TOTE-05")]
    events = [
        build_event("payment_intent.amount_capturable_updated",
                    stripe_object(stripe_server, f"payment_intents/{a.intent_id}"))
        for a in attempts
    ]
    own_redis.stop()

    with broker_at(own_redis.url):
        answers = [deliver(Client(), event) for event in [*events, events[0]]]

    assert [a.status_code for a in answers] == [200, 200, 200]
    assert [a.json()["duplicate"] for a in answers] == [False, False, True]
    assert StripeEvent.objects.filter(processed_at__isnull=True).count() == 2
    assert not Order.objects.exists()

    # The broker is back; the next beat of the sweep finds the events a minute later.
    StripeEvent.objects.update(received_at=timezone.now() - timedelta(minutes=2))
    swept = sweep_payment_attempts.delay().get(timeout=120)
    assert sorted(result for _pk, result in swept["events"]) == ["placed", "placed"]

    assert not StripeEvent.objects.filter(processed_at__isnull=True).exists()
    for attempt in attempts:
        order = Order.objects.get(number=attempt.order_number)
        assert order.status == "Paid"
        assert payments.retrieve_intent(attempt.intent_id).status == "succeeded"
    assert Order.objects.count() == 2

    # Once: neither the next sweep nor a late redelivery acts again.
    assert sweep_payment_attempts.delay().get(timeout=120)["events"] == []
    assert deliver(Client(), events[1]).json()["duplicate"] is True
    assert Order.objects.count() == 2


def test_an_event_being_acted_on_is_not_taken_by_a_second_worker(stripe_server, own_redis):
    """A redelivery queued while the sweep acts on the same event: one of them acts."""
    from commerce.checkout import tasks

    call_command("load_demo", stdout=io.StringIO())
    attempt = buyer_who_closed_the_browser(stripe_server, "HAAT-POUCH-04")
    event = build_event("payment_intent.amount_capturable_updated",
                        stripe_object(stripe_server, f"payment_intents/{attempt.intent_id}"))
    own_redis.stop()
    with broker_at(own_redis.url):
        deliver(Client(), event)
    stored = StripeEvent.objects.get()

    assert tasks._claim(stored.pk) is True   # the sweep took it
    assert tasks.act_on_event(stored.pk) == "skipped"  # the redelivery's worker leaves it
    assert not Order.objects.exists()
