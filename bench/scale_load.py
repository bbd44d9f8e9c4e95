"""Shoppers through the load balancer while a node dies (issue 22, `make bench-scale`).

    python bench/scale_load.py run --base http://127.0.0.1:8170 --setup shoppers.json
        --clients 8 --duration 40 --events events.txt --out run.json --label "SIGKILL"
    python bench/scale_load.py table --results bench/RESULTS.md run1.json run2.json tasks.json

`run`: each client is a thread with its own `requests` session (cookies kept): it browses, adds
to its basket (the product page for the CSRF token, then the POST), views its basket, walks the
checkout to the payment page; every 4th client signs in with its own account (bench/
scale_setup.py) and keeps its basket across new sessions. Each client writes down what its basket
should hold and compares on every basket view: an empty basket where lines were expected is a
basket lost; other differences are a wrong basket. The checkout's payment page must answer 200
(a lost checkout session sends the shopper back to an earlier step). `events.txt` (written by
bench/scale.sh: "<epoch seconds> <what>" per line) places the node's kill in the timeline.

An add-to-basket POST that was inside the node when it was killed gets 502 from haproxy, which
re-sends only GET and HEAD (a POST that reached the dead node may have been done: re-sending it
could add the piece twice). The client then does what a careful shopper does: looks at the basket
before adding again; such POSTs are counted apart ("POSTs cut by the kill"), with what the basket
showed. Every other answer of 400 or more, or a failed connection, is an error.
"""

import argparse
import datetime
import json
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

ADDRESS = {
    "first_name": "Asha", "last_name": "Roy", "line1": "12 Lake Road", "line2": "Ballygunge",
    "line4": "Kolkata", "state": "West Bengal", "postcode": "700019", "country": "IN",
    "phone_number": "+91 98300 12345",
}
MAX_LINES = 5
STEPS_PER_VISIT = 12


def csrf_from(html):
    match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
    return match.group(1) if match else ""


def basket_contents(html):
    """{product path: quantity} from the basket page's lines."""
    contents = {}
    for chunk in html.split('class="basket-line"')[1:]:
        path = re.search(r'class="basket-line__title"><a href="([^"]+)"', chunk)
        qty = re.search(r'name="form-\d+-quantity"[^>]*value="(\d+)"', chunk) or re.search(
            r'value="(\d+)"[^>]*name="form-\d+-quantity"', chunk)
        if path and qty:
            contents[path.group(1)] = contents.get(path.group(1), 0) + int(qty.group(1))
    return contents


