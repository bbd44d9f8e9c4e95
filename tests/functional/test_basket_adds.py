"""What adding to the basket reads and writes (issue 10): the product with its class and stock
records in one hand-written query must be the product the ORM would give, pieces with options
must still be asked for them, and each addition must still be counted for Oscar's reports."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from oscar.core.loading import get_class, get_model

from catalogue.selectors import product_to_add

Product = get_model("catalogue", "Product")
Option = get_model("catalogue", "Option")
StockRecord = get_model("partner", "StockRecord")
Partner = get_model("partner", "Partner")
Basket = get_model("basket", "Basket")
ProductRecord = get_model("analytics", "ProductRecord")
UserRecord = get_model("analytics", "UserRecord")

pytestmark = pytest.mark.django_db


def fields_of(instance):
    return {f.attname: getattr(instance, f.attname) for f in instance._meta.concrete_fields}


def add(client, product, quantity=1, **data):
    return client.post(reverse("basket:add", kwargs={"pk": product.pk}),
                       {"quantity": quantity, **data})


def test_the_product_to_add_is_the_product_the_orm_reads_in_one_query():
    product = Product.objects.get(upc="HAAT-TOTE-01")
    other = Partner.objects.exclude(pk=product.stockrecords.get().partner_id).first() \
        or Partner.objects.create(name="Second shelter")
    StockRecord.objects.create(product=product, partner=other, partner_sku="SECOND-01",
                               price=Decimal("900.00"), num_in_stock=2)
    expected = Product.objects.select_related("product_class").get(pk=product.pk)
    records = list(StockRecord.objects.filter(product=product).order_by("pk"))

    with CaptureQueriesContext(connection) as reads:
        found = product_to_add(product.pk)
        # What the pricing strategy and the basket line read: no query of their own.
        found_records = list(found.stockrecords.all())
        found_class = found.product_class
        assert all(record.product is found for record in found_records)
        assert found.has_options is False
    assert len(reads) == 1

    assert fields_of(found) == fields_of(expected)
    assert fields_of(found_class) == fields_of(expected.product_class)
    assert [fields_of(r) for r in found_records] == [fields_of(r) for r in records]
    assert len(found_records) == 2
    # Saved instances, as the ORM makes them (a save updates, it does not insert).
    assert found._state.adding is False and found_records[0]._state.adding is False
    strategy = get_class("partner.strategy", "Selector")().strategy()
    assert strategy.fetch_for_product(found).stockrecord.pk == records[0].pk
    assert strategy.fetch_for_product(found).price.incl_tax == \
        strategy.fetch_for_product(expected).price.incl_tax


def test_a_piece_with_no_stock_record_or_no_such_piece():
    product = Product.objects.get(upc="HAAT-TOTE-02")
    product.stockrecords.all().delete()
    found = product_to_add(product.pk)
    assert found.pk == product.pk and list(found.stockrecords.all()) == []
    assert product_to_add(10**9) is None


def test_adding_an_unknown_piece_is_not_found_and_writes_nothing(client):
    baskets = Basket.objects.count()
    assert add(client, Product(pk=10**9)).status_code == 404
    assert Basket.objects.count() == baskets


def test_a_piece_without_a_price_is_refused_and_writes_nothing(client):
    product = Product.objects.get(upc="HAAT-TOTE-02")
    product.stockrecords.all().delete()
    baskets = Basket.objects.count()
    response = client.post(reverse("basket:add", kwargs={"pk": product.pk}), {"quantity": 1},
                           follow=True)
    said = " ".join(str(m) for m in response.context["messages"])
    assert "price could not be determined" in said
    assert Basket.objects.count() == baskets


@pytest.mark.parametrize("where", ["class", "product"])
def test_a_piece_with_options_asks_for_them(client, where):
    """Options are read from the one query (Oscar read them with two more): a required option
    on the piece's class or on the piece itself must still be asked for and kept on the line."""
    product = Product.objects.get(upc="HAAT-POUCH-01")
    option = Option.objects.create(name="Initials", code="initials", required=True)
    if where == "class":
        product.get_product_class().options.add(option)
    else:
        product.product_options.add(option)
    assert product_to_add(product.pk).has_options is True
    assert Product.objects.get(pk=product.pk).has_options is True  # as Oscar reads it

    refused = client.post(reverse("basket:add", kwargs={"pk": product.pk}), {"quantity": 1},
                          follow=True)
    assert "This field is required" in " ".join(str(m) for m in refused.context["messages"])
    assert client.get(reverse("basket:summary")).context["basket"].num_items == 0

    add(client, product, initials="AB")
    (line,) = client.get(reverse("basket:summary")).context["basket"].all_lines()
    assert [(a.option.code, a.value) for a in line.attributes.all()] == [("initials", "AB")]


def test_each_addition_is_counted_for_the_reports(client, django_user_model):
    product = Product.objects.get(upc="HAAT-POUCH-01")
    ProductRecord.objects.filter(product=product).delete()
    add(client, product)  # the first one makes the record
    assert ProductRecord.objects.get(product=product).num_basket_additions == 1
    add(client, product)
    add(Client(), product)  # another visitor
    assert ProductRecord.objects.get(product=product).num_basket_additions == 3
    # A signed-in shopper's own counter too.
    shopper = django_user_model.objects.create_user("meera", "meera@example.in", "pw-Meera-2026")
    signed_in = Client()
    signed_in.force_login(shopper)
    add(signed_in, product)
    assert UserRecord.objects.get(user=shopper).num_basket_additions == 1
    assert ProductRecord.objects.get(product=product).num_basket_additions == 4
