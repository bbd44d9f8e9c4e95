"""localstripe (the Stripe server) stopped at the payment step (issue 19): the shopper is told
plainly, her basket is kept, no order is written and nothing is charged; once Stripe is back
the same basket pays."""

import pytest
from django.test import Client
from django.urls import reverse
from oscar.core.loading import get_model

from commerce.checkout.sweep import sweep
from tests.support.checkout import add_to_basket, place_order, to_preview

Basket = get_model("basket", "Basket")
Order = get_model("order", "Order")
PaymentAttempt = get_model("checkout", "PaymentAttempt")

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("eager_celery")]


def test_stripe_stopped_at_the_payment_step_takes_nothing_and_keeps_the_basket(own_localstripe):
    shopper = Client()
    product = add_to_basket(shopper, "HAAT-TOTE-02", quantity=2)
    _preview, token = to_preview(shopper, own_localstripe.base)

    own_localstripe.stop()
    response = place_order(shopper, token)

    assert response.status_code in (200, 302)
    if response.status_code == 302:
        response = shopper.get(response["Location"], follow=True)
    page = response.content.decode()
    assert "We could not take the payment just now, and no money has been taken." in page
    assert not Order.objects.exists()
    attempt = PaymentAttempt.objects.get()
    assert attempt.state == PaymentAttempt.FAILED and not attempt.intent_id  # no intent made
    basket = Basket.objects.get(pk=attempt.basket_id)
    assert basket.status == Basket.OPEN
    assert [(line.product, line.quantity) for line in basket.all_lines()] == [(product, 2)]
    basket_page = shopper.get(reverse("basket:summary")).content.decode()
    assert product.title in basket_page

    own_localstripe.start()  # Stripe is back: the same basket pays with a card given again
    _preview, token = to_preview(shopper, own_localstripe.base)
    assert place_order(shopper, token).status_code == 302
    order = Order.objects.get()
    assert order.status == "Paid" and order.basket_id == basket.pk
    assert sweep(stale_after=None) == []
