"""Queries per checkout page do not grow with the basket (issue 22).

Each page of a guest's checkout (address, shipping method, payment, preview) is rendered for a
basket of 1 line and of 10 lines: the counts must be equal and under a ceiling, so a change that
reads something per line fails here. bench/ measures the same pages under load; no timings
here.
"""

import io

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from oscar.core.loading import get_model

from tests.support.checkout import to_payment_details

Product = get_model("catalogue", "Product")
StockRecord = get_model("partner", "StockRecord")

pytestmark = pytest.mark.django_db

PAGES = ("checkout:shipping-address", "checkout:shipping-method",
         "checkout:payment-details", "checkout:preview")
# Queries per page, whatever the basket (on PostgreSQL: address 9, shipping method 7, payment 7,
# preview 17, of which 3 record its submission token in the session).
CEILING = {"checkout:shipping-address": 10, "checkout:shipping-method": 8,
           "checkout:payment-details": 8, "checkout:preview": 18}
CARD = {"payment_method": "pm_cardvisa4242", "card_label": "Visa ending 4242"}


def in_stock(n):
    call_command("generate_catalogue", products=20, stdout=io.StringIO())
    ids = (
        StockRecord.objects.filter(product__upc__startswith="GEN-", num_in_stock__gte=5)
        .order_by("product_id").values_list("product_id", flat=True)[:n]
    )
    products = list(Product.objects.filter(pk__in=list(ids)).order_by("pk"))
    assert len(products) == n
    return products


def add(client, products):
    for product in products:
        response = client.post(reverse("basket:add", kwargs={"pk": product.pk}), {"quantity": 1})
        assert response.status_code == 302


def counts(client):
    """Queries of each page (the second of two requests: what a process keeps is kept)."""
    found = {}
    for page in PAGES:
        url = reverse(page)
        client.get(url)
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(url)
        assert response.status_code == 200, (page, response.status_code)
        found[page] = len(ctx)
    return found


def test_each_checkout_page_runs_as_many_queries_for_10_lines_as_for_1(client):
    products = in_stock(10)
    add(client, products[:1])
    to_payment_details(client)
    assert client.post(reverse("checkout:preview"), CARD).status_code == 200
    one = counts(client)
    add(client, products[1:])
    ten = counts(client)
    assert ten == one, f"1 line: {one}; 10 lines: {ten}"
    assert all(ten[page] <= CEILING[page] for page in PAGES), ten
