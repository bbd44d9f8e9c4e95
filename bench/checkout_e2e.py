"""The whole paid checkout under load: orders per minute and seconds per order (issue 22).

    python bench/checkout_e2e.py --products 1000 --duration 30 --clients 8 \
        --target haat=http://127.0.0.1:8100/shop --db haat=postgres://…/haat_bench \
        --stripe haat=http://127.0.0.1:8102 \
        [--target oscar=http://127.0.0.1:8101 --db oscar=postgres://…/haat_bench_peer]

Each shop in turn gets --clients concurrent shoppers for --duration seconds. A shopper is a
thread with a new `requests` session (a new guest) for each order, doing what a browser does:
product page → add to basket (the page's CSRF token) → basket → checkout as a guest (email) →
shipping address → shipping method (when the shop asks) → payment → thank-you page.

Payment: a shop given --stripe pays as Haat's payment page and localstripe's Stripe.js do: the
card Element's token from localstripe's /v1/tokens (with the publishable key from the page),
its card id posted to the preview, then "place order", on which Haat's server creates and
confirms a manual-capture PaymentIntent at localstripe, places the order and captures; a
3-D Secure answer (not asked for the test card used) would be passed as localstripe's pop-up
does. Other shops use Oscar's default checkout: payment details (no payment) → preview →
place order.

A shopper stops starting orders after --duration and finishes the one in hand; orders per
minute count the completed orders over the time until the last one finished. Before the run
the driver gives the products it buys ample stock (the generated catalogue has one-offs and
small stocks) and puts the stock back afterwards; at the end it checks in each database that
the orders placed during the run are exactly the ones it completed (and for Haat, that each
is paid: its payment attempt captured and the order's status "Paid").
"""

import argparse
import datetime
import os
import random
import re
import shlex
import statistics
import sys
import threading
import time
from pathlib import Path
from urllib.parse import urljoin

import psycopg
import requests

sys.path.insert(0, str(Path(__file__).resolve().parent))
from run import ADDRESS, csrf_from  # noqa: E402  (the page rows' address and CSRF reader)

HERE = Path(__file__).resolve().parent
CARD = {"card[number]": "4242424242424242", "card[exp_month]": "12", "card[exp_year]": "2034",
        "card[cvc]": "123"}
AMPLE_STOCK = 1_000_000
PRODUCTS = 24  # bought from at random: enough that shoppers rarely touch the same stock row


class Refused(Exception):
    """The shop said no as it should to a real buyer (sold out): not an error."""


