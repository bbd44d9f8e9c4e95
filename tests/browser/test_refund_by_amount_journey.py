"""Finance refunds an amount on a line the buyer keeps (issue 18), in the dashboard: an amount
more than goodwill may give back is refused with the most it can, then ₹170 of goodwill goes
back to the card. Desktop only: the dashboard is a desk tool."""

import pytest
from django.test import Client
from django.urls import reverse
from oscar.core.loading import get_model
from playwright.sync_api import expect

from payouts.models import LineRefund
from tests.support.auth import browser_sign_in
from tests.support.checkout import add_to_basket, place_order, to_preview

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

Order = get_model("order", "Order")
StripeRefund = get_model("checkout", "StripeRefund")


def test_finance_refunds_goodwill_by_amount(browser, demo_site, stripe_server, shots):
    buyer = Client()
    add_to_basket(buyer, "HAAT-POUCH-01", quantity=2)
    _preview, token = to_preview(buyer, stripe_server)
    assert place_order(buyer, token).status_code == 302
    order = Order.objects.order_by("-id").first()
    context = browser.new_context(viewport={"width": 1280, "height": 900},
                                  base_url=demo_site.url)
    page = context.new_page()
    page.set_default_timeout(20_000)
    try:
        url = reverse("dashboard:order-refund", kwargs={"number": order.number})
        browser_sign_in(page, "finance", next_url=url)
        page.goto(url)
        form = page.get_by_test_id("refund-amount-form")
        form.get_by_label("Amount to refund (₹)").fill("700")
        form.get_by_label("Goodwill / late delivery", exact=False).check()
        with page.expect_navigation():
            form.get_by_role("button", name="Refund this amount").click()
        expect(page.get_by_role("alert").first).to_contain_text("can be refunded for this reason")
        assert not StripeRefund.objects.exists()
        shots(page, "over-refund-refused")

        form = page.get_by_test_id("refund-amount-form")
        form.get_by_label("Amount to refund (₹)").fill("170")
        form.get_by_label("Goodwill / late delivery", exact=False).check()
        shots(page, "goodwill-170-filled")
        with page.expect_navigation():
            form.get_by_role("button", name="Refund this amount").click()
        expect(page.locator("body")).to_contain_text("Refunded ₹170.00 to the buyer's card")
        shots(page, "refunded")
        parts = LineRefund.objects.get()
        assert (parts.amount_paise, parts.maker_paise) == (17_000, 0)
    finally:
        context.close()
