"""The story side: each page type renders in three languages; a story is shown only while its
maker's consent stands; the impact page shows the ledger's figures; SEO (sitemap with hreflang,
canonical, Open Graph, Product JSON-LD); languages in the URL."""

import datetime
import html as htmllib
import json
import re
from decimal import Decimal

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.test import Client
from django.utils import translation
from oscar.core.loading import get_model
from wagtail.models import Locale, Page

from artisans import batch_services, consent_services
from artisans.models import Artisan, Consent
from payouts import ledger
from storefront import impact
from storefront.models import HomePage, ImpactPage, StandardPage, StoryPage
from tests import workshop_support as ws
from tests.support.checkout import add_to_basket, place_order, to_preview

Product = get_model("catalogue", "Product")
Order = get_model("order", "Order")

pytestmark = pytest.mark.django_db


def text_of(response) -> str:
    html = response.content.decode()
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    return htmllib.unescape(" ".join(re.sub(r"<[^>]+>", " ", html).split()))


def english_home():
    return HomePage.objects.get(locale__language_code="en-in")


# --- Each page type renders ---------------------------------------------------------------------
@pytest.mark.parametrize("path, words", [
    ("/", ["Handmade in West Bengal, paid fairly", "What your purchases have done"]),
    ("/bn/", ["পশ্চিমবঙ্গে হাতে তৈরি, ন্যায্য পারিশ্রমিকে", "আপনার কেনাকাটায় যা হয়েছে"]),
    ("/hi/", ["पश्चिम बंगाल में हाथ से बना, उचित मेहनताने पर", "आपकी ख़रीदारी से क्या हुआ"]),
    ("/about/", ["About Haat"]),
    ("/shipping/", ["Shipping", "₹1,500"]),
    ("/returns/", ["Returns"]),
    ("/privacy/", ["Privacy"]),
    ("/impact/", ["Our impact", "Bags and pouches sold", "To the training fund"]),
    ("/bn/impact/", ["আমাদের প্রভাব", "বিক্রি হওয়া ব্যাগ ও পাউচ"]),
    ("/hi/impact/", ["हमारा असर", "बिके हुए बैग और पाउच"]),
    ("/juhis-story/", ["Juhi's first bag", "The story of Juhi", "Made by Juhi"]),
    # Translated in the demo data (storefront.demo.pages, wagtail-localize).
    ("/bn/juhis-story/", ["জুহির প্রথম ব্যাগ", "Juhi-এর গল্প"]),
    ("/bn/about/", ["হাট সম্পর্কে", "আশ্রয়কেন্দ্র কীভাবে চলে"]),
    ("/hi/acme-womens-day/", ["महिला दिवस सप्ताह"]),
])
def test_each_page_type_renders_in_its_language(client, path, words):
    response = client.get(path)
    assert response.status_code == 200, path
    text = text_of(response)
    for word in words:
        assert word in text, (path, word)
    lang = {"bn": "bn", "hi": "hi"}.get(path.split("/")[1], "en-in")
    assert f'<html lang="{lang}"' in response.content.decode()


def test_the_campaign_page_is_a_child_of_the_home_page_and_shown_on_it(client):
    campaign = Page.objects.get(slug="acme-womens-day", locale__language_code="en-in").specific
    assert campaign.get_parent().specific_class is HomePage
    assert "csr_partners.campaignpage" in [
        m._meta.label_lower for m in HomePage.allowed_subpage_models()]
    home = client.get("/")
    assert home.status_code == 200
    section = re.search(r'data-testid="current-campaign".*?</section>', home.content.decode(), re.S)
    assert section and campaign.title.replace("'", "&#x27;") in section.group(0)
    assert campaign.url in section.group(0)


def test_english_addresses_stay_english_whatever_the_language_cookie(client):
    """Public pages take their language from the URL only (the whole-page cache keys on it)."""
    client.cookies["django_language"] = "bn"
    response = client.get("/")
    assert '<html lang="en-in"' in response.content.decode()
    assert "What your purchases have done" in text_of(response)
    assert client.get("/shop/catalogue/").status_code == 200
    catalogue = client.get("/bn/shop/catalogue/")
    assert '<html lang="bn"' in catalogue.content.decode()
    assert "সব জিনিস দেখুন" in text_of(catalogue) or "দোকান" in text_of(catalogue)


