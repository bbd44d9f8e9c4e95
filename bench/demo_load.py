"""A few people using the demo at once (issues 19, 22): what shoppers do, every kind counted.

    python bench/demo_load.py --base http://127.0.0.1:8000 [--clients 8] [--duration 30]
        [--server-log var/bench-demo/server.log] [--label "embedded default"]
        [--results bench/RESULTS.md --command "make bench-demo"]

Each client is one person in one browser, in its own thread with its own `requests` session
(connections kept alive, as a browser does), one visit after another with no pause between
clicks (a harder load than people who read the pages). A visit is a new visitor (new cookies,
new basket) in English, or one in ten in Bengali and one in ten in Hindi (/bn/, /hi/ pages); she
opens the home page, the catalogue or a category, a few products and sometimes their maker's
page; half the visits add one or two pieces to the basket and look at it, and a third of those
go through the checkout as a guest up to the payment page (gateway, address, shipping method,
payment page). Clients 0 and 1 sign in as the demo shopper at the start of each visit (so two
browsers share one basket, as the report that started issue 19 did) and check out as her.

Each kind of request is counted on its own row. The sign-in POST checks a password hash (PBKDF2,
hundreds of milliseconds of CPU by design), so it is shown apart and left out of the **all**
row, which is the one the target (issue 22: 0 errors, p95 < 150 ms at 8 clients) is read from.
An error is a failed connection, an answer of 400 or more, or a page that is not what the
person was taken to (a checkout step sending her elsewhere); "database is locked" in the server
log is counted too. Only loopback addresses are accepted; every client stops at the deadline.
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
SIGNED_IN_CLIENTS = 2
ADDRESS = {  # a guest's address, as bench/run.py's checkout uses
    "first_name": "Asha", "last_name": "Roy", "line1": "12 Lake Road", "line2": "Ballygunge",
    "line4": "Kolkata", "state": "West Bengal", "postcode": "700019", "country": "IN",
    "phone_number": "+91 98300 12345",
}
KINDS = ["home", "catalogue", "category", "product", "maker", "add to basket", "basket",
         "checkout: gateway", "checkout: address", "checkout: shipping method",
         "checkout: payment page", "sign-in page"]
SIGN_IN = "sign in (password hash)"


def csrf_from(html):
    match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
    return match.group(1) if match else ""


def discover(base):
    """The catalogue's categories, its products that can be added to the basket, their makers."""
    html = requests.get(urljoin(base, "/shop/catalogue/"), timeout=60).text
    categories = list(dict.fromkeys(re.findall(r'href="(/shop/catalogue/category/[\w/-]+_\d+/)"', html)))
    paths = list(dict.fromkeys(re.findall(r'href="(/shop/catalogue/[\w-]+_\d+/)"', html)))
    products, makers = [], set()
    for path in paths:
        page = requests.get(urljoin(base, path), timeout=60).text
        if re.search(r'action="[^"]*/basket/add/\d+/"', page):
            products.append(path)
        makers.update(re.findall(r'href="(/makers/[\w-]+/)"', page))
    if not products:
        raise SystemExit(f"no product on {base}/shop/catalogue/ can be added to the basket")
    site = {"categories": categories or ["/shop/catalogue/"], "products": products,
            "makers": sorted(makers) or ["/makers/"]}
    # Warm up as the first visitors of the day would: every page once in each language (the
    # first render of a template or fragment is not what a few people at once meet).
    warm = requests.Session()
    for prefix in ("", "/bn", "/hi"):
        for path in ["/", "/shop/catalogue/", "/shop/basket/", "/shop/accounts/login/",
                     *site["categories"], *products, *site["makers"]]:
            warm.get(urljoin(base, prefix + path), timeout=60)
    return site


