"""Two buyers, one last bag: one order; the other is told it has just been sold and is never
charged (DESIGN.md section 5). The concurrent version is in tests/concurrency."""

import pytest
from django.test import Client
from django.urls import reverse
from oscar.core.loading import get_model

from commerce import payments
from tests.support.checkout import add_to_basket, place_order, to_preview

Order = get_model("order", "Order")
StockRecord = get_model("partner", "StockRecord")
PaymentAttempt = get_model("checkout", "PaymentAttempt")

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("eager_celery")]


def two_buyers_at_preview(base):
    record = StockRecord.objects.get(product__upc="HAAT-POUCH-06")
    StockRecord.objects.filter(pk=record.pk).update(num_in_stock=1, num_allocated=0)
    first, second = Client(), Client()
    for buyer in (first, second):
        add_to_basket(buyer, "HAAT-POUCH-06")
    _p, first_token = to_preview(first, base, email="first@example.in")
    _p, second_token = to_preview(second, base, email="second@example.in")
    return record, (first, first_token), (second, second_token)


def test_a_buyer_who_arrives_after_the_sale_is_stopped_before_paying(stripe_server):
    _record, (first, first_token), (second, second_token) = two_buyers_at_preview(stripe_server)
    place_order(first, first_token)

    late = place_order(second, second_token)

    assert late["Location"] == reverse("basket:summary")
    assert "no longer available" in second.get(late["Location"]).content.decode()
    assert not PaymentAttempt.objects.filter(guest_email="second@example.in").exists()


def test_the_buyer_who_loses_the_race_is_told_and_not_charged(stripe_server, monkeypatch):
    """Both buyers passed Oscar's (unlocked) stock check; the first allocates the piece
    between the second one's check and allocation."""
    from commerce.checkout.views import PaymentDetailsView

    record, (first, first_token), (second, second_token) = two_buyers_at_preview(stripe_server)
    assert place_order(first, first_token)["Location"] == reverse("checkout:thank-you")
    monkeypatch.setattr(PaymentDetailsView, "check_basket_is_valid", lambda self, request: None)
    lost = place_order(second, second_token)
    monkeypatch.undo()

    assert lost.status_code == 302 and lost["Location"] == reverse("basket:summary")
    page = second.get(lost["Location"])
    assert "this piece has just been sold" in page.content.decode()
    assert page.context["basket"].num_items == 1  # kept, for the buyer to change
    assert list(Order.objects.values_list("guest_email", flat=True)) == ["first@example.in"]
    record.refresh_from_db()
    assert (record.num_in_stock, record.num_allocated) == (1, 1)
    loser = PaymentAttempt.objects.get(guest_email="second@example.in")
    assert loser.state == PaymentAttempt.SOLD_OUT and loser.order is None
    assert payments.retrieve_intent(loser.intent_id).status == "canceled"
    winner = PaymentAttempt.objects.get(guest_email="first@example.in")
    assert payments.retrieve_intent(winner.intent_id).status == "succeeded"
