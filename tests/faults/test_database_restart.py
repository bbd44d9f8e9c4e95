"""PostgreSQL restarted during a checkout (issue 19): the shopper sees a clear page or a placed
order, never a payment taken without an order; the payment sweep settles what was left.

"Restarted" is done to the request's own server process (pg_terminate_backend on its
connection, what a restart or fail-over does to every connection), at each point of the
checkout where it would hurt most: before the order is written, after it is written and
before the capture, and after Stripe captured but before the shop recorded it.
"""

import io
from datetime import timedelta

import psycopg
import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django.test import Client
from oscar.core.loading import get_model

from commerce import payments
from commerce.checkout import services
from commerce.checkout.sweep import sweep
from tests.support.checkout import add_to_basket, place_order, to_preview

Order = get_model("order", "Order")
PaymentAttempt = get_model("checkout", "PaymentAttempt")

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("eager_celery"),
    pytest.mark.skipif(not settings.IS_POSTGRES, reason="the restart is PostgreSQL's"),
]
NOW = timedelta(0)


def cut_the_connection():
    """End this process's PostgreSQL connection from outside, as a server restart does."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        pid = cursor.fetchone()[0]
    db = connection.settings_dict
    with psycopg.connect(host=db["HOST"], port=db["PORT"] or 5432, user=db["USER"],
                         dbname=db["NAME"], autocommit=True) as other:
        other.execute("SELECT pg_terminate_backend(%s)", [pid])


def cut_before(module, name, monkeypatch):
    real = getattr(module, name)

    def cut_then_call(*args, **kwargs):
        monkeypatch.setattr(module, name, real)  # once
        cut_the_connection()
        return real(*args, **kwargs)

    monkeypatch.setattr(module, name, cut_then_call)


def cut_after(module, name, monkeypatch):
    real = getattr(module, name)

    def call_then_cut(*args, **kwargs):
        monkeypatch.setattr(module, name, real)
        result = real(*args, **kwargs)
        cut_the_connection()
        return result

    monkeypatch.setattr(module, name, call_then_cut)


POINTS = {
    "before the order is written": lambda mp: cut_before(services, "place_order", mp),
    "before the capture": lambda mp: cut_before(services, "capture", mp),
    "after Stripe captured, before the shop recorded it":
        lambda mp: cut_after(payments, "capture", mp),
}


@pytest.mark.parametrize("point", POINTS)
def test_a_restart_mid_checkout_never_leaves_a_payment_without_an_order(
    point, stripe_server, monkeypatch,
):
    call_command("load_demo", stdout=io.StringIO())  # an earlier transactional test flushed it
    shopper = Client(raise_request_exception=False)
    add_to_basket(shopper, "HAAT-TOTE-03")
    _preview, token = to_preview(shopper, stripe_server)

    POINTS[point](monkeypatch)
    response = place_order(shopper, token)

    if response.status_code == 302:  # it went through after all: a placed order
        assert Order.objects.filter(number=PaymentAttempt.objects.get().order_number).exists()
    else:
        assert response.status_code == 503
        assert response["Retry-After"]
        page = " ".join(response.content.decode().split())
        assert "No money is taken for an order we could not record" in page
        assert "Traceback" not in page
    attempt = PaymentAttempt.objects.get()
    intent = payments.retrieve_intent(attempt.intent_id)
    if intent.status == "succeeded":  # money taken: the order must exist
        assert Order.objects.filter(number=attempt.order_number).exists()

    sweep(stale_after=NOW, capture_after=NOW)

    attempt.refresh_from_db()
    order = Order.objects.get(number=attempt.order_number)
    assert order.status == "Paid" and attempt.captured
    assert payments.retrieve_intent(attempt.intent_id).status == "succeeded"
    assert sweep(stale_after=NOW, capture_after=NOW) == []
