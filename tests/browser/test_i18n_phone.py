"""The shop in Bengali and Hindi on a phone (issue 20): one tidy header (a language menu that
opens without script, a category menu that says it scrolls), the shop's own Bengali and
Devanagari web fonts served under the CSP, and axe-core finding no serious or critical problem on
home, catalogue, product, maker, about, campaign and checkout, nor a "region" or
"landmark-one-main" one on checkout. Screenshots under test-results/."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.urls import reverse
from django.utils import translation
from oscar.core.loading import get_model
from playwright.sync_api import expect

from artisans.models import Artisan

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

Product = get_model("catalogue", "Product")
AXE = Axe()
PHONE = {"width": 390, "height": 844}


@pytest.fixture
def phone(browser, demo_site):
    context = browser.new_context(viewport=PHONE, base_url=demo_site.url, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.set_default_timeout(15_000)
    refused = []
    page.on("console", lambda msg: refused.append(msg.text) if "Refused to" in msg.text else None)
    yield page
    context.close()
    assert refused == [], f"the Content Security Policy refused: {refused}"


def violations(page, only=None):
    results = AXE.run(page, options={"resultTypes": ["violations"]})
    return [f"{v['id']} ({v['impact']})" for v in results.response["violations"]
            if (only is None and v["impact"] in ("serious", "critical")) or (only and v["id"] in only)]


def pages(language):
    with translation.override(language):
        product = Product.objects.browsable().order_by("id").first()
        maker = Artisan.objects.order_by("pk").first()
        return [
            ("home", f"/{language}/"),
            ("catalogue", reverse("catalogue:index")),
            ("product", product.get_absolute_url()),
            ("maker", reverse("artisans:maker", kwargs={"slug": maker.slug})),
            ("about", f"/{language}/about/"),
            ("campaign", f"/{language}/acme-womens-day/"),
        ], product


@pytest.mark.parametrize("language", ["bn", "hi"])
def test_bengali_and_hindi_pages_on_a_phone_are_accessible(phone, shots, language):
    listed, product = pages(language)
    bad = []
    for name, url in listed:
        phone.goto(url)
        expect(phone.locator("html")).to_have_attribute("lang", language)
        bad += [f"{name}: {v}" for v in violations(phone)]
        shots(phone, f"{language}-{name}")
    # Checkout: a piece in the basket, then the first checkout page (a guest's).
    phone.goto(product_url(language, product))
    with phone.expect_navigation():
        phone.locator("#add_to_basket_form button[type=submit]").first.click()
    with translation.override(language):
        phone.goto(reverse("checkout:index"))
    expect(phone.locator("main#main h1")).to_be_visible()
    bad += [f"checkout: {v}" for v in violations(phone)]
    bad += [f"checkout: {v}" for v in violations(phone, only={"region", "landmark-one-main"})]
    shots(phone, f"{language}-checkout")
    assert bad == []


def product_url(language, product):
    with translation.override(language):
        return product.get_absolute_url()


def test_the_phone_header_is_one_line_with_a_language_menu_and_a_scrolling_menu(phone, shots):
    phone.goto("/bn/shop/catalogue/")
    bar = phone.locator(".utility-bar")
    # One line: the language menu is closed, and the bar is no taller than one line of text.
    assert bar.bounding_box()["height"] < 48
    expect(phone.get_by_test_id("lang-hi")).to_be_hidden()
    expect(phone.get_by_test_id("lang-menu")).to_contain_text("বাংলা")
    # The category menu scrolls sideways, and an arrow says so until its end is reached.
    menu = phone.locator(".primary-nav__list")
    assert menu.evaluate("el => el.scrollWidth > el.clientWidth")
    hint = phone.locator(".primary-nav__more")
    expect(hint).to_be_visible()
    menu.evaluate("el => { el.scrollLeft = el.scrollWidth; el.dispatchEvent(new Event('scroll')); }")
    expect(hint).to_be_hidden()
    # The language menu opens with a tap, closes on Escape, and its links lead to the page in
    # that language.
    phone.get_by_test_id("lang-menu").click()
    expect(phone.get_by_test_id("lang-hi")).to_be_visible()
    shots(phone, "bn-language-menu")
    phone.keyboard.press("Escape")
    expect(phone.get_by_test_id("lang-hi")).to_be_hidden()
    phone.get_by_test_id("lang-menu").click()
    phone.get_by_test_id("lang-hi").click()
    phone.wait_for_url("**/hi/shop/catalogue/")
    expect(phone.locator("html")).to_have_attribute("lang", "hi")


@pytest.mark.parametrize("language", ["bn", "hi"])
def test_a_signed_in_shoppers_phone_header_stays_one_line(phone, shots, language):
    """"Sign out" in Bengali or Hindi beside the language menu does not wrap onto two lines."""
    from tests.support.auth import browser_sign_in

    browser_sign_in(phone, "shopper", next_url=f"/{language}/")
    link = phone.locator("#logout_link")
    expect(link).to_be_visible()
    bar = phone.locator(".utility-bar").bounding_box()
    assert bar["height"] < 48
    box = link.bounding_box()
    assert box["height"] < 30 and box["y"] + box["height"] <= bar["y"] + bar["height"]
    assert box["x"] + box["width"] <= PHONE["width"]
    shots(phone, f"{language}-signed-in-header")


def test_the_shops_web_fonts_load_from_its_own_static_files(phone):
    """A Bengali page asks for the shop's Bengali font and the server and the CSP let it through
    (a machine with the font installed uses its own: local() first; the file is fetched here
    by a page that names the face directly)."""
    responses = []
    phone.on("response", lambda r: responses.append(r) if r.url.endswith(".woff2") else None)
    phone.goto("/bn/")
    loaded = phone.evaluate("""async () => {
        const link = [...document.styleSheets].find(s => (s.href || '').includes('haat'));
        const base = new URL('../fonts/', link.href).href;
        const face = new FontFace('HaatCheck', `url(${base}NotoSansBengali-Regular.subset.woff2)`);
        await face.load();
        document.fonts.add(face);
        return document.fonts.check('16px HaatCheck', 'পাট');
    }""")
    assert loaded is True
    # Without Noto installed the page's own faces are fetched too: every one must answer.
    checked = [r for r in responses if r.url.endswith("NotoSansBengali-Regular.subset.woff2")]
    assert checked and all(r.status == 200 for r in responses), [(r.url, r.status) for r in responses]
    assert "font/woff2" in checked[0].headers.get("content-type", "")
