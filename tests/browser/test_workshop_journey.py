"""A shelter staffer records batches on a phone, in Bengali, with photos taken on the phone;
a second staffer checks them; stock rises and a one-off piece appears in the shop."""

import re

import pytest
from oscar.core.loading import get_model
from PIL import Image
from playwright.sync_api import expect

from artisans.models import Artisan, ProductionBatch
from storefront.demo.accounts import SECOND_SHELTER_STAFF
from tests.support.auth import browser_sign_in

from .conftest import PHONE

Product = get_model("catalogue", "Product")
ProductClass = get_model("catalogue", "ProductClass")
StockRecord = get_model("partner", "StockRecord")

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def photo(tmp_path, name, colour):
    path = tmp_path / name
    img = Image.new("RGB", (1200, 900), colour)
    img.save(path, "JPEG")
    return str(path)


@pytest.fixture
def phone(browser, demo_site):
    contexts = []
    outside = []

    def open_phone():
        context = browser.new_context(
            viewport=PHONE, base_url=demo_site.url, is_mobile=True, has_touch=True,
            device_scale_factor=2,
        )
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(15_000)
        page.on("request", lambda r: None if r.url.startswith((demo_site.url, "data:", "blob:"))
                else outside.append(r.url))
        return page

    yield open_phone
    for context in contexts:
        context.close()
    assert outside == [], f"requests left the site: {outside}"


def sign_in(page, username):
    browser_sign_in(page, username, next_url="/workshop/")
    page.wait_for_url("**/workshop/")


def top(page):
    """Back to the top before a full-page screenshot (sticky bars then sit where they belong)."""
    page.evaluate("window.scrollTo(0, 0)")
    return page


def no_sideways_scroll(page):
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


