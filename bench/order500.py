"""Place a 500-line order through Haat's order placement service and time it (issue 10).

Bulk orders have no page yet (issue 8), so this calls what the checkout calls once the card is
authorised, ``commerce.checkout.services.place_order``: it rebuilds the basket and totals,
allocates stock (one conditional UPDATE per stock record) and writes the order. The order is
rolled back afterwards, so the benchmark database stays as it was.

    DJANGO_SETTINGS_MODULE=bench.haat_settings DJANGO_ENV=prod ... python bench/order500.py out.json
"""

import json
import sys
import time

import django

django.setup()

from django.db import connection, transaction  # noqa: E402
from django.db.models import F  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from oscar.core.loading import get_class, get_model  # noqa: E402

from catalogue.money import to_paise  # noqa: E402
from commerce.checkout import attempts, services  # noqa: E402

Basket = get_model("basket", "Basket")
Product = get_model("catalogue", "Product")
Country = get_model("address", "Country")
ShippingAddress = get_model("order", "ShippingAddress")
PaymentAttempt = get_model("checkout", "PaymentAttempt")
Selector = get_class("partner.strategy", "Selector")
LINES = 500
ADDRESS = {
    "first_name": "Asha", "last_name": "Roy", "line1": "12 Lake Road", "line4": "Kolkata",
    "state": "West Bengal", "postcode": "700019", "phone_number": "+91 98300 12345",
}


class Rollback(Exception):
    pass


def main(out):
    products = list(
        Product.objects.browsable()
        .filter(upc__startswith="GEN-", stockrecords__num_in_stock__gt=F("stockrecords__num_allocated"))
        .order_by("pk")[:LINES]
    ) or []
    if len(products) < LINES:  # num_allocated is NULL until the first order
        products = list(
            Product.objects.browsable().filter(upc__startswith="GEN-", stockrecords__num_in_stock__gt=0)
            .order_by("pk")[:LINES]
        )
    result = {}
    try:
        with transaction.atomic():
            basket = Basket.objects.create()
            basket.strategy = Selector().strategy()
            for product in products:
                basket.add_product(product, 1)
            basket = Basket.objects.get(pk=basket.pk)
            basket.strategy = Selector().strategy()
            address = ShippingAddress(country=Country.objects.get(pk="IN"), **ADDRESS)
            attempt = PaymentAttempt(
                basket=basket, shipping_address=attempts.snapshot_address(address),
                shipping_method_code="courier",
            )
            total = attempts.rebuild_checkout(attempt)[4]
            attempt = PaymentAttempt.objects.create(
                basket=basket, order_number="BENCH500", amount_paise=to_paise(total.incl_tax),
                shipping_address=attempts.snapshot_address(address), shipping_method_code="courier",
                guest_email="bench@example.in", intent_id="pi_bench_500",
            )
            with CaptureQueriesContext(connection) as queries:
                start = time.perf_counter()
                with transaction.atomic():
                    order = services.place_order(attempt)
                seconds = time.perf_counter() - start
            result = {"lines": order.lines.count(), "seconds": seconds, "queries": len(queries)}
            raise Rollback
    except Rollback:
        pass
    print(f"500-line order (Haat): {result}")
    with open(out, "w") as fh:
        json.dump(result, fh)


if __name__ == "__main__":
    main(sys.argv[1])
