"""The Django side of `make bench-scale` (bench/scale.sh): shoppers, products, orders and tasks.

    python bench/scale_setup.py shoppers N OUT.json   # N shopper accounts, their baskets emptied;
                                                      # OUT: their logins and the product paths
                                                      # the load may add (plenty in stock)
    python bench/scale_setup.py orders K              # K paid-looking orders SCALE-1..K (made once)
    python bench/scale_setup.py enqueue K             # their confirmation emails, queued afresh
    python bench/scale_setup.py count K OUT.json      # each order's confirmation: done how often?

Run with bench/scale.sh's serving environment (production settings, PostgreSQL, Redis). The
task is the shop's own `send_order_confirmation`, the one the checkout queues once a payment is
captured. Its effect is counted in the database: Oscar records one CommunicationEvent
(ORDER_PLACED) per email sent, so an order with 0 was lost, with 2 or more was emailed twice.
"""

import json
import re
import sys
import time

import django

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.db import transaction  # noqa: E402
from django.db.models import Count, F, Q  # noqa: E402
from django.db.models.functions import Coalesce  # noqa: E402
from oscar.core.loading import get_class, get_model  # noqa: E402

from catalogue.money import to_paise  # noqa: E402
from commerce.checkout import attempts, services  # noqa: E402
from commerce.checkout.emails import send_order_confirmation  # noqa: E402

Basket = get_model("basket", "Basket")
Product = get_model("catalogue", "Product")
Country = get_model("address", "Country")
ShippingAddress = get_model("order", "ShippingAddress")
Order = get_model("order", "Order")
CommunicationEvent = get_model("order", "CommunicationEvent")
CommunicationEventType = get_model("communication", "CommunicationEventType")
PaymentAttempt = get_model("checkout", "PaymentAttempt")
Selector = get_class("partner.strategy", "Selector")
PASSWORD = "scale-bench-only-2026"
PREFIX = "SCALE-"
ADDRESS = {
    "first_name": "Asha", "last_name": "Roy", "line1": "12 Lake Road", "line4": "Kolkata",
    "state": "West Bengal", "postcode": "700019", "phone_number": "+91 98300 12345",
}


def _generated(min_free, max_free=None):
    """Generated pieces (not one-offs) with at least ``min_free`` units free to sell."""
    free = F("stockrecords__num_in_stock") - Coalesce("stockrecords__num_allocated", 0)
    products = (Product.objects.browsable().filter(upc__startswith="GEN-")
                .exclude(product_class__is_one_off=True)
                .annotate(free=free).filter(free__gte=min_free).order_by("pk"))
    return products.filter(free__lt=max_free) if max_free else products


def shoppers(n, out):
    User = get_user_model()
    logins = []
    for i in range(n):
        email = f"scale-shopper-{i}@bench.haat.test"
        user = User.objects.filter(email=email).first()
        if user is None:
            user = User.objects.create_user(username=f"scale-shopper-{i}", email=email,
                                            password=PASSWORD)
        # Each signed-in client starts from an empty basket: it checks the basket it builds.
        Basket.objects.filter(owner=user).delete()
        logins.append({"email": email, "password": PASSWORD})
    products = [p.get_absolute_url() for p in _generated(25)[:200]]
    if len(products) < 20:
        raise SystemExit(f"only {len(products)} generated products with 25 or more in stock")
    with open(out, "w") as fh:
        json.dump({"shoppers": logins, "products": products}, fh)
    print(f"{n} shopper accounts, {len(products)} products the load may add")


