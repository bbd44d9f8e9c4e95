"""Shoppers at once on a SQLite FILE database, through the whole request stack (issue 19).

Run as a subprocess by test_sqlite_writers.py, with DATABASE_URL=sqlite:////tmp/.../shop.sqlite3
(a copy of the test database), so the settings give that database the project's real OPTIONS:

    python -m tests.concurrency.sqlite_shoppers --threads 8 --adds 6 [--options '{"timeout": 20}']

Each thread is a person in a browser with the Django test client: a new visitor adds pieces to
their basket; threads 0 and 1 first sign in as the demo shopper and add to that one shared basket.
--options replaces the database OPTIONS (to see the old settings fail; the test never passes it).
Prints one JSON object: the options and journal mode in force, the requests made, the errors
(answers other than a redirect, and exceptions, "database is locked" among them) and whether
every anonymous visitor's basket holds the lines it was given.
"""

import argparse
import json
import os
import sys
import threading

import django


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--threads", type=int, default=8)
    parser.add_argument("--adds", type=int, default=6)
    parser.add_argument("--options", help="JSON: the database OPTIONS to use instead")
    args = parser.parse_args()

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "storefront.settings")
    from django.conf import settings

    if args.options:
        settings.DATABASES["default"]["OPTIONS"] = json.loads(args.options)
    django.setup()
    from django.db import connection, connections
    from django.test import Client
    from django.urls import reverse
    from oscar.core.loading import get_model

    Basket = get_model("basket", "Basket")
    Product = get_model("catalogue", "Product")

    with connection.cursor() as cursor:
        journal_mode = cursor.execute("PRAGMA journal_mode").fetchone()[0]
    products = [
        p.pk for p in Product.objects.filter(is_public=True, stockrecords__num_in_stock__gt=0,
                                             structure="standalone").distinct().order_by("pk")
    ]
    connections.close_all()
    errors, requests, lock = [], [0], threading.Lock()
    anonymous = []  # (session key of the visitor's basket, lines expected)

    def record(label, response=None, exc=None):
        with lock:
            requests[0] += 1
            if exc is not None:
                errors.append(f"{label}: {type(exc).__name__}: {exc}")
            elif response.status_code != 302:
                errors.append(f"{label}: HTTP {response.status_code}")

    def call(label, method, *a, **kw):
        try:
            response = method(*a, **kw)
        except Exception as exc:  # noqa: BLE001 - every failure is reported, none hidden
            record(label, exc=exc)
            return None
        record(label, response)
        return response

    def shopper(number):
        try:
            client = Client()
            signed_in = number < 2
            if signed_in:
                call("sign in", client.post, reverse("customer:login"), {
                    "login-username": "shopper@demo.haat.test", "login-password": "haat-demo-2026",
                    "login_submit": "Log In"})
            added = 0
            for i in range(args.adds):
                pk = products[(number * args.adds + i) % len(products)]
                response = call("add to basket", client.post, reverse("basket:add", kwargs={"pk": pk}),
                                {"quantity": 1})
                added += response is not None and response.status_code == 302
            if not signed_in:
                with lock:
                    anonymous.append((client.cookies.get(settings.OSCAR_BASKET_COOKIE_OPEN), added))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=shopper, args=(n,)) for n in range(args.threads)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    baskets_whole = True
    for cookie, added in anonymous:
        if cookie is None:
            baskets_whole = False
            continue
        basket = Basket.objects.get(pk=int(cookie.value.split(":")[0]))
        baskets_whole &= basket.lines.count() == added
    print(json.dumps({
        "options": settings.DATABASES["default"]["OPTIONS"], "journal_mode": journal_mode,
        "products": len(products), "requests": requests[0], "errors": errors,
        "locked": sum("database is locked" in e for e in errors), "baskets_whole": baskets_whole,
    }))
    return 0


if __name__ == "__main__":
    sys.exit(main())