def test_staffer_records_in_bengali_and_a_second_staffer_accepts(phone, shots, tmp_path):
    tote = Product.objects.get(upc="HAAT-TOTE-01")
    juhi, bakul = Artisan.objects.get(pseudonym="Juhi"), Artisan.objects.get(pseudonym="Bakul")
    stock = StockRecord.objects.get(product=tote, partner=juhi.shelter.partner)
    before = stock.num_in_stock
    one_off = ProductClass.objects.get(is_one_off=True)

    page = phone()
    sign_in(page, "shelter-staff")
    # The language post comes back to the same address: wait for it before reading the page.
    with page.expect_navigation():
        page.get_by_test_id("lang-bn").click()
    expect(page.locator("h1")).to_have_text("উৎপাদন ব্যাচ")
    no_sideways_scroll(page)
    shots(top(page), "workshop-bn")

    # Batch 1: totes of a product in the shop, with a photo.
    page.get_by_test_id("new-batch").click()
    expect(page.locator("h1")).to_have_text("নতুন ব্যাচ লিখুন")
    page.select_option('[name="what"]', f"p:{tote.pk}")
    page.get_by_label("Juhi").fill("4")
    page.get_by_label("Bakul").fill("2")
    page.get_by_label("পিস রেট (প্রতি পিস ₹)").fill("55")
    expect(page.locator('[name="price"]')).to_be_hidden()  # only for one-off pieces
    page.set_input_files('[name="photos"]', photo(tmp_path, "totes.jpg", (168, 67, 31)))
    expect(page.locator("[data-photo-count]")).to_contain_text("1")
    no_sideways_scroll(page)
    shots(top(page), "batch-form-filled")
    page.get_by_test_id("submit-batch").click()
    expect(page.get_by_test_id("batch-status")).to_have_text("মান যাচাইয়ের অপেক্ষায়")
    expect(page.get_by_text("মান যাচাই অন্য একজন কর্মীকে করতে হবে।")).to_be_visible()
    shots(top(page), "batch-recorded")
    totes = ProductionBatch.objects.latest("pk")
    assert totes.photos.count() == 1
    # Her photo shows on the batch page, from the workshop's private photo address.
    thumb = page.locator(".ws-photo-strip img").first
    expect(thumb).to_have_attribute("src", re.compile(r"^/workshop/batch/\d+/photos/\d+/$"))
    thumb.scroll_into_view_if_needed()
    page.wait_for_function("i => i.complete && i.naturalWidth > 0", arg=thumb.element_handle())
    shots(page, "batch-photo-private")

    # Batch 2: a one-off piece. A mistake first (no price): the form keeps what was typed.
    page.goto("/workshop/")
    page.get_by_test_id("new-batch").click()
    page.select_option('[name="what"]', f"c:{one_off.pk}")
    expect(page.locator('[name="price"]')).to_be_visible()
    page.get_by_label("Juhi").fill("1")
    page.get_by_label("পিস রেট (প্রতি পিস ₹)").fill("120")
    page.fill('[name="notes"]', "লাল পাড়, হাতের কাজ")
    # The connection drops: nothing is lost, and the page says to press Save again.
    page.context.set_offline(True)
    page.get_by_test_id("submit-batch").click()
    expect(page.locator("[data-offline-banner]")).to_be_visible()
    expect(page.locator('[name="notes"]')).to_have_value("লাল পাড়, হাতের কাজ")
    shots(top(page), "offline-kept")
    page.context.set_offline(False)
    page.reload()  # even a reload keeps what was typed (kept on the phone)
    expect(page.locator('[name="notes"]')).to_have_value("লাল পাড়, হাতের কাজ")
    expect(page.get_by_label("Juhi")).to_have_value("1")
    page.select_option('[name="what"]', f"c:{one_off.pk}")
    page.get_by_test_id("submit-batch").click()
    expect(page.get_by_text("একক পিসের জন্য দোকানের দাম লিখুন।")).to_be_visible()
    expect(page.locator('[name="notes"]')).to_have_value("লাল পাড়, হাতের কাজ")
    expect(page.get_by_label("Juhi")).to_have_value("1")
    shots(top(page), "batch-form-error")
    page.locator('[name="price"]').fill("1650")
    page.set_input_files('[name="photos"]', photo(tmp_path, "piece.jpg", (38, 58, 94)))
    page.get_by_test_id("submit-batch").click()
    expect(page.get_by_test_id("batch-status")).to_have_text("মান যাচাইয়ের অপেক্ষায়")
    piece_batch = ProductionBatch.objects.latest("pk")
    assert piece_batch.pk != totes.pk

    # The second staffer checks both.
    page = phone()
    sign_in(page, SECOND_SHELTER_STAFF)
    with page.expect_navigation():  # as above
        page.get_by_test_id("lang-bn").click()
    shots(top(page), "checker-list")
    page.get_by_test_id(f"batch-{totes.pk}").click()
    page.locator(f'[name="accept_{bakul.pk}"]').fill("1")
    page.locator(f'[name="reason_{bakul.pk}"]').fill("হাতল আলগা")
    no_sideways_scroll(page)
    shots(top(page), "quality-check")
    page.get_by_test_id("accept-batch").click()
    expect(page.get_by_test_id("batch-status")).to_have_text("গৃহীত ও স্টকে যোগ হয়েছে")
    expect(page.get_by_text("দোকানের স্টকে 5টি পিস যোগ হয়েছে")).to_be_visible()
    shots(top(page), "accepted")
    stock.refresh_from_db()
    assert stock.num_in_stock == before + 5

    page.goto(f"/workshop/batch/{piece_batch.pk}/")
    page.get_by_test_id("accept-batch").click()
    expect(page.get_by_test_id("batch-status")).to_have_text("গৃহীত ও স্টকে যোগ হয়েছে")
    piece = Product.objects.get(upc=f"HAAT-B{piece_batch.pk}-1")
    assert piece.stockrecords.get().num_in_stock == 1

    # The piece is in the shop, with its maker, for any shopper.
    shopper = phone()
    shopper.goto("/shop/catalogue/")
    card = shopper.locator(".product_pod").filter(has_text=piece.title)
    expect(card).to_be_visible()
    expect(card.get_by_test_id("made-by")).to_contain_text("Juhi")
    card.locator("h3 a").click()
    expect(shopper.locator("h1")).to_contain_text(piece.title)
    expect(shopper.get_by_text(re.compile("1,650|1650")).first).to_be_visible()
    # Its photo, copied from the batch's when it was accepted, is public.
    picture = shopper.locator("#product_gallery img").first
    picture.scroll_into_view_if_needed()
    shopper.wait_for_function("i => i.complete && i.naturalWidth > 0",
                              arg=picture.element_handle())
    shots(top(shopper), "one-off-piece-in-shop")
