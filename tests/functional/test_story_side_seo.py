"""The story side's SEO and languages in the URL: sitemap with hreflang, canonical address,
description and Open Graph, Product JSON-LD in INR, translated home pages; images need alt text;
a page not found does not echo its address."""

import json
import re
from decimal import Decimal

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils import translation
from oscar.core.loading import get_model
from wagtail.models import Locale

from storefront.models import ImpactPage, StandardPage
from tests.functional.story_side_support import english_home

Product = get_model("catalogue", "Product")

pytestmark = pytest.mark.django_db


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
