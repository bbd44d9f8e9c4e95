"""Stock records that cannot be oversold: a conditional allocation and a CHECK constraint."""

import pytest
from django.db import IntegrityError, transaction
from django.db.models import F
from oscar.core.loading import get_class, get_model

StockRecord = get_model("partner", "StockRecord")
InsufficientStock = get_class("partner.models", "InsufficientStock")

pytestmark = pytest.mark.django_db


@pytest.fixture
def record():
    record = StockRecord.objects.get(product__upc="HAAT-TOTE-05")
    StockRecord.objects.filter(pk=record.pk).update(num_in_stock=2, num_allocated=None)
    record.refresh_from_db()
    return record


def test_allocation_succeeds_while_stock_remains_then_refuses(record):
    record.allocate(1)
    record.allocate(1)
    assert record.num_allocated == 2
    with pytest.raises(InsufficientStock):
        record.allocate(1)
    record.refresh_from_db()
    assert record.num_allocated == 2


def test_an_allocation_larger_than_the_stock_takes_nothing(record):
    with pytest.raises(InsufficientStock):
        StockRecord.allocate_or_fail(record.pk, 3)
    record.refresh_from_db()
    assert record.num_allocated is None


def test_the_database_refuses_more_allocated_than_in_stock(record):
    with pytest.raises(IntegrityError), transaction.atomic():
        StockRecord.objects.filter(pk=record.pk).update(num_allocated=F("num_in_stock") + 1)
    with pytest.raises(IntegrityError), transaction.atomic():
        StockRecord.objects.filter(pk=record.pk).update(num_allocated=-1)


def test_a_refunded_allocation_returns_to_the_shelf(record):
    record.allocate(2)
    record.release(1)
    record.refresh_from_db()
    assert record.num_allocated == 1
    record.restock(3)
    record.refresh_from_db()
    assert record.num_in_stock == 5


def test_staff_cannot_set_the_stock_below_what_orders_have_reserved(record):
    from django.core.exceptions import ValidationError

    record.allocate(2)
    record.num_in_stock = 1
    with pytest.raises(ValidationError) as error:
        record.full_clean()
    assert "reserved for orders" in str(error.value.message_dict["num_in_stock"])
    record.num_in_stock = 2
    record.full_clean()
