"""Place a 500-line order through plain Oscar's OrderCreator and time it (see bench/order500.py).

    DJANGO_SETTINGS_MODULE=peershop.settings bench/peer/.venv/bin/python order500_peer.py out.json
"""

import json
import os
import sys
import time

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "peershop.settings")
django.setup()

from django.db import connection, transaction  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from oscar.apps.checkout.calculators import OrderTotalCalculator  # noqa: E402
from oscar.apps.order.utils import OrderCreator  # noqa: E402
from oscar.apps.shipping.methods import Free  # noqa: E402
from oscar.core.loading import get_class, get_model  # noqa: E402

Basket = get_model("basket", "Basket")
Product = get_model("catalogue", "Product")
Country = get_model("address", "Country")
ShippingAddress = get_model("order", "ShippingAddress")
Selector = get_class("partner.strategy", "Selector")
LINES = 500


class Rollback(Exception):
    pass


def main(out):
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
            with CaptureQueriesContext(connection) as queries:
                start = time.perf_counter()
                with transaction.atomic():
                    address = ShippingAddress(
                        country=Country.objects.get(pk="IN"), first_name="Asha", last_name="Roy",
                        line1="12 Lake Road", line4="Kolkata", postcode="700019")
                    address.save()
                    method = Free()
                    charge = method.calculate(basket)
                    total = OrderTotalCalculator().calculate(basket, charge)
                    order = OrderCreator().place_order(
                        basket=basket, total=total, shipping_method=method,
                        shipping_charge=charge, shipping_address=address,
                        order_number="BENCH500", guest_email="bench@example.in")
                    basket.submit()
                seconds = time.perf_counter() - start
            result = {"lines": order.lines.count(), "seconds": seconds, "queries": len(queries)}
            raise Rollback
    except Rollback:
        pass
    print(f"500-line order (plain Oscar): {result}")
    with open(out, "w") as fh:
        json.dump(result, fh)


if __name__ == "__main__":
    main(sys.argv[1])