def orders(k):
    have = Order.objects.filter(number__startswith=PREFIX).count()
    # Products the load does not add (5 to 24 free), so the orders never make them run out.
    products = list(_generated(5, 25)[:k])
    if len(products) < k - have:
        products = (products * k)[:k]
    for i in range(have + 1, k + 1):
        product = products[(i - 1) % len(products)]
        with transaction.atomic():
            basket = Basket.objects.create()
            basket.strategy = Selector().strategy()
            basket.add_product(product, 1)
            basket = Basket.objects.get(pk=basket.pk)
            basket.strategy = Selector().strategy()
            address = ShippingAddress(country=Country.objects.get(pk="IN"), **ADDRESS)
            attempt = PaymentAttempt(basket=basket, shipping_address=attempts.snapshot_address(address),
                                     shipping_method_code="courier")
            total = attempts.rebuild_checkout(attempt)[4]
            attempt = PaymentAttempt.objects.create(
                basket=basket, order_number=f"{PREFIX}{i}", amount_paise=to_paise(total.incl_tax),
                shipping_address=attempts.snapshot_address(address),
                shipping_method_code="courier", guest_email=f"scale-{i}@bench.haat.test",
                intent_id=f"pi_scale_{i}",
            )
            services.place_order(attempt)
    # Oscar records an email to a buyer only for a known event type (its dashboard's "emails").
    CommunicationEventType.objects.get_or_create(
        code="ORDER_PLACED", defaults={"name": "Order placed", "category": "Order related"})
    print(f"{k} orders {PREFIX}1..{k} ({k - have} made now)")


def _scale_orders(k):
    return Order.objects.filter(number__in=[f"{PREFIX}{i}" for i in range(1, k + 1)])


def enqueue(k):
    ids = list(_scale_orders(k).order_by("pk").values_list("pk", flat=True))
    CommunicationEvent.objects.filter(order_id__in=ids).delete()
    for order_id in ids:
        send_order_confirmation.delay(order_id)
    print(f"{len(ids)} send_order_confirmation tasks queued")


def count(k, out, wait, killed_log=None, other_log=None, queued_at=None, killed_at=None):
    """Wait up to ``wait`` seconds for every order's email; then how many were sent, twice or
    never. From the two workers' logs: how many tasks the killed worker held unfinished when it
    died (received, never succeeded) and how many tasks were handed out more than once."""
    deadline = time.monotonic() + wait
    while True:
        emails = _scale_orders(k).annotate(
            sent=Count("communication_events", filter=Q(
                communication_events__event_type__code="ORDER_PLACED")))
        sent = list(emails.values_list("sent", flat=True))
        done = sum(1 for n in sent if n >= 1)
        if done == len(sent) or time.monotonic() > deadline:
            break
        time.sleep(1)
    result = {"label": "worker A: SIGKILL", "enqueued": len(sent), "done": done,
              "duplicates": sum(n - 1 for n in sent if n > 1), "missing": len(sent) - done}
    if killed_log and other_log:
        def ids(path, word):
            return re.findall(r"send_order_confirmation\[([0-9a-f-]+)\] " + word,
                              open(path).read())
        received_a, received_b = ids(killed_log, "received"), ids(other_log, "received")
        result["in flight"] = len(set(received_a) - set(ids(killed_log, "succeeded")))
        handed = received_a + received_b
        again = {i for i in set(handed) if handed.count(i) > 1}
        result["redelivered"] = len(handed) - len(set(handed))
        # The second run of a task whose email was already recorded sends nothing (False).
        skipped = re.findall(r"send_order_confirmation\[([0-9a-f-]+)\] succeeded in [\d.]+s: False",
                             open(other_log).read())
        result["redelivered, found done"] = len(again & set(skipped))
    if queued_at and killed_at:
        result["kill at"] = (f"{float(killed_at) - float(queued_at):.1f} s after queueing began"
                             f" ({len(received_a)} tasks taken by worker A)") if killed_log else "-"
        result["all done after"] = f"{time.time() - float(queued_at):.0f} s" if done == len(sent) else "-"
    with open(out, "w") as fh:
        json.dump(result, fh)
    print(f"confirmation emails: {result}")


if __name__ == "__main__":
    command, size = sys.argv[1], int(sys.argv[2])
    if command == "shoppers":
        shoppers(size, sys.argv[3])
    elif command == "orders":
        orders(size)
    elif command == "enqueue":
        enqueue(size)
    elif command == "count":
        count(size, sys.argv[3], float(sys.argv[4]), *sys.argv[5:9])
    else:
        raise SystemExit(__doc__)