class Shop:
    def __init__(self, name, base, dsn, stripe=None):
        self.name, self.base, self.dsn, self.stripe = name, base.rstrip("/"), dsn, stripe
        self.products = []  # product page urls
        self.saved_stock = []  # (stockrecord id, num_in_stock, num_allocated)
        self.first_order_id = 0
        self.lock = threading.Lock()
        self.seconds, self.checkout_seconds, self.numbers = [], [], []
        self.errors, self.refused, self.messages = 0, 0, []
        self.elapsed = 0.0

    def url(self, path):
        return self.base + path

    # --- the database: products, stock, and the check at the end ---------------------------
    def prepare(self):
        with psycopg.connect(self.dsn, autocommit=True) as conn:
            self.first_order_id = conn.execute(
                "select coalesce(max(id), 0) from order_order").fetchone()[0]
            # Generated pieces in stock (so even a cached product page offers "add to basket")
            # that are not one-offs, the same UPCs in every shop (the peer loads Haat's export).
            rows = conn.execute(
                """select p.id, p.slug, s.id, s.num_in_stock, s.num_allocated
                   from catalogue_product p join partner_stockrecord s on s.product_id = p.id
                   where p.upc = any(%s) order by p.upc""", (self.upcs,)).fetchall()
            if len(rows) != len(self.upcs):
                raise SystemExit(f"{self.name}: {len(rows)} of the {len(self.upcs)} products found")
            self.products = [self.url(f"/catalogue/{slug}_{pk}/") for pk, slug, *_ in rows]
            self.saved_stock = [(sid, stock, allocated) for _pk, _slug, sid, stock, allocated in rows]
            conn.execute("update partner_stockrecord set num_in_stock = coalesce(num_allocated, 0) + %s "
                         "where id = any(%s)", (AMPLE_STOCK, [r[0] for r in self.saved_stock]))

    def restore_stock(self):
        with psycopg.connect(self.dsn, autocommit=True) as conn, conn.cursor() as cur:
            cur.executemany("update partner_stockrecord set num_in_stock = %s, num_allocated = %s "
                            "where id = %s", [(s, a, sid) for sid, s, a in self.saved_stock])

    def verify(self):
        """What the database holds for the run: placed orders, and for Haat paid ones."""
        with psycopg.connect(self.dsn, autocommit=True) as conn:
            numbers = {n for (n,) in conn.execute(
                "select number from order_order where id > %s", (self.first_order_id,))}
            paid = None
            if self.stripe:
                paid = conn.execute(
                    """select count(*) from order_order o join checkout_paymentattempt a
                       on a.order_id = o.id where o.id > %s and a.state = 'placed'
                       and a.captured and o.status = 'Paid'""", (self.first_order_id,)).fetchone()[0]
        return numbers, paid

    # --- one shopper ---------------------------------------------------------------------------
    def client(self, deadline, seed):
        rng = random.Random(seed)
        while time.monotonic() < deadline:
            start = time.monotonic()
            try:
                number, checkout_started = self.order(requests.Session(), rng.choice(self.products))
            except Refused:
                with self.lock:
                    self.refused += 1
                continue
            except Exception as exc:  # noqa: BLE001  (any failure of a step is an error row)
                with self.lock:
                    self.errors += 1
                    if len(self.messages) < 5:
                        self.messages.append(f"{type(exc).__name__}: {exc}"[:300])
                continue
            end = time.monotonic()
            with self.lock:
                self.seconds.append(end - start)
                self.checkout_seconds.append(end - checkout_started)
                self.numbers.append(number)

    def order(self, s, product):
        page = get(s, product)
        add = re.search(r'action="([^"]*/basket/add/\d+/)"', page.text)
        if not add:
            raise Refused("no add-to-basket form")
        r = post(s, self.absolute(add.group(1)), {"csrfmiddlewaretoken": csrf_from(page.text),
                                                  "quantity": 1}, referer=product)
        basket = get(s, self.url("/basket/"))
        if not re.search(r'name="form-\d+-quantity"', basket.text):
            raise Refused("the basket is empty after adding (sold out)")
        checkout_started = time.monotonic()
        r = get(s, self.url("/checkout/"))
        r = post(s, r.url, {"csrfmiddlewaretoken": csrf_from(r.text),
                            "username": "e2e@example.in", "options": "anonymous"})
        r = post(s, r.url, {"csrfmiddlewaretoken": csrf_from(r.text), **ADDRESS})
        if "shipping-method" in r.url:
            method = re.search(r'name="method_code" value="([^"]+)"', r.text)
            r = post(s, r.url, {"csrfmiddlewaretoken": csrf_from(r.text),
                                "method_code": method.group(1)})
        if not r.url.endswith("/checkout/payment-details/"):
            raise RuntimeError(f"expected the payment page, got {r.url}")
        r = self.pay(s, r) if self.stripe else get(s, self.url("/checkout/preview/"))
        token = re.search(r'name="attempt_token" value="([^"]*)"', r.text)
        r = post(s, self.url("/checkout/preview/"), {
            "csrfmiddlewaretoken": csrf_from(r.text), "action": "place_order",
            **({"attempt_token": token.group(1)} if token else {})})
        if 'id="authenticate-form"' in r.text:
            r = self.three_d_secure(s, r)
        if "/basket/" in r.url:
            raise Refused("sent back to the basket (sold out)")
        if not r.url.endswith("/checkout/thank-you/"):
            raise RuntimeError(f"placing the order ended on {r.url}")
        number = re.search(r"order number is\s*<strong>([^<]+)</strong>", r.text)
        return (number.group(1) if number else ""), checkout_started

    def pay(self, s, page):
        """What Haat's payment.js does with localstripe's Stripe.js, then the preview."""
        key = re.search(r'data-stripe-key="([^"]+)"', page.text).group(1)
        token = requests.post(f"{self.stripe}/v1/tokens", timeout=60, data={
            **CARD, "key": key, "payment_user_agent": "localstripe"})
        token.raise_for_status()
        card = token.json()["card"]
        return post(s, self.url("/checkout/preview/"), {
            "csrfmiddlewaretoken": csrf_from(page.text), "payment_method": card["id"],
            "card_label": f"Visa ending {card['last4']}"})

    def three_d_secure(self, s, page):
        """localstripe's 3-D Secure pop-up, passed; then the authenticate form posts back."""
        secret = re.search(r'data-client-secret="([^"]+)"', page.text).group(1)
        key = re.search(r'data-stripe-key="([^"]+)"', page.text).group(1)
        intent = secret.split("_secret_")[0]
        requests.post(f"{self.stripe}/v1/payment_intents/{intent}/_authenticate",
                      params={"success": "true"}, json={"key": key, "client_secret": secret},
                      timeout=60).raise_for_status()
        form = re.search(r'<form[^>]*id="authenticate-form"[^>]*>', page.text).group(0)
        action = re.search(r'action="([^"]+)"', form).group(1)
        return post(s, self.absolute(action), {"csrfmiddlewaretoken": csrf_from(page.text)})

    def absolute(self, path):
        return urljoin(self.base + "/", path)


def get(s, url):
    r = s.get(url, timeout=60)
    if r.status_code >= 400:
        raise RuntimeError(f"GET {url} answered {r.status_code}")
    return r


def post(s, url, data, referer=None):
    r = s.post(url, data=data, timeout=60, headers={"Referer": referer or url})
    if r.status_code >= 400:
        raise RuntimeError(f"POST {url} answered {r.status_code}")
    return r


