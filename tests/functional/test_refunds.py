"""Refunds from Oscar's dashboard through Stripe's Refund API: stock back, buyer emailed,
refund_recorded for the ledger, recorded once whichever path sees it first."""

from decimal import Decimal

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from oscar.core.loading import get_model

from payouts.signals import payment_captured, refund_recorded
from tests.support.checkout import add_to_basket, place_order, to_preview
from tests.support.stripe import build_event, deliver, stripe_object

Order = get_model("order", "Order")
StockRecord = get_model("partner", "StockRecord")
PaymentAttempt = get_model("checkout", "PaymentAttempt")
StripeRefund = get_model("checkout", "StripeRefund")

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("eager_celery")]


@pytest.fixture
def order(stripe_server):
    """A paid guest order: 2 × Kantha zip pouch (₹380) and 1 × coin purse (₹240), ₹80 post."""
    buyer = Client()
    add_to_basket(buyer, "HAAT-POUCH-01", quantity=2)
    add_to_basket(buyer, "HAAT-POUCH-02")
    _preview, token = to_preview(buyer, stripe_server)
    assert place_order(buyer, token).status_code == 302
    order = Order.objects.get()
    assert order.total_incl_tax == Decimal("1080.00")
    mail.outbox.clear()
    return order


def allocated(upc):
    return StockRecord.objects.get(product__upc=upc).num_allocated


def refund_url(order):
    return reverse("dashboard:order-refund", kwargs={"number": order.number})


def stripe_refunds(base, order):
    attempt = PaymentAttempt.objects.get(order=order)
    return stripe_object(base, f"refunds?payment_intent={attempt.intent_id}")["data"]


@pytest.fixture
def signals():
    heard = []

    def listen(signal):
        def receiver(sender, **kwargs):
            heard.append((signal, kwargs))

        signal.connect(receiver, weak=False, dispatch_uid=f"test-{id(signal)}")
        return receiver

    listen(refund_recorded)
    yield heard
    refund_recorded.disconnect(dispatch_uid=f"test-{id(refund_recorded)}")


def test_payment_captured_is_sent_once_with_the_amount_in_paise(stripe_server):
    heard = []

    def receiver(sender, order, intent_id, amount_paise, **kwargs):
        heard.append((order.number, intent_id, amount_paise))

    payment_captured.connect(receiver, weak=False, dispatch_uid="test-captured")
    try:
        buyer = Client()
        add_to_basket(buyer, "HAAT-TOTE-07")
        _p, token = to_preview(buyer, stripe_server)
        place_order(buyer, token)
        place_order(buyer, token)
    finally:
        payment_captured.disconnect(dispatch_uid="test-captured")
    attempt = PaymentAttempt.objects.get()
    assert heard == [(attempt.order_number, attempt.intent_id, 86000)]


def test_staff_refund_one_piece_of_a_line(
    order, demo_login, stripe_server, signals, django_capture_on_commit_callbacks
):
    client = demo_login("Admin")
    detail = client.get(reverse("dashboard:order-detail", kwargs={"number": order.number}))
    assert refund_url(order) in detail.content.decode()
    assert client.get(refund_url(order)).status_code == 200
    pouch = order.lines.get(upc="HAAT-POUCH-01")
    before = allocated("HAAT-POUCH-01")

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(refund_url(order), {f"line_{pouch.pk}": 1})

    assert response.status_code == 302
    refund = StripeRefund.objects.get()
    assert refund.amount_paise == 38000 and refund.lines == [[pouch.pk, 1]]
    assert [r["amount"] for r in stripe_refunds(stripe_server, order)] == [38000]
    assert allocated("HAAT-POUCH-01") == before - 1
    order.refresh_from_db()
    assert order.status == "Paid"
    assert order.sources.get().amount_refunded == Decimal("380.00")
    assert [m.to for m in mail.outbox] == [["asha@example.in"]]
    assert "₹380.00" in mail.outbox[0].body and "Kantha zip pouch × 1" in mail.outbox[0].body
    [(signal, kwargs)] = signals
    assert kwargs["order"] == order and kwargs["amount_paise"] == 38000
    assert kwargs["lines"] == [(pouch, 1)] and kwargs["refund_id"] == refund.refund_id