def test_staff_areas_keep_the_language_chosen_by_cookie(client):
    # /workshop/ is outside the language prefixes: the switcher's cookie decides there.
    client.cookies["django_language"] = "bn"
    response = client.get("/workshop/", follow=True)
    assert response.status_code == 200
    # Sent to the login page in Bengali (the shop's address under /bn/).
    assert response.redirect_chain[0][0].startswith("/bn/shop/accounts/login/")


def test_the_language_switcher_links_each_language_version_of_the_page(client):
    html = client.get("/impact/").content.decode()
    switcher = re.search(r'<nav class="lang-switch".*?</nav>', html, re.S).group(0)
    assert 'href="/bn/impact/"' in switcher and 'href="/hi/impact/"' in switcher
    assert 'href="/impact/"' in switcher and 'aria-current="true"' in switcher
    with translation.override("en-in"):
        url = Product.objects.get(upc="HAAT-TOTE-01").get_absolute_url()
    html = client.get(f"/bn{url}").content.decode()
    switcher = re.search(r'<nav class="lang-switch".*?</nav>', html, re.S).group(0)
    assert f'href="{url}"' in switcher and f'href="/hi{url}"' in switcher


# --- Consent ------------------------------------------------------------------------------------
def custodian():
    return get_user_model().objects.get(username="identity-custodian")


def test_a_story_disappears_at_once_when_its_consent_is_withdrawn(client, django_capture_on_commit_callbacks):
    story = StoryPage.objects.get(slug="juhis-story", locale__language_code="en-in")
    juhi = story.artisan
    assert client.get("/juhis-story/").status_code == 200
    assert "Juhi&#x27;s first bag" in client.get("/").content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        consent_services.record_consent(artisan=juhi, kind=Consent.STORY, granted=False,
                                        by=custodian(), note="She asked us to take it down.")

    for path in ("/juhis-story/", "/bn/juhis-story/", "/hi/juhis-story/"):
        assert client.get(path).status_code == 404, path
    # Unpublished in every language, gone from the home page and the sitemap.
    assert not StoryPage.objects.filter(artisan=juhi).live().exists()
    assert "Juhi&#x27;s first bag" not in client.get("/").content.decode()
    assert "juhis-story" not in client.get("/sitemap.xml").content.decode()


def test_serving_checks_consent_even_before_the_page_is_unpublished(client):
    """A consent row committed elsewhere (no signal handled yet) already hides the story."""
    story = StoryPage.objects.get(slug="juhis-story", locale__language_code="en-in")
    Consent.objects.create(artisan=story.artisan, kind=Consent.STORY, granted=False,
                           recorded_by=custodian())
    assert client.get("/juhis-story/").status_code == 404


def new_story(maker):
    home = english_home()
    return home.add_child(instance=StoryPage(
        title=f"{maker.pseudonym}'s pouches", slug=f"{maker.slug}-story", artisan=maker,
        introduction="A story written while her consent is asked for.", live=False))


def test_a_story_cannot_be_published_without_a_consent_record():
    bakul = Artisan.objects.get(pseudonym="Bakul")
    assert not Consent.objects.filter(artisan=bakul, kind=Consent.STORY).exists()
    page = new_story(bakul)
    page.save_revision().publish()  # as a workflow approval or scheduled publishing would
    page.refresh_from_db()
    assert not page.live

    consent_services.record_consent(artisan=bakul, kind=Consent.STORY, granted=True,
                                    by=custodian())
    page.save_revision().publish()
    page.refresh_from_db()
    assert page.live
    assert Client().get(page.url).status_code == 200


