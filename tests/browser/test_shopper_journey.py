"""A visitor finds a bag from the home page and puts it in the basket, on phone and desktop."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_visitor_goes_from_home_page_to_a_bag_in_the_basket(page, shots):
    page.goto("/")
    expect(page).to_have_title(re.compile("Haat"))
    expect(page.get_by_test_id("shop-cta")).to_be_visible()
    shots(page, "home")

    page.get_by_test_id("shop-cta").click()
    page.wait_for_url("**/shop/catalogue/**")
    cards = page.locator(".product_pod")
    expect(cards.first).to_be_visible()
    assert cards.count() >= 12
    shots(page, "catalogue")

    card = cards.filter(has_text="Kantha market tote")
    card.locator("h3 a, a:has(h3)").first.click()
    expect(page.locator("h1")).to_contain_text("Kantha market tote")
    expect(page.get_by_text("₹850.00").first).to_be_visible()
    shots(page, "product")

    # The post comes back to the same address: wait for it, or the next click (on the old page)
    # can cancel it and open an empty basket.
    with page.expect_navigation():
        page.get_by_test_id("add-to-basket").click()
    page.get_by_test_id("basket-link").first.click()
    page.wait_for_url("**/shop/basket/**")
    expect(page.locator("main, #content_inner, body").first).to_contain_text("Kantha market tote")
    shots(page, "basket")
