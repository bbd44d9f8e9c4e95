"""A few people using the demo at once (issue 19): mixed page views, adds to basket, sign-ins.

    python bench/demo_load.py --base http://127.0.0.1:8000 [--clients 8] [--duration 30]
        [--server-log var/bench-demo/server.log] [--label "embedded default"]
        [--results bench/RESULTS.md --command "make bench-demo"]

Each client is one person in one browser, in its own thread: it comes back as a new visitor
every few steps (a new session and basket), and clients 0 and 1 sign in as the demo shopper each
time they come back (so two browsers share one basket, as the report that started this did).
A step is a page view (home, the catalogue, a product, the basket, a Bengali or Hindi page) or
an add to basket (the product page for its CSRF token, then the POST). Only loopback addresses
are accepted, and every client stops at the deadline. An error is a failed connection or an
answer of 400 or more; the "database is locked" errors in the server log are counted too.
"""

import argparse
import datetime
import os
import random
import re
import statistics
import sys
import threading
import time
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import requests

HERE = Path(__file__).resolve().parent
SHOPPER = ("shopper@demo.haat.test", "haat-demo-2026")  # load_demo's shopper (README, "Demo logins")
STEPS_PER_VISIT = 8
PAGES = ["/", "/shop/catalogue/", "product", "/shop/basket/", "/bn/", "/hi/shop/catalogue/"]


def csrf_from(html):
    match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
    return match.group(1) if match else ""


def discover(base):
    """The product pages of the catalogue's first page that have an add-to-basket form."""
    html = requests.get(urljoin(base, "/shop/catalogue/"), timeout=60).text
    paths = list(dict.fromkeys(re.findall(r'href="(/shop/catalogue/[\w-]+_\d+/)"', html)))
    products = []
    for path in paths:
        page = requests.get(urljoin(base, path), timeout=60).text
        if re.search(r'action="[^"]*/basket/add/\d+/"', page):
            products.append(path)
    if not products:
        raise SystemExit(f"no product on {base}/shop/catalogue/ can be added to the basket")
    return products


class Client(threading.Thread):
    def __init__(self, number, base, products, deadline, records, lock):
        super().__init__(name=f"client-{number}", daemon=True)
        self.number, self.base, self.products = number, base, products
        self.deadline, self.records, self.lock = deadline, records, lock
        self.random = random.Random(number)

    def request(self, kind, method, path, **kwargs):
        started = time.monotonic()
        try:
            response = self.session.request(method, urljoin(self.base, path), timeout=60,
                                            allow_redirects=False, **kwargs)
            status, error = response.status_code, response.status_code >= 400
        except requests.RequestException as exc:
            response, status, error = None, type(exc).__name__, True
        with self.lock:
            self.records.append((kind, time.monotonic() - started, status, error, path))
        return response

    def sign_in(self):
        page = self.request("sign-in page", "GET", "/shop/accounts/login/")
        if page is None or page.status_code != 200:
            return
        self.request("sign in", "POST", "/shop/accounts/login/", data={
            "csrfmiddlewaretoken": csrf_from(page.text), "login-username": SHOPPER[0],
            "login-password": SHOPPER[1], "login_submit": "Log In"},
            headers={"Referer": urljoin(self.base, "/shop/accounts/login/")})

    def add_to_basket(self):
        path = self.random.choice(self.products)
        page = self.request("product", "GET", path)
        if page is None or page.status_code != 200:
            return
        add = re.search(r'action="([^"]*/basket/add/\d+/)"', page.text)
        if add is None:  # sold out since discovery: a page view, nothing to add
            return
        self.request("add to basket", "POST", add.group(1), data={
            "csrfmiddlewaretoken": csrf_from(page.text), "quantity": 1},
            headers={"Referer": urljoin(self.base, path)})

    def run(self):
        step = 0
        while time.monotonic() < self.deadline:
            if step % STEPS_PER_VISIT == 0:
                self.session = requests.Session()
                if self.number < 2:
                    self.sign_in()
            step += 1
            if self.random.random() < 0.4:
                self.add_to_basket()
                continue
            page = self.random.choice(PAGES)
            if page == "product":
                self.request("product", "GET", self.random.choice(self.products))
            else:
                self.request("page", "GET", page)


def percentile(values, fraction):
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def table(records, seconds, locked):
    kinds = ["page", "product", "add to basket", "sign-in page", "sign in"]
    rows = ["| requests | count | req/s | p50 ms | p95 ms | errors |", "|---|---|---|---|---|---|"]
    for kind in [*kinds, "all"]:
        chosen = [r for r in records if kind in ("all", r[0])]
        if not chosen:
            continue
        times = [r[1] * 1000 for r in chosen]
        errors = sum(1 for r in chosen if r[3])
        name = f"**{kind}**" if kind == "all" else kind
        rows.append(f"| {name} | {len(chosen)} | {len(chosen) / seconds:.1f} | "
                    f"{statistics.median(times):.0f} | {percentile(times, 0.95):.0f} | {errors} |")
    rows.append(f"\n\"database is locked\" in the server log: {locked}")
    return "\n".join(rows)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", default="http://127.0.0.1:8000")
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--duration", type=float, default=30)
    parser.add_argument("--server-log", type=Path)
    parser.add_argument("--label", default="embedded default (SQLite)")
    parser.add_argument("--results", type=Path)
    parser.add_argument("--command", default="make bench-demo")
    args = parser.parse_args()
    if urlsplit(args.base).hostname not in {"127.0.0.1", "localhost"}:
        raise SystemExit("demo_load.py drives a shop on this machine only (127.0.0.1)")
    if not 1 <= args.clients <= 32 or not 0 < args.duration <= 600:
        raise SystemExit("--clients 1..32 and --duration up to 600 seconds")

    log_start = args.server_log.stat().st_size if args.server_log and args.server_log.exists() else 0
    products = discover(args.base)
    records, lock = [], threading.Lock()
    started = time.monotonic()
    clients = [Client(n, args.base, products, started + args.duration, records, lock)
               for n in range(args.clients)]
    for client in clients:
        client.start()
    for client in clients:
        client.join(args.duration + 120)
    seconds = time.monotonic() - started
    locked = 0
    if args.server_log and args.server_log.exists():
        with args.server_log.open("rb") as log:
            log.seek(log_start)
            locked = log.read().count(b"django.db.utils.OperationalError: database is locked")

    load = os.getloadavg()
    stamp = datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC")
    body = table(records, seconds, locked)
    failed = sorted({f"{r[0]} {r[4]} → {r[2]}" for r in records if r[3]})[:10]
    report = (f"### Demo under light concurrent use: {args.label}, {args.clients} clients, {stamp}\n\n"
              f"`{args.command}`  \n{args.clients} clients (threads, `requests`), {seconds:.0f} s, "
              f"{len(products)} products; load average at the end {load[0]:.2f}.\n\n{body}\n")
    if failed:
        report += "\nFailed requests (first kinds): " + "; ".join(failed) + "\n"
    print(report)
    if args.results:
        with args.results.open("a") as out:
            out.write("\n" + report)
    errors = sum(1 for r in records if r[3])
    sys.exit(1 if errors or locked else 0)


if __name__ == "__main__":
    main()
