"""The exhibition point of sale on a phone: a UPI sale made while the stall has no network is kept
on the phone, sent when the network returns, and recorded once. Screenshots in English and
Bengali under test-results/."""

import pytest
from django.conf import settings
from playwright.sync_api import expect

from exhibitions.models import Event, EventSale, EventStock
from storefront.demo.partners import DEMO_EVENT
from tests.support.auth import browser_sign_in

from .conftest import PHONE

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

UPC = "HAAT-POUCH-04"


def shot(shots, page, name):
    page.evaluate("window.scrollTo(0, 0)")  # sticky bars where they belong in a full-page shot
    shots(page, name)


@pytest.fixture
def phone(browser, demo_site):
    context = browser.new_context(viewport=PHONE, base_url=demo_site.url, is_mobile=True,
                                  has_touch=True, device_scale_factor=2)
    page = context.new_page()
    page.set_default_timeout(15_000)
    outside = []
    allowed = (demo_site.url, "data:", "blob:", settings.STRIPE_API_BASE)
    page.on("request", lambda r: None if r.url.startswith(allowed) else outside.append(r.url))
    yield context, page
    context.close()
    assert outside == [], f"requests left the site: {outside}"


def test_a_upi_sale_made_offline_is_sent_once_when_the_network_returns(phone, shots):
    context, page = phone
    event = Event.objects.get(name=DEMO_EVENT)
    held = EventStock.objects.get(event=event, product__upc=UPC)
    url = f"/workshop/events/{event.pk}/sell/"
    browser_sign_in(page, "shelter-staff", next_url=url)
    page.wait_for_url(f"**{url}")
    expect(page.locator("[data-net-text]")).to_have_text("Online")
    shot(shots, page, "pos-online")

    context.set_offline(True)
    expect(page.locator("[data-net-text]")).to_contain_text("Offline")
    page.click(f'[data-testid="item-{UPC}"]')
    expect(page.locator("[data-total]")).to_have_text("₹320")
    expect(page.locator('[data-pay="card"]')).to_be_disabled()  # cards need the network
    page.click('[data-pay="upi"]')
    # No network, so no QR for the amount: the account's own code (loaded while online) and
    # the amount to type.
    expect(page.locator("[data-upi-offline]")).to_be_visible()
    expect(page.locator('[data-panel="upi"] [data-amount]')).to_have_text("₹320")
    shot(shots, page, "upi-offline")
    page.click('[data-confirm="upi"]')
    expect(page.locator("[data-done-queued]")).to_be_visible()
    expect(page.locator("[data-sales] .pos-badge--waiting")).to_have_count(1)
    expect(page.locator("[data-queue-banner]")).to_be_visible()
    shot(shots, page, "kept-on-the-phone")
    assert EventSale.objects.filter(event=event).count() == 0

    context.set_offline(False)
    expect(page.locator("[data-sales] .pos-badge--sent")).to_have_count(1)
    expect(page.locator("[data-queue-banner]")).to_be_hidden()
    expect(page.locator("[data-receipt-link]")).to_be_visible()
    sale = EventSale.objects.get(event=event)
    assert (sale.method, sale.status, sale.total_paise) == ("upi", "paid", 32000)
    held_after = EventStock.objects.get(pk=held.pk).quantity
    assert held_after == held.quantity - 1
    shot(shots, page, "sent")

    # Reloaded (and the phone's queue read again), the sale is listed once and recorded once.
    page.reload()
    expect(page.locator("[data-sales] li")).to_have_count(1)
    expect(page.locator(f"[data-sales] [data-sale-id='{sale.pk}']")).to_have_count(1)
    # A (wrong) second send would start as the page loads: wait until the network is quiet.
    page.wait_for_load_state("networkidle")
    assert EventSale.objects.filter(event=event).count() == 1

    # The same page in Bengali.
    # The language post comes back to this same address: wait for the post itself.
    with page.expect_navigation():
        page.click('[data-testid="lang-bn"]')
    page.wait_for_url(f"**{url}")
    expect(page.locator("html")).to_have_attribute("lang", "bn")
    expect(page.locator("[data-net-text]")).to_have_text("অনলাইন")
    shot(shots, page, "pos-bengali")
    page.click(f'[data-testid="item-{UPC}"]')
    page.click('[data-pay="cash"]')
    shot(shots, page, "cash-bengali")
    page.click('[data-confirm="cash"]')
    expect(page.locator("[data-sales] .pos-badge--sent")).to_have_count(1)
    expect(page.locator("[data-receipt-link]")).to_be_visible()
    assert EventSale.objects.filter(event=event, method="cash").count() == 1

    # The manager counts the money in Bengali; a count that is not a number is refused.
    page.goto(f"/workshop/events/{event.pk}/days/{sale.day.date.isoformat()}/close/")
    page.fill("#c-cash", "তিনশো")
    page.fill("#c-upi", "320")
    page.click("form.ws-form button[type=submit]")
    expect(page.locator(".ws-msg--error")).to_be_visible()
    shot(shots, page, "close-day-refused-bengali")
    page.fill("#c-cash", "320")
    page.click("form.ws-form button[type=submit]")
    expect(page.locator('[data-testid="closed"]')).to_be_visible()
    shot(shots, page, "closed-bengali")


def test_the_point_of_sale_opens_with_no_network_once_it_has_been_opened(phone, shots):
    context, page = phone
    event = Event.objects.get(name=DEMO_EVENT)
    url = f"/workshop/events/{event.pk}/sell/"
    browser_sign_in(page, "shelter-staff", next_url=url)
    page.wait_for_url(f"**{url}")
    # The service worker keeps the page once it controls it (from the next load on).
    page.evaluate("navigator.serviceWorker.ready.then(() => true)")
    page.reload()
    context.set_offline(True)
    page.reload()
    expect(page.locator("h1")).to_have_text(DEMO_EVENT)
    expect(page.locator("[data-net-text]")).to_contain_text("Offline")
    expect(page.locator(f'[data-testid="item-{UPC}"]')).to_be_visible()
    shot(shots, page, "opened-offline")
