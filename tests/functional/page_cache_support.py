"""What the whole-page cache tests share (test_page_cache.py, test_page_cache_basket.py,
tests/concurrency/test_demo_shared_cache.py): the cache switched on, products to buy, and how a
response tells whether it came from the cache."""

import re

import pytest
from oscar.core.loading import get_model

from pagecache import pages as pagecache

Product = get_model("catalogue", "Product")

BUY_BUTTON = 'data-testid="add-to-basket"'
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


@pytest.fixture(autouse=True)
def _page_cache_on(settings):
    # Off by default under DJANGO_ENV=test (tests change stock behind the shop's back); on here.
    settings.HAAT_PAGE_CACHE = True


def in_stock(count, at_least=1):
    """The newest browsable products with at least `at_least` pieces in stock."""
    found = []
    for product in Product.objects.browsable().order_by("-date_created", "-id"):
        record = product.stockrecords.first()
        if record and record.net_stock_level and record.net_stock_level >= at_least:
            found.append(product)
            if len(found) == count:
                return found
    raise AssertionError(f"the demo has {count} products with {at_least} in stock")


def for_sale():
    """The newest browsable product that can be bought (on the first catalogue page)."""
    for product in Product.objects.browsable().order_by("-date_created", "-id"):
        record = product.stockrecords.first()
        if record and record.net_stock_level and record.net_stock_level > 0:
            return product
    raise AssertionError("the demo has a product in stock")


def cached(response):
    return response.get(pagecache.HEADER)


def basket_count(html):
    return int(re.search(r'class="basket-count[^"]*"[^>]*>(\d+)<', html).group(1))
