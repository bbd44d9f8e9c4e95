"""An Acme employee verifies her work e-mail through the emailed link, buys a bag with the test
card and sees Acme's gift on the confirmation page; the campaign page's counter rises. Acme's
CSR contact opens the partners' area and downloads the CSR report. Phone and desktop."""

import re

import pytest
from django.core import mail
from django.urls import reverse
from oscar.core.loading import get_model
from playwright.sync_api import expect

from csr_partners.models import CampaignPage, Pledge
from tests.browser.test_checkout_journey import enter_card
from tests.support.auth import browser_sign_in
from tests.support.checkout import ADDRESS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

Order = get_model("order", "Order")
Product = get_model("catalogue", "Product")

WORK = "priya@acme.example"
HOME = "priya@example.in"


@pytest.fixture
def stripe_for_browser(stripe_server, settings):
    from storefront.settings.headers import content_security_policy

    settings.STRIPE_JS_URL = f"{stripe_server}/js.stripe.com/v3/"
    # The policy names Stripe.js's host: this run's localstripe port, not the settings' one.
    settings.CONTENT_SECURITY_POLICY = content_security_policy(settings.STRIPE_JS_URL,
                                                               stripe_server)
    return stripe_server


def bags_on(page, url) -> int:
    page.goto(url)
    return int(page.get_by_test_id("campaign-bags").inner_text())


def test_an_employee_verifies_buys_and_sees_her_companys_gift(stripe_for_browser, page, shots):
    campaign = CampaignPage.objects.get(slug="acme-womens-day", locale__language_code="en-in")
    url = campaign.url
    before = bags_on(page, url)
    shots(page, "campaign")

    page.get_by_label("Your work e-mail").fill("priya@gmail.com")
    page.get_by_label("The e-mail you check out with").fill(HOME)
    page.get_by_role("button", name="Send me the link").click()
    expect(page.locator("body")).to_contain_text("is not an address at Acme")
    assert not mail.outbox

    page.get_by_label("Your work e-mail").fill(WORK)
    page.get_by_label("The e-mail you check out with").fill(HOME)
    page.get_by_role("button", name="Send me the link").click()
    expect(page.locator("body")).to_contain_text(f"We have e-mailed a link to {WORK}")
    shots(page, "link-sent")

    message = mail.outbox[-1]
    assert message.to == [WORK] and "Confirm that you work at Acme" in message.subject
    link = re.search(r"https?://\S+/partners/verify/confirm/\S+", message.body).group(0)
    page.goto(link)
    shots(page, "confirm")
    page.get_by_test_id("verify-confirm").click()
    expect(page.get_by_test_id("campaign-verified")).to_be_visible()
    shots(page, "verified")

    tote = Product.objects.get(upc="HAAT-TOTE-01")
    page.goto(tote.get_absolute_url())
    # The post comes back to the same address: wait for it, or the goto below can cancel it.
    with page.expect_navigation():
        page.get_by_test_id("add-to-basket").click()
    page.goto(reverse("basket:summary"))
    expect(page.get_by_test_id("csr-contribution")).to_contain_text(
        "Acme adds ₹170 to the training fund for this bag")
    shots(page, "basket")

    page.get_by_role("link", name="Proceed to checkout").click()
    page.wait_for_url("**/checkout/**")
    page.get_by_label("My email address is").fill(HOME)
    page.get_by_label(re.compile("checkout as a guest")).check()
    page.get_by_role("button", name="Continue").click()
    page.wait_for_url("**/checkout/shipping-address/")
    for name in ("first_name", "last_name", "line1", "line2", "line4", "postcode", "phone_number"):
        page.locator(f"[name={name}]").fill(ADDRESS[name])
    page.locator("[name=state]").select_option("West Bengal")
    page.get_by_role("button", name="Continue").click()
    page.wait_for_url("**/checkout/shipping-method/")
    page.get_by_role("button", name="Select option").first.click()
    page.wait_for_url("**/checkout/payment-details/")
    enter_card(page, "4242424242424242")
    page.get_by_test_id("payment-continue").click()
    page.wait_for_url("**/checkout/preview/")
    # Already verified: the checkout does not ask again.
    expect(page.get_by_test_id("csr-checkout-offer")).to_have_count(0)
    page.get_by_test_id("place-order").click()

    page.wait_for_url("**/checkout/thank-you/")
    expect(page.get_by_test_id("csr-order-gifts")).to_contain_text(
        "Acme adds ₹170 to the training fund for this bag")
    shots(page, "confirmation")
    order = Order.objects.get(guest_email=HOME)
    assert [p.amount_paise for p in Pledge.objects.filter(order_number=order.number)] == [17000]

    assert bags_on(page, url) == before + 1
    expect(page.get_by_test_id("campaign-pledged")).to_contain_text("₹170")
    shots(page, "campaign-after")