class Client(threading.Thread):
    def __init__(self, number, args, setup, records, counters, lock):
        super().__init__(name=f"client-{number}", daemon=True)
        self.number, self.base = number, args.base
        self.deadline = time.time() + args.duration
        self.products = setup["products"]
        self.login = setup["shoppers"][number] if number % 4 == 0 else None
        self.records, self.counters, self.lock = records, counters, lock
        self.random = random.Random(number)
        self.expected = {}  # what the basket should hold: {product path: quantity}

    def count(self, name, n=1):
        with self.lock:
            self.counters[name] = self.counters.get(name, 0) + n

    def request(self, kind, method, path, *, cut_ok=False, **kwargs):
        started = time.time()
        try:
            response = self.session.request(method, urljoin(self.base, path), timeout=60,
                                            allow_redirects=False, **kwargs)
            status, node = response.status_code, response.headers.get("X-Served-By", "-")
        except requests.RequestException as exc:
            response, status, node = None, f"{type(exc).__name__} ({str(exc)[-60:]})", "-"
        failed = response is None or response.status_code >= 400
        # A POST haproxy could not finish because its node died under it (502) or could not
        # place at all (503): counted apart when the caller knows how to check its effect.
        cut = failed and cut_ok and status in (502, 503)
        with self.lock:
            self.records.append((started, kind, time.time() - started, status,
                                 failed and not cut, node, method, path))
        return response, cut

    def new_visit(self):
        self.session = requests.Session()
        self.session.headers["Accept-Language"] = "en"
        self.signed_in = False
        if self.login is None:
            self.expected = {}

    def sign_in(self):
        """The account's basket is kept from its last visit (self.expected)."""
        page, _ = self.request("sign-in page", "GET", "/shop/accounts/login/")
        if page is None or page.status_code != 200:
            return
        answer, _ = self.request("sign in", "POST", "/shop/accounts/login/", data={
            "csrfmiddlewaretoken": csrf_from(page.text), "login-username": self.login["email"],
            "login-password": self.login["password"], "login_submit": "Log In"},
            headers={"Referer": urljoin(self.base, "/shop/accounts/login/")})
        self.signed_in = answer is not None and answer.status_code == 302
        if self.signed_in:
            self.view_basket()

    def view_basket(self, kind="basket"):
        page, _ = self.request(kind, "GET", "/shop/basket/")
        if page is None or page.status_code != 200:
            return None
        seen = basket_contents(page.text)
        self.count("sessions checked")
        if seen != self.expected:
            self.count("baskets lost" if self.expected and not seen else "baskets wrong")
            with self.lock:
                self.counters.setdefault("basket differences", []).append(
                    {"client": self.number, "expected": self.expected, "seen": seen})
            self.expected = seen  # go on from what the shop now holds
        return seen

    def add_to_basket(self):
        choices = [p for p in self.products if p not in self.expected]
        path = self.random.choice(choices)
        page, _ = self.request("product", "GET", path)
        if page is None or page.status_code != 200:
            return
        add = re.search(r'action="([^"]*/basket/add/\d+/)"', page.text)
        if add is None:
            return
        answer, cut = self.request("add to basket", "POST", add.group(1), cut_ok=True, data={
            "csrfmiddlewaretoken": csrf_from(page.text), "quantity": 1},
            headers={"Referer": urljoin(self.base, path)})
        if answer is not None and answer.status_code == 302:
            self.expected[path] = 1
        elif cut:
            # Was it added before the node died? Look, as a shopper would, before adding again.
            self.count("POSTs cut by the kill")
            page, _ = self.request("basket (after a cut POST)", "GET", "/shop/basket/")
            if page is not None and page.status_code == 200:
                seen = basket_contents(page.text)
                self.count("cut POSTs that had been done" if path in seen
                           else "cut POSTs not done")
                if path in seen:
                    self.expected[path] = seen[path]

    def checkout(self):
        """The guest checkout (signed-in clients skip the gateway) up to the payment page."""
        if not self.expected:
            return
        url = "/shop/checkout/"
        r, _ = self.request("checkout", "GET", url)
        for _step in range(8):
            if r is None:
                return
            if r.status_code == 302:
                url = r.headers["Location"]
                if "payment-details" in url:
                    break
                r, _ = self.request("checkout", "GET", url)
                continue
            if r.status_code != 200:
                return
            if 'name="options"' in r.text:  # the gateway: go on as a guest
                data = {"username": f"guest-{self.number}@bench.haat.test", "options": "anonymous"}
            elif 'name="line1"' in r.text:
                data = ADDRESS
            elif 'name="method_code"' in r.text:
                data = {"method_code": re.search(r'name="method_code" value="([^"]+)"', r.text)[1]}
            else:
                break
            r, cut = self.request("checkout", "POST", url, cut_ok=True,
                                  headers={"Referer": urljoin(self.base, url)},
                                  data={"csrfmiddlewaretoken": csrf_from(r.text), **data})
            if cut:  # a step only stores a choice in the session: the shopper just does it again
                self.count("POSTs cut by the kill")
                return
        # The payment page: reached only if every step's answer is still in the session.
        page, _ = self.request("checkout: payment page", "GET", "/shop/checkout/payment-details/")
        if page is not None:
            self.count("sessions checked")
            if page.status_code != 200:
                self.count("checkout sessions lost")
                with self.lock:
                    self.counters.setdefault("checkout losses", []).append(
                        {"client": self.number, "status": page.status_code,
                         "location": page.headers.get("Location")})

    def run(self):
        step = 0
        while time.time() < self.deadline:
            if step % STEPS_PER_VISIT == 0:
                self.new_visit()
            step += 1
            if self.login and not self.signed_in:  # until it works (a failure is an error)
                self.sign_in()
                continue
            roll = self.random.random()
            if roll < 0.25:
                path = self.random.choice(["/", "/shop/catalogue/", self.random.choice(self.products)])
                self.request("browse", "GET", path)
            elif roll < 0.55 and len(self.expected) < MAX_LINES:
                self.add_to_basket()
            elif roll < 0.85:
                self.view_basket()
            else:
                self.checkout()


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))] if ordered else 0


def run(args):
    if urlsplit(args.base).hostname not in {"127.0.0.1", "localhost"}:
        raise SystemExit("scale_load.py drives a shop on this machine only (127.0.0.1)")
    setup = json.loads(Path(args.setup).read_text())
    records, counters, lock = [], {}, threading.Lock()
    started = time.time()
    clients = [Client(n, args, setup, records, counters, lock) for n in range(args.clients)]
    for client in clients:
        client.start()
    for client in clients:
        client.join(args.duration + 120)
    for client in clients:  # a last look at every basket, once the balancer is calm again
        client.view_basket("basket (final look)")
    times = [r[2] * 1000 for r in records]
    failed = [r for r in records if r[4]]
    retried = 0
    if args.haproxy_log and Path(args.haproxy_log).exists():
        with open(args.haproxy_log, "rb") as log:
            log.seek(args.haproxy_log_from)
            # httplog: ".../beconn/srv_conn/retries 0/0 \"GET ..." (retries: "+n" if redispatched)
            retried = sum(1 for m in re.finditer(rb" \d+/\d+/\d+/\d+/\+?(\d+) \d+/\d+ \"",
                                                 log.read()) if int(m.group(1)))
    result = {
        "label": args.label, "haproxy retries": retried, "clients": args.clients, "seconds": round(time.time() - started),
        "requests": len(records), "errors": len(failed),
        "p50": round(statistics.median(times)) if times else 0, "p95": round(percentile(times, 0.95)),
        "by node": {n: sum(1 for r in records if r[5] == n) for n in sorted({r[5] for r in records})},
        "started": started, "events file": args.events, "counters": counters,
        "failed": sorted({f"{r[6]} {r[7]} → {r[3]} at {r[0] - started:.1f} s" for r in failed})[:20],
    }
    Path(args.out).write_text(json.dumps(result, indent=1))
    print(json.dumps({k: v for k, v in result.items() if k != "counters"}, indent=1))
    print({k: v for k, v in counters.items() if k != "basket differences"})


