"""Cached product cards and pages never show a stale price, stock level or maker, and never
share a CSRF token between visitors (catalogue/fragments.py, issue 10)."""

import re
from decimal import Decimal

import pytest
from django.template import engines
from django.test import Client
from django.urls import reverse
from oscar.core.loading import get_model

from artisans.models import ProductMaker

Product = get_model("catalogue", "Product")
StockRecord = get_model("partner", "StockRecord")

pytestmark = pytest.mark.django_db


def newest():
    return Product.objects.browsable().order_by("-date_created", "-id").first()


def card_of(html, product):
    """The HTML of the product's card on a list page."""
    url = re.escape(product.get_absolute_url())
    match = re.search(rf'<article class="product_pod product-card">(?:(?!</article>).)*?{url}.*?</article>',
                      html, re.S)
    assert match, f"no card for {product} on the page"
    return match.group(0)


def catalogue(client=None):
    return (client or Client()).get(reverse("catalogue:index")).content.decode()


def test_a_price_change_shows_on_the_cached_card_and_page(client):
    product = newest()
    catalogue(client)
    client.get(product.get_absolute_url())  # both cached now
    record = product.stockrecords.get()
    record.price = Decimal("1234.00")
    record.save()
    assert "1,234" in card_of(catalogue(client), product)
    assert "1,234" in client.get(product.get_absolute_url()).content.decode()


def test_stock_allocated_by_an_order_shows_on_the_cached_card():
    """Placing an order allocates with a conditional UPDATE, which sends no signal."""
    product = newest()
    record = product.stockrecords.get()
    assert "Sold out" not in card_of(catalogue(), product)
    StockRecord.allocate_or_fail(record.pk, record.net_stock_level)
    assert "Sold out" in card_of(catalogue(), product)


def test_a_maker_renamed_shows_on_the_cached_card():
    product = newest()
    link = ProductMaker.objects.filter(product=product).select_related("artisan").first()
    assert link, "the demo's newest product has a maker"
    assert link.artisan.pseudonym in card_of(catalogue(), product)
    artisan = link.artisan
    artisan.pseudonym = "Renamed maker"
    artisan.save()
    assert "Renamed maker" in card_of(catalogue(), product)


def test_visitors_never_share_a_csrf_token_through_a_cached_card():
    first, second = Client(), Client()
    tokens = []
    for visitor in (first, second):
        html = catalogue(visitor)
        found = set(re.findall(r'name="csrfmiddlewaretoken" value="([^"]+)"', html))
        assert found and "placeholder" not in "".join(found)
        tokens.append(found)
    assert not tokens[0] & tokens[1]


def test_templates_are_compiled_once_per_process():
    """Django's cached template loader (on by default when no loaders are listed)."""
    loaders = engines["django"].engine.template_loaders
    assert [type(loader).__module__ for loader in loaders] == ["django.template.loaders.cached"]
