"""Where one request's time goes: cProfile of a page served in-process by Haat's own WSGI
handler (every middleware, the view, the templates) with the bench's production settings.

    env <bench.sh's SERVE_ENV> HAAT_PAGE_CACHE=false python bench/profile_page.py \
        product|basket|add|catalogue|address|shipping|payment|preview [--runs 20] [--top 30] [--sort tottime]

Run it against the bench database after `make bench` has built it (bench/README.md). It
warms the page first, then profiles --runs requests and prints the mean wall time, the time
spent in the database, template rendering and middleware, and the top functions by
cumulative time. HAAT_PAGE_CACHE=false profiles the rendered page, not the cached copy.
"""

import argparse
import cProfile
import io
import os
import pstats
import re
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.haat_settings")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from oscar.core.loading import get_model  # noqa: E402

Product = get_model("catalogue", "Product")
HOST = {"HTTP_HOST": "127.0.0.1"}
# A guest's checkout pages (3 pieces, address and shipping chosen), as bench/run.py reaches them.
CHECKOUT = {
    "address": "/shop/checkout/shipping-address/",
    "shipping": "/shop/checkout/shipping-method/",
    "payment": "/shop/checkout/payment-details/",
    "preview": "/shop/checkout/preview/",
}


def products_in_stock(n):
    found = []
    for product in Product.objects.browsable().filter(upc__startswith="GEN-").order_by("-id")[:200]:
        record = product.stockrecords.first()
        if record and (record.net_stock_level or 0) > 5:
            found.append(product)
        if len(found) == n:
            return found
    raise SystemExit("no products in stock: build the bench database first")


def add(client, product):
    page = client.get(product.get_absolute_url(), **HOST).content.decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    return client.post(f"/shop/basket/add/{product.pk}/", {"csrfmiddlewaretoken": token,
                                                           "quantity": 1}, **HOST)


def request_for(page):
    """A function making one request of the page (a fresh visitor where the bench uses one)."""
    if page == "product":
        url = products_in_stock(1)[0].get_absolute_url()
        client = Client()
        return lambda: client.get(url, **HOST)
    if page == "catalogue":
        client = Client()
        return lambda: client.get("/shop/catalogue/", **HOST)
    if page == "basket":
        client = Client()
        for product in products_in_stock(3):
            add(client, product)
        return lambda: client.get("/shop/basket/", **HOST)
    if page == "add":
        # As the bench does: one CSRF cookie and token, and no basket cookie, so every post is
        # a new visitor's first piece (the product page is fetched once, not profiled).
        product = products_in_stock(1)[0]
        client = Client()
        page_html = client.get(product.get_absolute_url(), **HOST).content.decode()
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page_html).group(1)

        def first_piece():
            for name in list(client.cookies):
                if name != "csrftoken":
                    del client.cookies[name]
            return client.post(f"/shop/basket/add/{product.pk}/",
                               {"csrfmiddlewaretoken": token, "quantity": 1}, **HOST)

        return first_piece
    if page in CHECKOUT:
        # A guest with 3 pieces, address and shipping chosen, as bench/run.py reaches it.
        from run import ADDRESS

        client = Client()
        for product in products_in_stock(3):
            add(client, product)

        def csrf(response):
            return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"',
                             response.content.decode()).group(1)

        r = client.get("/shop/checkout/", follow=True, **HOST)
        r = client.post(r.request["PATH_INFO"], {"csrfmiddlewaretoken": csrf(r), "options": "anonymous",
                                                 "username": "bench@example.in"}, follow=True, **HOST)
        r = client.post(r.request["PATH_INFO"], {"csrfmiddlewaretoken": csrf(r), **ADDRESS},
                        follow=True, **HOST)
        if "shipping-method" in r.request["PATH_INFO"]:
            code = re.search(r'name="method_code" value="([^"]+)"', r.content.decode()).group(1)
            client.post(r.request["PATH_INFO"], {"csrfmiddlewaretoken": csrf(r), "method_code": code},
                        **HOST)
        if page == "preview":
            # The card's reference as the card Element gives it (Stripe is called only when
            # the order is placed).
            client.post("/shop/checkout/preview/", {
                "csrfmiddlewaretoken": csrf(client.get("/shop/checkout/payment-details/", **HOST)),
                "payment_method": "pm_cardvisa4242", "card_label": "Visa ending 4242"}, **HOST)
        return lambda: client.get(CHECKOUT[page], **HOST)
    raise SystemExit(f"unknown page {page}")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("page", choices=["product", "basket", "add", "catalogue", *CHECKOUT])
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--top", type=int, default=30)
    parser.add_argument("--sort", default="cumulative", help="pstats order: cumulative, tottime")
    args = parser.parse_args()
    make = request_for(args.page)
    for _ in range(3):
        response = make()
        assert response.status_code in (200, 302), response.status_code
    queries = []
    connection.force_debug_cursor = True
    connection.queries_log.clear()
    make()
    queries = list(connection.queries)
    connection.force_debug_cursor = False
    profiler = cProfile.Profile()
    start = time.perf_counter()
    profiler.enable()
    for _ in range(args.runs):
        make()
    profiler.disable()
    wall = (time.perf_counter() - start) / args.runs * 1000
    stats = pstats.Stats(profiler)
    print(f"{args.page}: {wall:.1f} ms per request under the profiler ({args.runs} runs), "
          f"{len(queries)} queries")
    groups = {
        "database (cursor execute)": ("django/db/backends/utils.py", "_execute"),
        "template rendering": ("django/template/base.py", "render"),
        "cache (Redis)": ("django/core/cache/backends/redis.py", "get"),
    }
    for label, (path, name) in groups.items():
        total = sum(v[3] for k, v in stats.stats.items() if k[0].endswith(path) and k[2] == name)
        print(f"  {label}: {total / args.runs * 1000:.1f} ms cumulative per request")
    out = io.StringIO()
    stats.stream = out
    stats.sort_stats(args.sort).print_stats(args.top)
    print(out.getvalue())
    print("Queries of one request:")
    for q in queries:
        print(f"  {q['sql'][:160]}")


if __name__ == "__main__":
    main()
