"""One public host (settings.HAAT_PUBLIC_URL): the Wagtail Site, the Django Site, the sitemap,
canonical links, hreflang alternates and Open Graph all say it, whatever Host a request had."""

import re
import xml.etree.ElementTree as ET

import pytest
from django.conf import settings
from django.contrib.sites.models import Site as DjangoSite
from django.test import Client, override_settings
from oscar.core.loading import get_model
from wagtail.models import Site

from artisans.selectors import public_makers
from storefront import public_host

pytestmark = pytest.mark.django_db
NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
HOST = settings.HAAT_PUBLIC_URL


def sitemap(client=None):
    response = (client or Client()).get("/sitemap.xml")
    assert response.status_code == 200
    return ET.fromstring(response.content)


def test_the_sites_follow_the_configured_public_host():
    site = Site.objects.get(is_default_site=True)
    assert site.root_url == HOST
    assert DjangoSite.objects.get(pk=settings.SITE_ID).domain == HOST.split("://", 1)[1]
    assert settings.OSCAR_URL_SCHEMA == HOST.split("://", 1)[0]


def test_every_sitemap_entry_is_on_the_public_host_with_its_languages():
    root = sitemap(Client(HTTP_HOST="localhost"))
    locations = [u.find("s:loc", NS).text for u in root.findall("s:url", NS)]
    assert locations
    hosts = {re.match(r"https?://[^/]+", loc).group(0) for loc in locations}
    assert hosts == {HOST}
    for url in root.findall("s:url", NS):
        alternates = {a.get("hreflang"): a.get("href") for a in url.findall("x:link", NS)}
        assert set(alternates) == {"en-in", "bn", "hi", "x-default"}, url.find("s:loc", NS).text
        assert alternates["x-default"] == alternates["en-in"]
        assert all(href.startswith(HOST + "/") for href in alternates.values())
    # Every CMS page, product, category and maker, in each language.
    for path in ("/about/", "/bn/about/", "/hi/acme-womens-day/", "/bn/juhis-story/",
                 "/hi/impact/", "/bn/privacy/"):
        assert f"{HOST}{path}" in locations, path
    product = get_model("catalogue", "Product").objects.browsable().first()
    for prefix in ("", "/bn", "/hi"):
        assert f"{HOST}{prefix}{product.get_absolute_url()}" in locations
    for maker in public_makers():
        assert f"{HOST}/hi/makers/{maker.slug}/" in locations
    assert not any("example.com" in loc or "localhost" in loc for loc in locations)


def test_the_sitemap_follows_a_changed_public_host():
    with override_settings(HAAT_PUBLIC_URL="https://haat.example"):
        public_host.sync_sites()
        try:
            root = sitemap()
            locations = [u.find("s:loc", NS).text for u in root.findall("s:url", NS)]
            assert locations and all(loc.startswith("https://haat.example/") for loc in locations)
            body = Client().get("/bn/about/").content.decode()
            assert '<link rel="canonical" href="https://haat.example/bn/about/">' in body
        finally:
            pass
    public_host.sync_sites()
    assert Site.objects.get(is_default_site=True).root_url == HOST


def head_of(response) -> str:
    return response.content.decode().split("</head>", 1)[0]


@pytest.mark.parametrize("path", ["/", "/bn/about/", "/hi/juhis-story/", "/bn/acme-womens-day/",
                                  "/hi/impact/"])
def test_cms_pages_have_canonical_alternates_and_open_graph_on_the_host(path):
    head = head_of(Client(HTTP_HOST="127.0.0.1").get(path))
    assert f'<link rel="canonical" href="{HOST}{path}">' in head
    assert f'<meta property="og:url" content="{HOST}{path}">' in head
    for code in ("en-in", "bn", "hi", "x-default"):
        assert re.search(rf'<link rel="alternate" hreflang="{code}" href="{re.escape(HOST)}/', head)
    assert re.search(r'<meta property="og:title" content="[^"]+">', head)
    assert re.search(r'<meta property="og:description" content="[^"]+">', head)
    locale = {"bn": "bn_IN", "hi": "hi_IN"}.get(path.split("/")[1], "en_IN")
    assert f'<meta property="og:locale" content="{locale}">' in head
    assert head.count('property="og:locale:alternate"') == 2


def test_shop_pages_have_canonical_and_open_graph_on_the_host():
    product = get_model("catalogue", "Product").objects.browsable().first()
    category = get_model("catalogue", "Category").objects.browsable().first()
    maker = public_makers().first()
    client = Client(HTTP_HOST="localhost")
    # The Bengali page's title is the product's Bengali title (the demo gives every product one).
    assert product.title_bn and product.title_bn != product.title_en_in
    for path, title in ((f"/bn{product.get_absolute_url()}", product.title_bn),
                        (category.get_absolute_url(), category.name),
                        (f"/hi/makers/{maker.slug}/", maker.pseudonym)):
        head = head_of(client.get(path))
        assert f'<link rel="canonical" href="{HOST}{path}">' in head, path
        assert f'<meta property="og:url" content="{HOST}{path}">' in head, path
        og_title = re.search(r'<meta property="og:title" content="([^"]+)">', head)
        assert og_title and title in og_title.group(1), path
        assert f'hreflang="x-default" href="{HOST}/' in head, path
    product_head = head_of(client.get(product.get_absolute_url()))
    image = re.search(r'<meta property="og:image" content="([^"]+)">', product_head)
    assert image and image.group(1).startswith(HOST + "/media/")
