"""Placing an order costs a number of queries that does not grow with its lines beyond 3 per
line (measured for 1, 10 and 100 lines; DESIGN.md section 8)."""

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from oscar.core.loading import get_class, get_model

from catalogue.money import to_paise
from commerce.checkout import attempts, services
from tests.support.checkout import ADDRESS

Basket = get_model("basket", "Basket")
Product = get_model("catalogue", "Product")
ProductClass = get_model("catalogue", "ProductClass")
StockRecord = get_model("partner", "StockRecord")
Partner = get_model("partner", "Partner")
Country = get_model("address", "Country")
ShippingAddress = get_model("order", "ShippingAddress")
PaymentAttempt = get_model("checkout", "PaymentAttempt")
Selector = get_class("partner.strategy", "Selector")

pytestmark = pytest.mark.django_db


def products(n):
    product_class = ProductClass.objects.get(name="Pouch")
    partner = Partner.objects.first()
    made = Product.objects.bulk_create(
        Product(title=f"Bench pouch {i}", upc=f"BENCH-{n}-{i}", product_class=product_class,
                structure="standalone", is_public=True, slug=f"bench-pouch-{n}-{i}")
        for i in range(n)
    )
    StockRecord.objects.bulk_create(
        StockRecord(product=p, partner=partner, partner_sku=p.upc, price="100.00",
                    price_currency="INR", num_in_stock=5)
        for p in made
    )
    return made


def attempt_for(n):
    basket = Basket.objects.create()
    basket.strategy = Selector().strategy()
    for product in products(n):
        basket.add_product(product, 2)
    basket = Basket.objects.get(pk=basket.pk)
    address = ShippingAddress(country=Country.objects.get(pk="IN"), **ADDRESS)
    basket.strategy = Selector().strategy()
    total = attempts.rebuild_checkout(
        PaymentAttempt(
            basket=basket, shipping_address=attempts.snapshot_address(address),
            shipping_method_code="courier",
        )
    )[4]
    return PaymentAttempt.objects.create(
        basket=basket, order_number=f"Q{n}", amount_paise=to_paise(total.incl_tax),
        shipping_address=attempts.snapshot_address(address), shipping_method_code="courier",
        guest_email="q@example.in", intent_id=f"pi_queries_{n}",
    )


def queries_to_place(n):
    attempt = attempt_for(n)
    with CaptureQueriesContext(connection) as queries, transaction.atomic():
        order = services.place_order(attempt)
    assert order.lines.count() == n
    assert order.num_items == 2 * n
    return len(queries)


def test_placing_an_order_costs_at_most_three_queries_per_line():
    counts = {n: queries_to_place(n) for n in (1, 10, 100)}
    print(f"queries to place an order of 1, 10, 100 lines: {counts}")
    assert counts[10] - counts[1] <= 3 * 9
    assert counts[100] - counts[1] <= 3 * 99
    assert counts[100] - counts[10] <= 3 * 90