def cpu_seconds(group):
    """CPU time (user + system) used so far by the live processes of a process group (the
    server's), from /proc; None where /proc cannot tell."""
    if group is None:
        return None
    total, tick = 0, os.sysconf("SC_CLK_TCK")
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[2]) == group:  # pgrp
            total += int(fields[11]) + int(fields[12])  # utime, stime
    return total / tick


class Client(threading.Thread):
    def __init__(self, number, base, site, deadline, records, lock):
        super().__init__(name=f"client-{number}", daemon=True)
        self.number, self.base, self.site = number, base, site
        self.deadline, self.records, self.lock = deadline, records, lock
        self.random = random.Random(number)
        self.prefix = ""

    def request(self, kind, method, path, expect=None, **kwargs):
        """One request; `expect` is the start of the path a redirect must lead to."""
        if time.monotonic() >= self.deadline:
            raise TimeoutError
        path = self.prefix + path if path.startswith(("/shop/", "/makers/")) or path == "/" else path
        started = time.monotonic()
        try:
            response = self.session.request(method, urljoin(self.base, path), timeout=60,
                                            allow_redirects=False, **kwargs)
            status, error = response.status_code, response.status_code >= 400
            if expect and not error:
                where = urlsplit(response.headers.get("Location", "")).path
                if status != 302 or not where.startswith(self.prefix + expect):
                    status, error = f"{status} to {where or 'here'}", True
        except requests.RequestException as exc:
            response, status, error = None, type(exc).__name__, True
        elapsed = time.monotonic() - started
        with self.lock:
            self.records.append((kind, elapsed, status, error, path, bool(self.prefix)))
        return None if error else response

    def sign_in(self):
        page = self.request("sign-in page", "GET", "/shop/accounts/login/")
        if page is not None:
            self.request(SIGN_IN, "POST", "/shop/accounts/login/", expect="/", data={
                "csrfmiddlewaretoken": csrf_from(page.text), "login-username": SHOPPER[0],
                "login-password": SHOPPER[1], "login_submit": "Log In"},
                headers={"Referer": urljoin(self.base, "/shop/accounts/login/")})

    def product(self):
        path = self.random.choice(self.site["products"])
        return path, self.request("product", "GET", path)

    def add_to_basket(self):
        path, page = self.product()
        add = re.search(r'action="([^"]*/basket/add/\d+/)"', page.text) if page is not None else None
        if add is None:  # sold out meanwhile: it was a page view
            return
        self.request("add to basket", "POST", add.group(1), expect="/shop/", data={
            "csrfmiddlewaretoken": csrf_from(page.text), "quantity": 1},
            headers={"Referer": urljoin(self.base, self.prefix + path)})

    def checkout(self):
        """A guest (or the signed-in shopper) up to the payment page."""
        if self.number >= SIGNED_IN_CLIENTS:
            page = self.request("checkout: gateway", "GET", "/shop/checkout/")
            if page is None:
                return
            self.request("checkout: gateway", "POST", "/shop/checkout/",
                         expect="/shop/checkout/shipping-address/",
                         data={"csrfmiddlewaretoken": csrf_from(page.text),
                               "username": f"guest{self.number}@example.in", "options": "anonymous"})
        page = self.request("checkout: address", "GET", "/shop/checkout/shipping-address/")
        if page is None:
            return
        done = self.request("checkout: address", "POST", "/shop/checkout/shipping-address/",
                            expect="/shop/checkout/",
                            data={"csrfmiddlewaretoken": csrf_from(page.text), **ADDRESS})
        if done is not None and "shipping-method" in done.headers["Location"]:
            page = self.request("checkout: shipping method", "GET", "/shop/checkout/shipping-method/")
            method = page and re.search(r'name="method_code" value="([^"]+)"', page.text)
            if method:
                self.request("checkout: shipping method", "POST", "/shop/checkout/shipping-method/",
                             expect="/shop/checkout/", data={
                                 "csrfmiddlewaretoken": csrf_from(page.text),
                                 "method_code": method.group(1)})
        self.request("checkout: payment page", "GET", "/shop/checkout/payment-details/")

    def visit(self):
        self.session = requests.Session()
        roll = self.random.random()
        self.prefix = "/bn" if roll < 0.1 else "/hi" if roll < 0.2 else ""
        if self.number < SIGNED_IN_CLIENTS:
            self.sign_in()
        if self.random.random() < 0.6:
            self.request("home", "GET", "/")
        if self.random.random() < 0.5:
            self.request("catalogue", "GET", "/shop/catalogue/")
        else:
            self.request("category", "GET", self.random.choice(self.site["categories"]))
        for _ in range(self.random.randint(1, 3)):
            self.product()
        if self.random.random() < 0.3:
            self.request("maker", "GET", self.random.choice(self.site["makers"]))
        if self.random.random() < 0.5:
            for _ in range(self.random.randint(1, 2)):
                self.add_to_basket()
            self.request("basket", "GET", "/shop/basket/")
            if self.random.random() < 0.35:
                self.checkout()

    def run(self):
        while time.monotonic() < self.deadline:
            try:
                self.visit()
            except TimeoutError:
                return


