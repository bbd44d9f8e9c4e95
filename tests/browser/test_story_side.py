"""The story side in a browser: switching the home page to Bengali shows Bengali words and rupees
in Indian grouping; axe-core finds no serious or critical accessibility violation on the home,
catalogue, product, basket and checkout pages; a shopper can check out with the keyboard alone.
Screenshots (phone and desktop) under test-results/."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.urls import reverse
from django.utils import translation
from oscar.core.loading import get_model
from playwright.sync_api import expect

from catalogue.money import format_paise
from payouts import ledger
from storefront import impact
from tests.support.checkout import ADDRESS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

Order = get_model("order", "Order")
Product = get_model("catalogue", "Product")

AXE = Axe()
SERIOUS = {"serious", "critical"}


def url_of(product) -> str:
    with translation.override("en-in"):
        return product.get_absolute_url()


def assert_accessible(page, where):
    results = AXE.run(page, options={"resultTypes": ["violations"]})
    bad = [
        f"{v['id']} ({v['impact']}): {v['help']} -> "
        + "; ".join(n["target"][0] if isinstance(n["target"][0], str) else str(n["target"])
                    for n in v["nodes"][:5])
        for v in results.response["violations"] if v["impact"] in SERIOUS
    ]
    assert bad == [], f"{where}: {bad}"


@pytest.fixture
def stripe_for_browser(stripe_server, settings):
    from storefront.settings.headers import content_security_policy

    settings.STRIPE_JS_URL = f"{stripe_server}/js.stripe.com/v3/"
    # The policy names Stripe.js's host: this run's localstripe port, not the settings' one.
    settings.CONTENT_SECURITY_POLICY = content_security_policy(settings.STRIPE_JS_URL,
                                                               stripe_server)
    return stripe_server


def test_switching_the_home_page_to_bengali(page, shots):
    # A pledge of ₹1,23,456.00 received into the training fund, so lakhs show on the page.
    ledger.post("test:browser:pledge", "CSR pledge received", [
        (ledger.BANK, 12_345_600), (ledger.TRAINING_FUND, -12_345_600)])
    fund = format_paise(impact.refresh()["fund_inflow_paise"])
    assert re.fullmatch(r"₹\d{1,2},\d\d,\d{3}\.\d\d", fund), fund  # ₹1,23,456.00-style

    page.goto("/")
    expect(page.locator("html")).to_have_attribute("lang", "en-in")
    expect(page.get_by_test_id("impact-strip")).to_contain_text(fund)
    shots(page, "home-en")

    page.get_by_test_id("lang-menu").click()  # the header's language menu opens
    page.get_by_test_id("lang-bn").click()
    page.wait_for_url("**/bn/")
    expect(page.locator("html")).to_have_attribute("lang", "bn")
    expect(page.locator("h1")).to_contain_text("পশ্চিমবঙ্গে হাতে তৈরি")
    strip = page.get_by_test_id("impact-strip")
    expect(strip).to_contain_text("আপনার কেনাকাটায় যা হয়েছে")
    expect(strip).to_contain_text(fund)
    expect(strip).to_contain_text("প্রশিক্ষণ তহবিলে")
    # Prices on the product cards, too: the rupee sign first, in Latin digits.
    expect(page.locator(".product-card__price").first).to_contain_text(re.compile(r"₹\d"))
    shots(page, "home-bn")

    # The catalogue keeps the language (its address is under /bn/), and so does the way back.
    page.get_by_role("link", name="সংগ্রহ দেখুন").click()
    page.wait_for_url("**/bn/shop/catalogue/")
    expect(page.locator("html")).to_have_attribute("lang", "bn")
    shots(page, "catalogue-bn")
    page.get_by_test_id("lang-menu").click()  # the header's language menu opens
    page.get_by_test_id("lang-hi").click()
    page.wait_for_url("**/hi/shop/catalogue/")
    expect(page.locator("html")).to_have_attribute("lang", "hi")
    page.get_by_test_id("lang-menu").click()  # the header's language menu opens
    page.get_by_test_id("lang-en-in").click()
    # The host straight before /shop/: the Hindi page (/hi/shop/catalogue/) must not match.
    page.wait_for_url(re.compile(r"://[^/]+/shop/catalogue/$"))
    expect(page.locator("html")).to_have_attribute("lang", "en-in")


@pytest.mark.parametrize("language", ["", "/bn", "/hi"])
def test_story_and_impact_pages_in_three_languages(page, shots, language):
    for path in ("/", "/impact/", "/juhis-story/"):
        page.goto(f"{language}{path}")
        expect(page.locator("h1")).to_be_visible()
        shots(page, (language.strip("/") or "en") + (path.strip("/") or "-home"))
    assert_accessible(page, f"{language}/juhis-story/")


def test_no_serious_accessibility_violations_from_home_to_checkout(
        stripe_for_browser, page, shots):
    tote = Product.objects.get(upc="HAAT-TOTE-01")
    for where in ("/", reverse("catalogue:index"), url_of(tote), "/impact/"):
        page.goto(where)
        assert_accessible(page, where)

    page.goto(url_of(tote))
    # The post comes back to the same address: wait for it, or the goto below can cancel it.
    with page.expect_navigation():
        page.get_by_test_id("add-to-basket").click()
    page.goto(reverse("basket:summary"))
    expect(page.locator("body")).to_contain_text(tote.title)
    assert_accessible(page, "basket")

    page.get_by_role("link", name="Proceed to checkout").click()
    page.wait_for_url("**/checkout/**")
    assert_accessible(page, "checkout: who are you")
    page.get_by_label("My email address is").fill("asha@example.in")
    page.get_by_label(re.compile("checkout as a guest")).check()
    page.get_by_role("button", name="Continue").click()

    page.wait_for_url("**/checkout/shipping-address/")
    assert_accessible(page, "checkout: address")
    for name in ("first_name", "last_name", "line1", "line2", "line4", "postcode", "phone_number"):
        page.locator(f"[name={name}]").fill(ADDRESS[name])
    page.locator("[name=state]").select_option("West Bengal")
    page.get_by_role("button", name="Continue").click()

    page.wait_for_url("**/checkout/shipping-method/")
    assert_accessible(page, "checkout: shipping method")
    page.get_by_role("button", name="Select option").first.click()

    page.wait_for_url("**/checkout/payment-details/")
    expect(page.get_by_test_id("card-element").locator("input").first).to_be_visible()
    assert_accessible(page, "checkout: payment")
    shots(page, "payment")


# --- Keyboard only ------------------------------------------------------------------------------
def focused_matches(page, selector) -> bool:
    return page.evaluate(
        "(sel) => !!document.activeElement && document.activeElement.matches(sel)", selector)


def tab_to(page, selector, limit=120):
    """Press Tab (as a keyboard user does) until the focus is on `selector`."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if focused_matches(page, selector):
            return
    raise AssertionError(f"Tab never reached {selector} on {page.url}")


