"""Queries per page do not grow with the catalogue, the page or the basket (issue 10, DESIGN.md 8).

Each page is measured with the catalogue made by `generate_catalogue` at two sizes, with a cold
cache (every card rendered) and a warm one (cards from the fragment cache): the counts must be
equal, and under a ceiling, so a change that adds a query per product, card or line fails here.
bench/ measures the same pages under load; these tests hold no timings.
"""

import io

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from oscar.core.loading import get_model

from catalogue import fragments
from tests.support.checkout import to_payment_details

Product = get_model("catalogue", "Product")
Category = get_model("catalogue", "Category")
StockRecord = get_model("partner", "StockRecord")

pytestmark = pytest.mark.django_db

SMALL, LARGE = 15, 60  # generated products, besides the demo's
PER_PAGE = 12


@pytest.fixture(autouse=True)
def _page_size(settings):
    settings.OSCAR_PRODUCTS_PER_PAGE = PER_PAGE


def generate(n):
    call_command("generate_catalogue", products=n, stdout=io.StringIO())


def queries(client, url, *, method="get", data=None, cold=False):
    if cold:
        # Every cached card and page retired; photo sizes stay made (a Celery task makes them
        # when a photo is uploaded, not the page).
        fragments.bump_generation()
    with CaptureQueriesContext(connection) as ctx:
        response = getattr(client, method)(url, data or {})
    assert response.status_code in (200, 302), (url, response.status_code)
    return len(ctx)


def cold_and_warm(client, url):
    client.get(url)  # photo sizes made once, as the upload's task would have
    cold = queries(client, url, cold=True)
    warm = queries(client, url)
    return cold, warm


def at_both_sizes(measure):
    """measure() at SMALL and at LARGE generated products; returns both results."""
    generate(SMALL)
    measure()  # once for what a process caches for good (the current Site, ...)
    small = measure()
    generate(LARGE)
    large = measure()
    return small, large


def in_stock(n):
    ids = (
        StockRecord.objects.filter(product__upc__startswith="GEN-", num_in_stock__gte=5)
        .order_by("product_id").values_list("product_id", flat=True)[:n]
    )
    products = list(Product.objects.filter(pk__in=list(ids)).order_by("pk"))
    assert len(products) == n
    return products


def last_page():
    total = Product.objects.browsable().count()
    return (total + PER_PAGE - 1) // PER_PAGE


def test_home_page(client, django_assert_max_num_queries):
    small, large = at_both_sizes(lambda: cold_and_warm(client, "/"))
    assert small == large
    with django_assert_max_num_queries(15):
        client.get("/")


def test_catalogue_first_and_deep_page(client, django_assert_max_num_queries):
    url = reverse("catalogue:index")
    small, large = at_both_sizes(
        lambda: (cold_and_warm(client, url), cold_and_warm(client, f"{url}?page={last_page()}"))
    )
    assert small == large
    (first_cold, first_warm), (deep_cold, deep_warm) = large
    assert first_warm == deep_warm
    # Cached cards: the count, the page's products and their card data; nothing per card.
    client.get(url)
    with django_assert_max_num_queries(3):
        client.get(url)
    assert first_cold <= first_warm + 6, "rendering the cards costs queries per card"


def test_catalogue_sorted_by_price(client):
    url = reverse("catalogue:index") + "?sort_by=price-asc"
    small, large = at_both_sizes(lambda: cold_and_warm(client, url))
    assert small == large


def test_category_page(client, django_assert_max_num_queries):
    category = Category.objects.get(name="Tote bags")
    url = category.get_absolute_url()
    small, large = at_both_sizes(lambda: cold_and_warm(client, url))
    assert small == large
    client.get(url)
    with django_assert_max_num_queries(4):
        client.get(url)


def test_search_page(client):
    url = reverse("search:search") + "?q=tote"
    small, large = at_both_sizes(lambda: cold_and_warm(client, url))
    assert small == large


def test_product_page(client, django_assert_max_num_queries):
    def measure():
        product = in_stock(1)[0]
        return cold_and_warm(client, product.get_absolute_url())

    small, large = at_both_sizes(measure)
    assert small == large
    url = in_stock(1)[0].get_absolute_url()
    client.get(url)
    with django_assert_max_num_queries(12):
        client.get(url)


def test_add_to_basket(django_assert_max_num_queries):
    def measure():
        """A new visitor's first piece, and a second piece into the same basket."""
        visitor = Client()
        first, second = in_stock(2)
        return tuple(
            queries(visitor, reverse("basket:add", kwargs={"pk": p.pk}), method="post",
                    data={"quantity": 1})
            for p in (first, second)
        )

    small, large = at_both_sizes(measure)
    assert small == large
    if connection.vendor == "postgresql":
        # The piece; the new basket and its line in one statement; Oscar's additions counter.
        assert small[0] == 3
    with django_assert_max_num_queries(25):
        Client().post(reverse("basket:add", kwargs={"pk": in_stock(4)[-1].pk}), {"quantity": 1})


def basket_with(client, products):
    for product in products:
        response = client.post(reverse("basket:add", kwargs={"pk": product.pk}), {"quantity": 1})
        assert response.status_code == 302


def test_basket_page_queries_do_not_grow_with_its_lines(client, django_assert_max_num_queries):
    """The basket page of 1 line and of 10 lines (bench/run.py's "basket (10 lines)" row):
    the same queries, with cold and with warm fragments (issue 22)."""
    generate(LARGE)
    products = in_stock(10)
    url = reverse("basket:summary")
    basket_with(client, products[:1])
    one = cold_and_warm(client, url)
    basket_with(client, products[1:])
    ten = cold_and_warm(client, url)
    assert one == ten, f"basket page: {one} queries (cold, warm) for 1 line, {ten} for 10"
    with django_assert_max_num_queries(one[1]):
        client.get(url)


def test_checkout_payment_page(client, django_assert_max_num_queries):
    generate(LARGE)
    products = in_stock(8)
    url = reverse("checkout:payment-details")
    basket_with(client, products[:1])
    to_payment_details(client)
    one = queries(client, url)
    basket_with(client, products[1:])
    eight = queries(client, url)
    assert eight - one <= 7, f"payment page: {one} queries for 1 line, {eight} for 8"
    with django_assert_max_num_queries(25):
        client.get(url)