def test_the_checkout_offers_verification_to_a_shopper_not_yet_verified(
        stripe_for_browser, page, shots):
    tote = Product.objects.get(upc="HAAT-TOTE-02")
    page.goto(tote.get_absolute_url())
    with page.expect_navigation():  # as above: the goto must not cancel the post
        page.get_by_test_id("add-to-basket").click()
    page.goto(reverse("basket:summary"))
    expect(page.get_by_test_id("csr-contribution")).to_have_count(0)
    page.get_by_role("link", name="Proceed to checkout").click()
    page.get_by_label("My email address is").fill(HOME)
    page.get_by_label(re.compile("checkout as a guest")).check()
    page.get_by_role("button", name="Continue").click()
    for name in ("first_name", "last_name", "line1", "line2", "line4", "postcode", "phone_number"):
        page.locator(f"[name={name}]").fill(ADDRESS[name])
    page.locator("[name=state]").select_option("West Bengal")
    page.get_by_role("button", name="Continue").click()
    page.get_by_role("button", name="Select option").first.click()
    enter_card(page, "4242424242424242")
    page.get_by_test_id("payment-continue").click()
    page.wait_for_url("**/checkout/preview/")
    offer = page.get_by_test_id("csr-checkout-offer")
    expect(offer).to_contain_text("Work at Acme?")
    shots(page, "preview-offer")
    offer.get_by_label("Your work e-mail").fill(WORK)
    # The request comes back to the preview, the address the page already has.
    with page.expect_navigation():
        offer.get_by_role("button", name="E-mail me the link").click()
    page.wait_for_url("**/checkout/preview/")
    expect(page.locator("body")).to_contain_text(f"We have e-mailed a link to {WORK}")
    link = re.search(r"https?://\S+", mail.outbox[-1].body.split("confirm:")[-1]).group(0)
    page.goto(link)
    # The confirm page's own address ends in ?next=/shop/checkout/preview/: wait for the post.
    with page.expect_navigation():
        page.get_by_test_id("verify-confirm").click()
    page.wait_for_url("**/checkout/preview/")
    expect(page.get_by_test_id("csr-checkout-offer")).to_have_count(0)
    shots(page, "preview-verified")


def test_acmes_csr_contact_sees_the_partners_area(page, shots):
    browser_sign_in(page, "csr-buyer", next_url="/partners/")
    page.goto("/partners/")
    expect(page.locator("h1")).to_contain_text("Acme")
    expect(page.get_by_test_id("tieup-card")).to_contain_text("Women's Day week")
    shots(page, "partners-home")
    page.get_by_test_id("tieup-card").first.click()
    expect(page.get_by_test_id("tieup-figures")).to_be_visible()
    shots(page, "partners-tieup")
    page.goto("/partners/report/")
    expect(page.get_by_test_id("report-pdf")).to_be_visible()
    # The report's period belongs in its download links, not in the header's search box.
    expect(page.locator("#id_q")).to_have_value("")
    shots(page, "partners-report")


def test_finance_sees_companies_tieups_and_a_refused_payment_in_the_dashboard(page, shots):
    browser_sign_in(page, "finance", next_url="/dashboard/csr/")
    page.goto("/dashboard/csr/")
    page.get_by_role("link", name="Acme").first.click()
    expect(page.get_by_test_id("outstanding")).to_contain_text("INR 0")
    form = page.get_by_test_id("payment-form")
    form.get_by_label("Amount (INR)").fill("500")
    form.get_by_label("Bank transfer reference (UTR)").fill("UTR-DEMO-1")
    form.get_by_role("button", name="Record").click()
    expect(page.get_by_test_id("payment-form")).to_contain_text("larger than that")
    shots(page, "company-refused-payment")
    page.goto("/dashboard/csr/tie-ups/")
    page.get_by_role("link", name="Women's Day week").click()
    page.get_by_label("Rate (%)").fill("120")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_test_id("tieup-form")).to_contain_text("between 0% and 100%")
    shots(page, "tieup-bad-rate")