def test_the_editor_is_told_why_a_story_is_not_published(rf):
    from django.contrib.messages.storage.fallback import FallbackStorage

    from storefront.wagtail_hooks import refuse_story_without_consent

    page = new_story(Artisan.objects.get(pseudonym="Shiuli"))
    request = rf.post("/cms/")
    request.session = {}
    request._messages = FallbackStorage(request)
    response = refuse_story_without_consent(request, page)
    assert response.status_code == 302 and f"/cms/pages/{page.pk}/edit/" in response["Location"]
    assert "has no standing consent" in str(list(request._messages)[0])
    # With her consent the hook lets the publication through.
    consent_services.record_consent(artisan=page.artisan, kind=Consent.STORY, granted=True,
                                    by=custodian())
    assert refuse_story_without_consent(request, page) is None


# --- Impact figures -----------------------------------------------------------------------------
def figures_on(response) -> dict[str, str]:
    html = response.content.decode()
    section = re.search(r'data-testid="impact-figures".*?</section>', html, re.S).group(0)
    return {
        key: htmllib.unescape(" ".join(re.sub(r"<[^>]+>", " ", value).split()))
        for key, value in re.findall(
            r'data-figure="(\w+)">\s*<span class="impact-figure__value">(.*?)</span>', section, re.S)
    }


def indian(n: int) -> str:
    s = str(n)
    if len(s) <= 3:
        return s
    head, tail = s[:-3], s[-3:]
    groups = []
    while len(head) > 2:
        groups.insert(0, head[-2:])
        head = head[:-2]
    return ",".join([head, *groups, tail]) if head else ",".join([*groups, tail])


def rupees(paise: int) -> str:
    return f"₹{indian(paise // 100)}.{paise % 100:02d}"


@pytest.mark.usefixtures("eager_celery")
def test_the_impact_page_shows_the_ledgers_figures_after_a_set_of_sales(stripe_server):
    # Seeded: a batch accepted (piece rates to six makers), then three orders paid by card.
    makers = list(Artisan.objects.filter(shelter=ws.shelter_a(), is_active=True))
    tote = Product.objects.get(upc="HAAT-TOTE-01")
    batch = batch_services.save_batch(
        user=ws.recorder(), shelter=ws.shelter_a(), made_on=datetime.date.today(),
        piece_rate=Decimal("120.00"), pieces={m: 2 for m in makers}, product=tote, submit=True)
    batch_services.check_batch(user=ws.checker(), batch=batch, accepted={})
    for items in ([("HAAT-TOTE-01", 2)], [("HAAT-POUCH-02", 1), ("HAAT-TOTE-01", 1)],
                  [("HAAT-TOTE-03", 1)]):
        buyer = Client()
        for upc, quantity in items:
            add_to_basket(buyer, upc, quantity=quantity)
        _preview, token = to_preview(buyer, stripe_server)
        assert place_order(buyer, token).status_code == 302
    orders = Order.objects.filter(status="Paid")
    assert orders.count() == 3

    impact.refresh()  # what the beat task does
    shown = figures_on(Client().get("/impact/"))

    # The expected figures, read straight from the ledger's balances and the orders.
    balances = ledger.balances()
    maker_accounts = {c: b for c, b in balances.items() if c.startswith("maker-payable:artisan:")}
    units = sum(line.quantity for order in orders for line in order.lines.all())
    assert shown["units_sold"] == indian(units) == "5"
    assert shown["fund_inflow"] == rupees(-balances[ledger.TRAINING_FUND])
    earning = sum(1 for b in maker_accounts.values() if b < 0)
    if earning >= impact.MIN_PEOPLE:
        assert shown["makers_earning"] == str(earning)
        assert shown["maker_earnings"] == rupees(-sum(maker_accounts.values()))
    else:
        assert shown["makers_earning"] == "fewer than 5"
        assert shown["maker_earnings"] == "not shown"
    # No seed grant yet: about fewer than 5 women.
    assert shown["seed_grants"] == "fewer than 5"
    assert -balances[ledger.TRAINING_FUND] > 0