def pick_upcs(dsn, n):
    """Generated, not one-off, in stock: the same pieces for every shop."""
    with psycopg.connect(dsn, autocommit=True) as conn:
        rows = conn.execute(
            """select p.upc from catalogue_product p
               join catalogue_productclass c on c.id = p.product_class_id
               join partner_stockrecord s on s.product_id = p.id
               where p.upc like 'GEN-%%' and p.is_public and not c.is_one_off
               and s.num_in_stock > coalesce(s.num_allocated, 0)
               order by p.upc limit %s""", (n,)).fetchall()
    return [upc for (upc,) in rows]


def drive(shop, duration, clients):
    deadline = time.monotonic() + duration
    threads = [threading.Thread(target=shop.client, args=(deadline, i)) for i in range(clients)]
    start = time.monotonic()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    shop.elapsed = time.monotonic() - start


def percentile(values, q):
    """The q-th percentile in seconds as a table cell ("–" with no orders)."""
    if not values:
        return "–"
    if len(values) == 1:
        return f"{values[0]:.2f}"
    return f"{statistics.quantiles(values, n=100, method='inclusive')[q - 1]:.2f}"


def render(shops, checks, args, load):
    when = datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC")
    out = [
        f"\n### Paid checkout end to end, {args.products:,} generated products, {when}\n",
        f"`{args.command}`  ",
        f"{args.clients} shoppers at once for {args.duration} s per shop (bench/checkout_e2e.py), "
        "each order a new guest: product page → add to basket → basket → checkout (email) → "
        "address → shipping → payment → thank-you. Haat pays through localstripe (card token, "
        "PaymentIntent confirmed and captured by the server); plain Oscar's default checkout "
        "has no payment step. Seconds per order: the whole journey; checkout: from the "
        "checkout's first page.  ",
        "Load averages (1, 5, 15 min) at the start: {} and at the end: {}.\n".format(
            *(", ".join(f"{x:.2f}" for x in avg) for avg in load)),
        "| shop | orders | orders/min | p50 s/order | p95 s/order | p95 s checkout | errors "
        "| sold out | in the database |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for shop in shops:
        rate = len(shop.seconds) / shop.elapsed * 60 if shop.elapsed else 0
        out.append(
            f"| {shop.name} | {len(shop.seconds)} | {rate:.1f} | {percentile(shop.seconds, 50)} "
            f"| {percentile(shop.seconds, 95)} | {percentile(shop.checkout_seconds, 95)} "
            f"| {shop.errors} | {shop.refused} | {checks[shop.name]} |")
    if len(shops) > 1 and all(s.seconds for s in shops):
        ours, other = shops[0], shops[1]
        ratio = (len(ours.seconds) / ours.elapsed) / (len(other.seconds) / other.elapsed)
        out.append(f"\n{ours.name}/{other.name} orders per minute: {ratio:.2f}×")
    return "\n".join(out)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--target", action="append", required=True, help="name=shop root url")
    parser.add_argument("--db", action="append", required=True, help="name=database url")
    parser.add_argument("--stripe", action="append", default=[], help="name=localstripe url")
    parser.add_argument("--products", type=int, required=True)
    parser.add_argument("--duration", type=int, default=30)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--results", default=str(HERE / "RESULTS.md"))
    parser.add_argument("--command", default=" ".join(shlex.quote(a) for a in sys.argv))
    args = parser.parse_args()
    dbs = dict(spec.split("=", 1) for spec in args.db)
    stripes = dict(spec.split("=", 1) for spec in args.stripe)
    shops = [Shop(name, url, dbs[name], stripes.get(name))
             for name, url in (spec.split("=", 1) for spec in args.target)]
    upcs = pick_upcs(shops[0].dsn, PRODUCTS)
    if len(upcs) < PRODUCTS:
        raise SystemExit(f"only {len(upcs)} generated pieces in stock to buy")
    load_before = os.getloadavg()
    checks, failed = {}, False
    for shop in shops:
        shop.upcs = upcs
        shop.prepare()
        try:
            print(f"[{shop.name}] paid checkout: {args.clients} shoppers for {args.duration}s …",
                  flush=True)
            drive(shop, args.duration, args.clients)
        finally:
            shop.restore_stock()
        numbers, paid = shop.verify()
        done = len(shop.seconds)
        ok = len(numbers) == done and (paid is None or paid == done)
        ok = ok and (not all(shop.numbers) or set(shop.numbers) == numbers)
        checks[shop.name] = (f"{len(numbers)} placed" + (f", {paid} paid" if paid is not None else "")
                             + (" ✓" if ok else " ✗ MISMATCH"))
        failed |= not ok or shop.errors > 0
        for message in shop.messages:
            print(f"[{shop.name}] error: {message}", flush=True)
    table = render(shops, checks, args, (load_before, os.getloadavg()))
    print(table)
    with open(args.results, "a") as fh:
        fh.write(table + "\n")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