def percentile(values, fraction):
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def row(name, chosen, seconds):
    times = [r[1] * 1000 for r in chosen]
    errors = sum(1 for r in chosen if r[3])
    return (f"| {name} | {len(chosen)} | {len(chosen) / seconds:.1f} | "
            f"{statistics.median(times):.0f} | {percentile(times, 0.95):.0f} | {errors} |")


def table(records, seconds, locked):
    rows = ["| requests | count | req/s | p50 ms | p95 ms | errors |", "|---|---|---|---|---|---|"]
    for kind in KINDS:
        chosen = [r for r in records if r[0] == kind]
        if chosen:
            rows.append(row(kind, chosen, seconds))
    pages = [r for r in records if r[0] != SIGN_IN]
    local = [r for r in pages if r[5]]
    if local:
        rows.append(row("of these, in Bengali or Hindi", local, seconds))
    if pages:
        rows.append(row("**all but the sign-in POST**", pages, seconds))
    signed = [r for r in records if r[0] == SIGN_IN]
    if signed:
        rows.append(row(SIGN_IN, signed, seconds))
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
    parser.add_argument("--server-group", type=int,
                        help="process group of the server: its CPU time per request is shown")
    args = parser.parse_args()
    if urlsplit(args.base).hostname not in {"127.0.0.1", "localhost"}:
        raise SystemExit("demo_load.py drives a shop on this machine only (127.0.0.1)")
    if not 1 <= args.clients <= 32 or not 0 < args.duration <= 600:
        raise SystemExit("--clients 1..32 and --duration up to 600 seconds")

    log_start = args.server_log.stat().st_size if args.server_log and args.server_log.exists() else 0
    site = discover(args.base)
    records, lock = [], threading.Lock()
    server_started = cpu_seconds(args.server_group)
    cpu_started, started = time.process_time(), time.monotonic()
    clients = [Client(n, args.base, site, started + args.duration, records, lock)
               for n in range(args.clients)]
    for client in clients:
        client.start()
    for client in clients:
        client.join(args.duration + 120)
    seconds = time.monotonic() - started
    cpu = time.process_time() - cpu_started
    server_cpu = None if server_started is None else cpu_seconds(args.server_group) - server_started
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
              f"`{args.command}`  \n{args.clients} clients (threads, `requests`, no pause between "
              f"clicks), {seconds:.0f} s, {len(site['products'])} products, "
              f"{len(site['categories'])} categories, {len(site['makers'])} makers; the load "
              f"generator used {cpu / seconds:.0%} of a core; load average at the end "
              f"{load[0]:.2f}.")
    if server_cpu is not None and records:
        report += (f" The server used {server_cpu / seconds:.2f} cores, "
                   f"{1000 * server_cpu / len(records):.1f} ms of CPU per request.")
    report += f"\n\n{body}\n"
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