def read_events(path, started):
    """bench/scale.sh's "<epoch seconds> <what>" lines, as (seconds into the run, what)."""
    events = []
    if path and Path(path).exists():
        for line in Path(path).read_text().splitlines():
            stamp, _, what = line.partition(" ")
            events.append((round(float(stamp) - started, 1), what))
    return events


def table(args):
    runs = [json.loads(Path(p).read_text()) for p in args.files]
    tasks = [r for r in runs if "enqueued" in r]
    runs = [r for r in runs if "requests" in r]
    stamp = datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC")
    load = os.getloadavg()
    lines = [f"### Scaling out: two gunicorn nodes behind haproxy, two Celery workers, {stamp}", "",
             f"`{args.command}`  ", "One PostgreSQL, one Redis (cache, broker), sessions in "
             "PostgreSQL; haproxy round robin (no stickiness: any request may go to either node); "
             f"load average at the end {load[0]:.2f}.", "",
             "| node killed | clients | s | requests | errors | p50 ms | p95 ms | sessions checked "
             "| baskets lost | baskets wrong | checkout sessions lost | POSTs cut by the kill "
             "(adds: done / not done) | haproxy retries | kill at | back at | requests per node |",
             "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|"]
    for r in runs:
        c = r["counters"]
        r["events"] = read_events(r["events file"], r["started"])
        kill = next((f"{t} s" for t, what in r["events"] if what.startswith("kill")), "-")
        back = next((f"{t} s" for t, what in r["events"] if what.startswith("back")), "-")
        cut = c.get("POSTs cut by the kill", 0)
        lines.append(
            f"| {r['label']} | {r['clients']} | {r['seconds']} | {r['requests']} | {r['errors']} | "
            f"{r['p50']} | {r['p95']} | {c.get('sessions checked', 0)} | {c.get('baskets lost', 0)} | "
            f"{c.get('baskets wrong', 0)} | {c.get('checkout sessions lost', 0)} | {cut} "
            f"({c.get('cut POSTs that had been done', 0)} / {c.get('cut POSTs not done', 0)}) | "
            f"{r.get('haproxy retries', '-')} | {kill} | {back} | "
            f"{', '.join(f'{k}: {v}' for k, v in r['by node'].items())} |")
    for t in tasks:
        lines += ["", "| Celery: worker killed | tasks enqueued | done | done twice (duplicates) | "
                  "missing | redelivered (of which found already done) | in the killed worker at the kill | "
                  "kill at | all done after |",
                  "|---|---|---|---|---|---|---|---|---|",
                  f"| {t['label']} | {t['enqueued']} | {t['done']} | {t['duplicates']} | "
                  f"{t['missing']} | {t.get('redelivered', '-')} ({t.get('redelivered, found done', '-')}) | "
                  f"{t.get('in flight', '-')} | "
                  f"{t.get('kill at', '-')} | {t.get('all done after', '-')} |"]
    report = "\n".join(lines) + "\n"
    print(report)
    if args.results:
        with open(args.results, "a") as out:
            out.write("\n" + report)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command_name", required=True)
    p = sub.add_parser("run")
    p.add_argument("--base", default="http://127.0.0.1:8170")
    p.add_argument("--setup", required=True)
    p.add_argument("--clients", type=int, default=8)
    p.add_argument("--duration", type=float, default=40)
    p.add_argument("--events")
    p.add_argument("--out", required=True)
    p.add_argument("--haproxy-log")
    p.add_argument("--haproxy-log-from", type=int, default=0)
    p.add_argument("--label", default="")
    t = sub.add_parser("table")
    t.add_argument("files", nargs="+")
    t.add_argument("--results")
    t.add_argument("--command", default="make bench-scale")
    args = parser.parse_args()
    if args.command_name == "run":
        if not 1 <= args.clients <= 32 or not 0 < args.duration <= 600:
            raise SystemExit("--clients 1..32 and --duration up to 600 seconds")
        run(args)
    else:
        table(args)
    sys.exit(0)


if __name__ == "__main__":
    main()
