"""A shopper buys a bag with the test card in Stripe's card Element (localstripe's here) and
sees the confirmation page, on phone and desktop, with a screenshot of each step."""

import re

import pytest
from django.urls import reverse
from oscar.core.loading import get_model
from playwright.sync_api import expect

from tests.support.checkout import ADDRESS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

Order = get_model("order", "Order")
Product = get_model("catalogue", "Product")


@pytest.fixture
def stripe_for_browser(stripe_server, settings):
    settings.STRIPE_JS_URL = f"{stripe_server}/js.stripe.com/v3/"
    return stripe_server


def to_card_form(page, shots, upc="HAAT-TOTE-01"):
    product = Product.objects.get(upc=upc)
    page.goto(product.get_absolute_url())
    expect(page.locator("h1")).to_contain_text(product.title)
    # The post comes back to the same address: wait for it, or the goto below can cancel it.
    with page.expect_navigation():
        page.get_by_test_id("add-to-basket").click()
    page.goto(reverse("basket:summary"))
    shots(page, "basket")

    page.get_by_role("link", name="Proceed to checkout").click()
    page.wait_for_url("**/checkout/**")
    page.get_by_label("My email address is").fill("asha@example.in")
    page.get_by_label(re.compile("checkout as a guest")).check()
    shots(page, "gateway")
    page.get_by_role("button", name="Continue").click()

    page.wait_for_url("**/checkout/shipping-address/")
    for name in ("first_name", "last_name", "line1", "line2", "line4", "postcode", "phone_number"):
        page.locator(f"[name={name}]").fill(ADDRESS[name])
    page.locator("[name=state]").select_option("West Bengal")
    shots(page, "address")
    page.get_by_role("button", name="Continue").click()

    page.wait_for_url("**/checkout/shipping-method/")
    expect(page.get_by_text("Standard: India Post")).to_be_visible()
    shots(page, "shipping-method")
    page.get_by_role("button", name="Select option").first.click()

    page.wait_for_url("**/checkout/payment-details/")


def enter_card(page, number):
    card = page.get_by_test_id("card-element")
    expect(card.locator("input").first).to_be_visible()
    card.locator("[placeholder=number]").fill(number)
    card.locator("[placeholder=exp_month]").fill("12")
    card.locator("[placeholder=exp_year]").fill("34")
    card.locator("[placeholder=cvc]").fill("123")
    card.locator("[placeholder=postal_code]").fill("700019")


def test_a_shopper_buys_a_bag_with_the_test_card(stripe_for_browser, page, shots):
    to_card_form(page, shots)
    enter_card(page, "4242424242424242")
    shots(page, "card")
    page.get_by_test_id("payment-continue").click()

    page.wait_for_url("**/checkout/preview/")
    expect(page.get_by_test_id("card-label")).to_contain_text("4242")
    expect(page.get_by_test_id("place-order")).to_contain_text("₹930.00")
    shots(page, "review")
    page.get_by_test_id("place-order").click()

    page.wait_for_url("**/checkout/thank-you/")
    order = Order.objects.get()
    expect(page.locator("body")).to_contain_text(order.number)
    assert order.status == "Paid" and order.total_incl_tax == 930
    shots(page, "confirmation")


@pytest.mark.parametrize("page", ["phone"], indirect=True)  # the purchase above covers both
def test_a_shopper_passes_3d_secure_and_gets_the_order(stripe_for_browser, page, shots):
    to_card_form(page, shots, upc="HAAT-POUCH-01")
    enter_card(page, "4000000000003220")
    page.get_by_test_id("payment-continue").click()
    page.wait_for_url("**/checkout/preview/")
    page.get_by_test_id("place-order").click()

    # localstripe's stand-in for the bank's 3-D Secure window
    expect(page.get_by_test_id("authenticate")).to_be_visible()
    page.get_by_role("button", name="Complete authentication").click()

    page.wait_for_url("**/checkout/thank-you/")
    order = Order.objects.get()
    expect(page.locator("body")).to_contain_text(order.number)
    assert order.status == "Paid"
    shots(page, "confirmation-after-3ds")


@pytest.mark.parametrize("page", ["desktop"], indirect=True)
def test_a_declined_card_shows_the_banks_message(stripe_for_browser, page, shots):
    to_card_form(page, shots, upc="HAAT-POUCH-02")
    enter_card(page, "4000000000000341")
    page.get_by_test_id("payment-continue").click()
    page.wait_for_url("**/checkout/preview/")
    # A decline is answered on the same address (/checkout/preview/): wait for the post itself.
    with page.expect_navigation():
        page.get_by_test_id("place-order").click()

    page.wait_for_url("**/checkout/preview/")
    expect(page.locator(".alert-danger")).to_contain_text("Your card was declined")
    expect(page.get_by_test_id("card-element")).to_be_visible()
    assert not Order.objects.exists()
    shots(page, "declined")
