"""A card number typed into the checkout never reaches our server's storage (issue 11): after a
browser purchase with the test card and its webhook, no table (the webhook event store with its
request bodies, django-axes' stored POST data, sessions, orders, the ledger) and no log line holds
the number, with or without spaces."""

import io
import logging

import pytest
from django.db import connection
from oscar.core.loading import get_model

from artisans.log_filters import ScrubVaultValues
from commerce import payments
from tests.browser.test_checkout_journey import enter_card, stripe_for_browser, to_card_form  # noqa: F401
from tests.support.stripe import build_event, deliver, stripe_object

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

Order = get_model("order", "Order")
PaymentAttempt = get_model("checkout", "PaymentAttempt")
StripeEvent = get_model("checkout", "StripeEvent")
CARD = "4242424242424242"
FORMS = [CARD, "4242 4242 4242 4242", "4242-4242-4242-4242", "424242424242"]


def database_text():
    """Every row of every table, as text (the same on SQLite and PostgreSQL)."""
    out = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # nosec B608: table names from introspection
            out.extend(f"{table}: {row!r}" for row in cursor.fetchall())
    return "\n".join(out)


@pytest.fixture
def console_log():
    handler = next(h for h in logging.getLogger().handlers
                   if any(isinstance(f, ScrubVaultValues) for f in h.filters))
    stream = io.StringIO()
    old = handler.setStream(stream)
    yield stream
    handler.setStream(old)


def test_the_card_number_is_in_no_table_log_or_stored_body(
    stripe_for_browser, page, shots, caplog, console_log, client  # noqa: F811
):
    caplog.set_level(logging.DEBUG)
    to_card_form(page, shots)
    enter_card(page, CARD)
    page.get_by_test_id("payment-continue").click()
    page.wait_for_url("**/checkout/preview/")
    page.get_by_test_id("place-order").click()
    page.wait_for_url("**/checkout/thank-you/")
    order = Order.objects.get()
    assert order.status == "Paid"

    # Stripe's own news of the payment arrives too, and its body is stored.
    attempt = PaymentAttempt.objects.get()
    intent = stripe_object(stripe_for_browser, f"payment_intents/{attempt.intent_id}")
    assert deliver(client, build_event("payment_intent.succeeded", intent)).status_code == 200
    assert StripeEvent.objects.count() == 1
    assert payments.retrieve_intent(attempt.intent_id).status == "succeeded"

    stored = database_text()
    assert order.number in stored and attempt.intent_id in stored  # the dump is real
    logs = "\n".join(r.getMessage() for r in caplog.records) + console_log.getvalue()
    assert logs.strip()
    for text, where in ((stored, "database"), (logs, "logs")):
        assert [f for f in FORMS if f in text] == [], where