def keyboard_fill(page, selector, text):
    tab_to(page, selector)
    page.keyboard.type(text)


def test_a_shopper_checks_out_with_the_keyboard_alone(stripe_for_browser, page, shots):
    tote = Product.objects.get(upc="HAAT-TOTE-01")
    page.goto(url_of(tote))
    tab_to(page, "[data-testid=add-to-basket]")
    # Adding posts the form and comes back to the same address, so wait for that navigation
    # itself: waiting on the URL or the load state can return before the post has even left.
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.locator(".alert-success, [role=alert]").first).to_be_visible()

    tab_to(page, f'a[href="{reverse("basket:summary")}"]')
    page.keyboard.press("Enter")
    page.wait_for_url(f"**{reverse('basket:summary')}")
    tab_to(page, f'a[href^="{reverse("checkout:index")}"]')
    page.keyboard.press("Enter")
    page.wait_for_url("**/checkout/**")

    keyboard_fill(page, "input[type=email], input[name=username]", "asha@example.in")
    tab_to(page, "input[type=radio][value=anonymous], input[type=radio][value='0']")
    page.keyboard.press("Space")
    tab_to(page, "button[type=submit]")
    page.keyboard.press("Enter")

    page.wait_for_url("**/checkout/shipping-address/")
    for name in ("first_name", "last_name", "line1", "line2", "line4", "postcode", "phone_number"):
        keyboard_fill(page, f"[name={name}]", ADDRESS[name])
    tab_to(page, "select[name=state]")
    page.keyboard.type("West Bengal")
    expect(page.locator("select[name=state]")).to_have_value(re.compile("West Bengal|WB"))
    shots(page, "keyboard-address")
    tab_to(page, "form button[type=submit]")
    page.keyboard.press("Enter")

    page.wait_for_url("**/checkout/shipping-method/")
    tab_to(page, "form button[type=submit]")
    page.keyboard.press("Enter")

    page.wait_for_url("**/checkout/payment-details/")
    card = page.get_by_test_id("card-element")
    expect(card.locator("input").first).to_be_visible()
    for placeholder, value in (("number", "4242424242424242"), ("exp_month", "12"),
                               ("exp_year", "34"), ("cvc", "123"), ("postal_code", "700019")):
        keyboard_fill(page, f"[data-testid=card-element] [placeholder={placeholder}]", value)
    shots(page, "keyboard-card")
    tab_to(page, "[data-testid=payment-continue]:not([disabled])")
    page.keyboard.press("Enter")

    page.wait_for_url("**/checkout/preview/")
    tab_to(page, "[data-testid=place-order]")
    shots(page, "keyboard-review")
    page.keyboard.press("Enter")

    page.wait_for_url("**/checkout/thank-you/")
    order = Order.objects.get()
    expect(page.locator("body")).to_contain_text(order.number)
    shots(page, "keyboard-thank-you")