def test_staff_refund_the_whole_order(order, demo_login, stripe_server):
    client = demo_login("Admin")

    response = client.post(refund_url(order), {"whole_order": "1"})

    assert response.status_code == 302
    assert StripeRefund.objects.get().amount_paise == 108000
    order.refresh_from_db()
    assert order.status == "Refunded"
    assert allocated("HAAT-POUCH-01") == 0 and allocated("HAAT-POUCH-02") == 0
    assert sum(r["amount"] for r in stripe_refunds(stripe_server, order)) == 108000

    again = client.post(refund_url(order), {"whole_order": "1"}, follow=True)
    assert "Choose at least one line" in again.content.decode()
    assert len(stripe_refunds(stripe_server, order)) == 1


def test_a_refund_cannot_exceed_what_was_bought(order, demo_login, stripe_server):
    client = demo_login("Admin")
    pouch = order.lines.get(upc="HAAT-POUCH-01")
    client.post(refund_url(order), {f"line_{pouch.pk}": 2})

    response = client.post(refund_url(order), {f"line_{pouch.pk}": 1})

    assert response.status_code == 200
    assert StripeRefund.objects.count() == 1 and len(stripe_refunds(stripe_server, order)) == 1


def test_the_webhook_for_a_dashboard_refund_records_nothing_twice(
    order, demo_login, stripe_server, django_capture_on_commit_callbacks
):
    client = demo_login("Admin")
    pouch = order.lines.get(upc="HAAT-POUCH-02")
    client.post(refund_url(order), {f"line_{pouch.pk}": 1, "include_shipping": "on"})
    attempt = PaymentAttempt.objects.get(order=order)
    intent = stripe_object(stripe_server, f"payment_intents/{attempt.intent_id}")
    charge = intent["latest_charge"]
    charge_id = charge if isinstance(charge, str) else charge["id"]

    with django_capture_on_commit_callbacks(execute=True):
        deliver(Client(), build_event("charge.refunded", stripe_object(stripe_server, f"charges/{charge_id}")))

    refund = StripeRefund.objects.get()
    assert refund.amount_paise == 32000 and refund.include_shipping
    assert order.payment_events.filter(event_type__name="Refunded").count() == 1


def test_a_refund_made_in_stripes_dashboard_is_recorded_from_the_webhook(
    order, stripe_server, django_capture_on_commit_callbacks
):
    from commerce import payments

    attempt = PaymentAttempt.objects.get(order=order)
    payments.refund(attempt.intent_id, amount_paise=5000, idempotency_key="x", metadata={})
    charge = stripe_object(stripe_server, f"payment_intents/{attempt.intent_id}")["latest_charge"]
    charge_id = charge if isinstance(charge, str) else charge["id"]

    with django_capture_on_commit_callbacks(execute=True):
        deliver(Client(), build_event("charge.refunded", stripe_object(stripe_server, f"charges/{charge_id}")))

    refund = StripeRefund.objects.get()
    assert (refund.amount_paise, refund.lines, refund.created_by) == (5000, [], None)
    assert order.sources.get().amount_refunded == Decimal("50.00")


def test_shoppers_cannot_refund(order, demo_login):
    client = demo_login("Shopper")
    response = client.post(refund_url(order), {"whole_order": "1"})
    assert response.status_code in (302, 403)
    assert not StripeRefund.objects.exists()


def test_finance_may_refund_and_a_shelter_staffer_may_not(order, demo_login, client):
    assert demo_login("Finance").get(refund_url(order)).status_code == 200
    client.logout()
    response = demo_login("Shelter staff").get(refund_url(order))
    assert response.status_code in (302, 403)
    assert StripeRefund.objects.count() == 0