def test_figures_about_fewer_than_five_people_are_not_shown():
    base = {"units_sold": 1234567, "makers_earning": 4, "maker_earnings_paise": 12_345_600,
            "maker_paid_out_paise": 0, "fund_inflow_paise": 12_345_678, "seed_grants": 7,
            "seed_grantees": 4, "seed_grant_paise": 10_000_000}
    shown = impact.figures(base)
    assert shown["units_sold"].value == "12,34,567"
    assert shown["fund_inflow"].value == "₹1,23,456.78"
    assert shown["makers_earning"].value == "fewer than 5" and shown["makers_earning"].suppressed
    assert shown["maker_earnings"].value == "" and shown["maker_earnings"].suppressed
    assert shown["seed_grants"].value == "fewer than 5"
    shown = impact.figures({**base, "makers_earning": 5, "seed_grantees": 5})
    assert shown["makers_earning"].value == "5"
    assert shown["maker_earnings"].value == "₹1,23,456.00"
    assert shown["seed_grants"].value == "7"


def test_the_impact_figures_are_cached_and_refreshed_by_the_beat_task(settings):
    from storefront.tasks import refresh_impact_figures

    assert "storefront.tasks.refresh_impact_figures" in {
        entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    first = impact.totals()
    ledger.post("test:impact:fund", "A pledge received", [
        (ledger.BANK, 1_00_000_00), (ledger.TRAINING_FUND, -1_00_000_00)])
    assert impact.totals() == first  # cached: a page view costs no ledger query
    refresh_impact_figures.apply()  # the beat task's run, in this process (this transaction)
    assert impact.totals()["fund_inflow_paise"] == first["fund_inflow_paise"] + 1_00_000_00


# --- Blocks -------------------------------------------------------------------------------------
def page_with_products(upcs):
    home = english_home()
    ids = list(Product.objects.filter(upc__in=upcs).values_list("pk", flat=True))
    page = StandardPage(title="Gift ideas", slug=f"gifts-{len(ids)}", body=[
        {"type": "product_list", "value": {"heading": "Gifts under ₹1,000", "products": ids}},
        {"type": "impact_counter", "value": {"figure": "units_sold", "caption": "and counting"}},
        {"type": "quote", "value": {"text": "I chose the colours myself.", "attribution": "Juhi"}},
    ])
    home.add_child(instance=page)
    return page


def test_a_product_list_block_shows_live_prices_and_stock_in_a_fixed_number_of_queries(
        client, django_assert_max_num_queries):
    small = page_with_products(["HAAT-TOTE-01", "HAAT-POUCH-02"])
    large = page_with_products(["HAAT-TOTE-01", "HAAT-POUCH-02", "HAAT-TOTE-03", "HAAT-TOTE-04",
                                "HAAT-POUCH-04", "HAAT-POUCH-06"])
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    # Once to make the photos' thumbnails (sorl-thumbnail looks each one up the first time).
    assert client.get(small.url).status_code == client.get(large.url).status_code == 200
    with CaptureQueriesContext(connection) as few:
        client.get(small.url)
    with CaptureQueriesContext(connection) as many:
        response = client.get(large.url)
    assert len(many.captured_queries) == len(few.captured_queries)
    text = text_of(response)
    tote = Product.objects.get(upc="HAAT-TOTE-01")
    record = tote.stockrecords.first()
    assert f"₹{record.price:,.2f}" in text and "In stock" in text
    assert "Gifts under ₹1,000" in text and "I chose the colours myself." in text
    # A price change shows on the next view.
    record.price = Decimal("1234.00")
    record.save()
    assert "₹1,234.00" in text_of(client.get(large.url))


# --- SEO ----------------------------------------------------------------------------------------
def test_sitemap_lists_pages_products_and_makers_in_every_language_with_alternates(client):
    # Addresses carry the configured host (Wagtail's site, Django's sites framework).
    xml = re.sub(r"https?://[^/<\"]+", "", client.get("/sitemap.xml").content.decode())
    assert "<loc>/impact/</loc>" in xml and "<loc>/bn/impact/</loc>" in xml
    assert 'hreflang="hi" href="/hi/impact/"' in xml
    assert 'hreflang="x-default" href="/impact/"' in xml
    with translation.override("en-in"):
        url = Product.objects.get(upc="HAAT-TOTE-01").get_absolute_url()
    assert f"<loc>/bn{url}</loc>" in xml and f'hreflang="en-in" href="{url}"' in xml
    assert "<loc>/makers/juhi/</loc>" in xml
    # Every page in every language (an untranslated one shows the English with a notice there).
    assert "<loc>/bn/shipping/</loc>" in xml and "<loc>/hi/acme-womens-day/</loc>" in xml


def test_pages_carry_canonical_address_description_and_open_graph(client):
    bn_impact = ImpactPage.objects.get(locale__language_code="bn")
    html = client.get("/bn/impact/").content.decode()
    assert f'<link rel="canonical" href="{bn_impact.full_url}">' in html
    english = bn_impact.get_translation(Locale.objects.get(language_code="en-in"))
    assert f'<link rel="alternate" hreflang="en-in" href="{english.full_url}">' in html
    assert '<meta property="og:locale" content="bn_IN">' in html
    assert re.search(r'<meta name="description" content="[^"]+">', html)
    # A translated page is its own canonical page (an untranslated one's is the English page:
    # tests/functional/test_cms_languages.py).
    html = client.get("/hi/shipping/").content.decode()
    shipping = StandardPage.objects.get(slug="shipping", locale__language_code="hi")
    assert f'<link rel="canonical" href="{shipping.full_url}">' in html


def test_product_pages_carry_schema_org_product_data_with_an_offer_in_inr(client):
    product = Product.objects.get(upc="HAAT-TOTE-01")
    html = client.get(product.get_absolute_url()).content.decode()
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert len(blocks) == 1
    data = json.loads(blocks[0])
    record = product.stockrecords.first()
    assert data["@type"] == "Product" and data["name"] == product.title
    assert data["offers"]["priceCurrency"] == "INR"
    assert Decimal(data["offers"]["price"]) == record.price
    assert data["offers"]["availability"] == "https://schema.org/InStock"
    # On the shop's one public host, not the Host the request carried (a proxy, a test client).
    assert data["url"] == f"{settings.HAAT_PUBLIC_URL.rstrip('/')}{product.get_absolute_url()}"
    assert data["offers"]["url"] == data["url"] and "testserver" not in blocks[0]
    # The only inline script element, and it is data.
    assert len(re.findall(r"<script(?![^>]*\bsrc=)", html)) == 1
    assert '<meta property="og:type" content="product">' in html


def test_translated_home_pages_exist_for_bengali_and_hindi():
    home = english_home()
    codes = {p.locale.language_code for p in home.get_translations(inclusive=True)}
    assert codes == {"en-in", "bn", "hi"}
    assert Locale.objects.filter(language_code__in=["bn", "hi"]).count() == 2
    assert ImpactPage.objects.filter(alias_of__isnull=True).count() == 3


def test_an_image_needs_alt_text_to_be_uploaded(client, media_root):
    import io

    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image
    from wagtail.images import get_image_model
    from wagtail.models import Collection

    from tests.support.auth import sign_in

    sign_in(client, get_user_model().objects.get(username="admin"))
    out = io.BytesIO()
    Image.new("RGB", (40, 30), (168, 67, 31)).save(out, "JPEG")

    def upload(**extra):
        return client.post("/cms/images/add/", {
            "title": "Hands at work", "file": SimpleUploadedFile("hands.jpg", out.getvalue()),
            "collection": Collection.get_first_root_node().pk, **extra})

    refused = upload()
    assert refused.status_code == 200 and "Alt text" in refused.content.decode()
    assert not get_image_model().objects.filter(title="Hands at work").exists()
    assert upload(description="Hands stitching a kantha border").status_code == 302
    assert get_image_model().objects.get(title="Hands at work").default_alt_text == \
        "Hands stitching a kantha border"


def test_a_page_not_found_does_not_echo_its_address(client):
    response = client.get("/shop/nothing-here/Quillonia-probe/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "Quillonia" not in html
    assert 'href="/bn/"' in html and 'href="/hi/"' in html

