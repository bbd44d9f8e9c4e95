"""Drive one or more running shops with wrk and print (and record) a table per page.

    python bench/run.py --products 1000 --target haat=http://127.0.0.1:8100/shop \
        [--target oscar=http://127.0.0.1:8101] [--order haat=bench/var/order-haat.json ...] \
        [--duration 10] [--connections 8] [--results bench/RESULTS.md]

For each target it finds its pages the way a shopper does (catalogue → a category, a product, the
add-to-basket form), makes a 3-line basket and a guest checkout up to the preview with `requests`,
checks each page answers as expected, reads the page's query count from the X-Queries header of a
warm request (the bench settings' middleware), then puts it under wrk for --duration seconds at
--connections concurrent clients. The first target is "ours"; the table shows the others' ratios.
"""

import argparse
import datetime
import json
import math
import os
import re
import shlex
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlencode, urljoin, urlsplit

import requests

HERE = Path(__file__).resolve().parent
ADDRESS = {
    "first_name": "Asha", "last_name": "Roy", "line1": "12 Lake Road", "line2": "Ballygunge",
    "line4": "Kolkata", "state": "West Bengal", "postcode": "700019", "country": "IN",
    "phone_number": "+91 98300 12345",
}


class Target:
    def __init__(self, name, base):
        self.name = name
        self.base = base.rstrip("/")  # the shop's root, e.g. http://127.0.0.1:8100/shop
        parts = urlsplit(self.base)
        self.origin = f"{parts.scheme}://{parts.netloc}"
        self.pages = {}  # label -> dict(path, method, body, cookie, status)

    def url(self, path):
        return urljoin(self.origin, path)


def cookie_header(session):
    return "; ".join(f"{c.name}={c.value}" for c in session.cookies)


def csrf_from(html):
    match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
    return match.group(1) if match else ""


def discover(target, n_products):
    """Fill target.pages; raise if a page does not answer as a shopper would expect."""
    s = requests.Session()
    catalogue = f"{target.base}/catalogue/"
    r = s.get(catalogue, timeout=60)
    r.raise_for_status()
    html = r.text
    per_page = 24
    pages = max(1, math.ceil(n_products / per_page))
    product_paths = re.findall(r'href="([^"]*/catalogue/[\w-]+_\d+/)"', html)
    category_paths = re.findall(r'href="([^"]*/catalogue/category/[\w-]+_\d+/)"', html)
    if not product_paths or not category_paths:
        raise SystemExit(f"{target.name}: no product or category links on {catalogue}")
    home = target.origin + "/"
    # Plain Oscar's "/" redirects to its catalogue; ours is the Wagtail home page.
    home_status = requests.get(home, allow_redirects=False, timeout=60).status_code
    target.pages["home"] = {"path": home, "status": home_status}
    target.pages["catalogue p1"] = {"path": catalogue}
    deep = f"{catalogue}?page={pages - 1 if pages > 2 else pages}"
    target.pages["catalogue deep"] = {"path": deep}
    target.pages["category"] = {"path": target.url(category_paths[0])}
    # A product in stock: the first card with an add-to-basket form.
    product_url = None
    for path in product_paths:
        page = s.get(target.url(path), timeout=60).text
        add = re.search(r'action="([^"]*/basket/add/\d+/)"', page)
        if add:
            product_url, add_path, token = target.url(path), target.url(add.group(1)), csrf_from(page)
            break
    if product_url is None:
        raise SystemExit(f"{target.name}: no product on page 1 can be added to the basket")
    target.pages["product"] = {"path": product_url}
    # Add to basket: a new visitor each time (no basket cookie): the basket and line are made.
    fresh = requests.Session()
    page = fresh.get(product_url, timeout=60).text
    token = csrf_from(page)
    body = urlencode({"csrfmiddlewaretoken": token, "quantity": 1})
    check = requests.post(add_path, data=body, allow_redirects=False, timeout=60, headers={
        "Cookie": cookie_header(fresh), "Content-Type": "application/x-www-form-urlencoded",
        "Referer": product_url})
    if check.status_code != 302 or "basket" not in check.headers.get("Set-Cookie", ""):
        raise SystemExit(f"{target.name}: add to basket answered {check.status_code}")
    target.pages["add to basket"] = {
        "path": add_path, "method": "POST", "body": body, "cookie": cookie_header(fresh),
        "status": 302,
    }
    # A basket of 3 lines (and another for the checkout).
    basket = requests.Session()
    lines = fill_basket(target, basket, product_paths, 3)
    if lines != 3:
        raise SystemExit(f"{target.name}: the basket page shows {lines} lines, not 3")
    target.pages["basket (3 lines)"] = {"path": f"{target.base}/basket/", "cookie": cookie_header(basket)}
    # A basket of 10 lines (issue 22): the page's queries must not grow with its lines.
    big = requests.Session()
    lines = fill_basket(target, big, product_paths, 10)
    if lines != 10:
        raise SystemExit(f"{target.name}: the basket page shows {lines} lines, not 10")
    target.pages["basket (10 lines)"] = {"path": f"{target.base}/basket/", "cookie": cookie_header(big)}
    # Checkout up to the payment page, as a guest.
    checkout = requests.Session()
    fill_basket(target, checkout, product_paths, 3)
    r = checkout.get(f"{target.base}/checkout/", timeout=60)
    r = checkout.post(r.url, data={"csrfmiddlewaretoken": csrf_from(r.text),
                                   "username": "bench@example.in", "options": "anonymous"},
                      timeout=60)
    address = r.url
    r = checkout.post(r.url, data={"csrfmiddlewaretoken": csrf_from(r.text), **ADDRESS}, timeout=60)
    shipping = f"{target.base}/checkout/shipping-method/"
    if "shipping-method" in r.url:
        method = re.search(r'name="method_code" value="([^"]+)"', r.text)
        r = checkout.post(r.url, data={"csrfmiddlewaretoken": csrf_from(r.text),
                                       "method_code": method.group(1)}, timeout=60)
    payment = f"{target.base}/checkout/payment-details/"
    r = checkout.get(payment, allow_redirects=False, timeout=60)
    if r.status_code != 200:
        raise SystemExit(f"{target.name}: the payment page answered {r.status_code}")
    # The same guest's pages before and after it (address and shipping method chosen, as a
    # shopper going back a step sees them). Plain Oscar with one shipping method (its default,
    # free shipping) answers its shipping-method page with a redirect to the next step.
    cookie = cookie_header(checkout)
    shipping_status = checkout.get(shipping, allow_redirects=False, timeout=60).status_code
    for label, path, status in (("checkout: address", address, 200),
                                ("checkout: shipping method", shipping, shipping_status),
                                ("checkout: payment page", payment, 200)):
        target.pages[label] = {"path": path, "cookie": cookie, "status": status}
    # The preview: Haat's needs the card's reference (a Stripe PaymentMethod id, kept in the
    # session; Stripe is only called when the order is placed); plain Oscar's needs nothing.
    r = checkout.post(f"{target.base}/checkout/preview/", timeout=60, allow_redirects=False, data={
        "csrfmiddlewaretoken": csrf_from(r.text), "payment_method": "pm_cardvisa4242",
        "card_label": "Visa ending 4242"})
    preview = f"{target.base}/checkout/preview/"
    r = checkout.get(preview, allow_redirects=False, timeout=60)
    if r.status_code != 200 or "place" not in r.text.lower():
        raise SystemExit(f"{target.name}: the preview page answered {r.status_code}")
    target.pages["checkout: preview"] = {"path": preview, "cookie": cookie_header(checkout)}


def basket_lines(target, session):
    r = session.get(f"{target.base}/basket/", timeout=60)
    return len(re.findall(r'name="form-\d+-quantity"', r.text))


def fill_basket(target, session, product_paths, n):
    """Add products (one of each) until the basket page shows n lines; returns the count."""
    lines = 0
    # Each product once: a card links its product twice (photo and title), and the generated
    # pieces are one-offs (stock 1), so a second add would be refused with a message kept in
    # the session, and the basket would no longer be an ordinary anonymous visitor's.
    for path in dict.fromkeys(product_paths):
        page = session.get(target.url(path), timeout=60).text
        add = re.search(r'action="([^"]*/basket/add/\d+/)"', page)
        if not add:
            continue
        session.post(target.url(add.group(1)), data={
            "csrfmiddlewaretoken": csrf_from(page), "quantity": 1}, timeout=60)
        lines = basket_lines(target, session)
        if lines >= n:
            break
    return lines


def queries_of(page):
    """X-Queries of a warm request (the second of two), as a table cell.

    When that request came from Haat's whole-page cache (X-Page-Cache: hit), the cell also
    gives the queries of the page rendered with warm fragments (a request carrying a cookie the
    page cache does not know, so the page is rendered), e.g. "0 (page cache hit; 3 rendered)".
    """
    headers = {"Cookie": page.get("cookie", "")}
    if page.get("body"):
        headers["Content-Type"] = "application/x-www-form-urlencoded"

    def send(headers):
        return requests.request(page.get("method", "GET"), page["path"], data=page.get("body"),
                                headers=headers, allow_redirects=False, timeout=120)

    for _ in range(2):
        r = send(headers)
    if r.status_code != page.get("status", 200):
        raise SystemExit(f"{page['path']} answered {r.status_code}")
    count = r.headers.get("X-Queries", "-1")
    if r.headers.get("X-Page-Cache") != "hit":
        return count
    rendered = send({"Cookie": "; ".join(filter(None, [page.get("cookie"), "bench_render=1"]))})
    return f"{count} (page cache hit; {rendered.headers.get('X-Queries', '?')} rendered)"


def load(page, duration, connections, threads):
    env = dict(os.environ, BENCH_METHOD=page.get("method", "GET"),
               BENCH_BODY=page.get("body", ""), BENCH_COOKIE=page.get("cookie", ""))
    cmd = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{duration}s", "--timeout", "30s",
           "-s", str(HERE / "wrk.lua"), page["path"]]
    out = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=duration + 90)
    line = next((x for x in out.stdout.splitlines() if x.startswith("BENCH ")), None)
    if line is None:
        raise SystemExit(f"wrk gave no result for {page['path']}: {out.stdout}{out.stderr}")
    data = json.loads(line[6:])
    # wrk counts answers of 400 and above as status errors; a GET page must also not redirect.
    non_expected = re.search(r"Non-2xx or 3xx responses: (\d+)", out.stdout)
    data["errors"] = sum(data[k] for k in ("connect", "read", "write", "status", "timeout"))
    data["non_2xx_3xx"] = int(non_expected.group(1)) if non_expected else 0
    data["rps"] = data["requests"] / (data["duration_us"] / 1e6)
    return data


def fmt_ms(us):
    return f"{us / 1000:.0f}" if us >= 10000 else f"{us / 1000:.1f}"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--target", action="append", required=True, help="name=base url")
    parser.add_argument("--order", action="append", default=[], help="name=json from order500")
    parser.add_argument("--products", type=int, required=True)
    parser.add_argument("--duration", type=int, default=10)
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--pages", default="",
                        help="comma-separated page labels to drive (all when empty)")
    parser.add_argument("--results", default=str(HERE / "RESULTS.md"))
    parser.add_argument("--command", default=" ".join(shlex.quote(a) for a in sys.argv))
    args = parser.parse_args()
    targets = [Target(*spec.split("=", 1)) for spec in args.target]
    results = {}
    load_before = os.getloadavg()
    for target in targets:
        discover(target, args.products)
    # Page by page, each shop in turn, so a busy moment on the machine hits both alike.
    wanted = [p.strip() for p in args.pages.split(",") if p.strip()]
    unknown = set(wanted) - set(targets[0].pages)
    if unknown:
        raise SystemExit(f"unknown pages {sorted(unknown)}; pages: {list(targets[0].pages)}")
    for target in targets:
        if wanted:
            target.pages = {k: v for k, v in target.pages.items() if k in wanted}
    for label in targets[0].pages:
        for target in targets:
            page = target.pages.get(label)
            if page is None:
                continue
            queries = queries_of(page)
            print(f"[{target.name}] {label}: {queries} queries; {args.duration}s of load …",
                  flush=True)
            data = load(page, args.duration, args.connections, args.threads)
            data["queries"] = queries
            results[(target.name, label)] = data
    orders = {}
    for spec in args.order:
        name, path = spec.split("=", 1)
        orders[name] = json.loads(Path(path).read_text())
    args.load = (load_before, os.getloadavg())  # the machine is shared: say how busy it was
    table = render(targets, results, orders, args)
    print(table)
    with open(args.results, "a") as fh:
        fh.write(table + "\n")
    raw = HERE / "var" / f"results-{args.products}.json"
    raw.parent.mkdir(exist_ok=True)
    raw.write_text(json.dumps({f"{k[0]}|{k[1]}": v for k, v in results.items()}, indent=1))


def render(targets, results, orders, args):
    ours = targets[0]
    others = targets[1:]
    when = datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC")
    out = [
        f"\n### {args.products:,} generated products, {when}\n",
        f"`{args.command}`  ",
        f"wrk {args.threads} threads, {args.connections} connections, {args.duration} s per page, "
        "on loopback; queries from the X-Queries header of a warm request.  ",
        "Load averages (1, 5, 15 min) at the start: {} and at the end: {}.\n".format(
            *(", ".join(f"{x:.2f}" for x in avg) for avg in args.load)),
    ]
    head = ["page", f"{ours.name} req/s", "p50 ms", "p95 ms", "errors", "queries"]
    for other in others:
        head += [f"{other.name} req/s", "p50 ms", "p95 ms", "errors", "queries",
                 f"{ours.name}/{other.name}"]
    out.append("| " + " | ".join(head) + " |")
    out.append("|" + "---|" * len(head))
    for label in ours.pages:
        mine = results[(ours.name, label)]
        row = [label, f"{mine['rps']:.1f}", fmt_ms(mine["p50_us"]), fmt_ms(mine["p95_us"]),
               str(mine["errors"] + mine["non_2xx_3xx"]), str(mine["queries"])]
        for other in others:
            theirs = results.get((other.name, label))
            if theirs is None:
                row += ["–"] * 6
                continue
            ratio = mine["rps"] / theirs["rps"] if theirs["rps"] else float("inf")
            redirect = label in ("home", "checkout: shipping method") and (
                other.pages[label].get("status", 200) != 200)
            note = " (a redirect)" if redirect else ""
            row += [f"{theirs['rps']:.1f}{note}", fmt_ms(theirs["p50_us"]), fmt_ms(theirs["p95_us"]),
                    str(theirs["errors"] + theirs["non_2xx_3xx"]), str(theirs["queries"]),
                    f"{ratio:.1f}×"]
        out.append("| " + " | ".join(row) + " |")
    if orders:
        out.append("")
        out.append("500-line order, placed in-process through each shop's order placement "
                   "(bench/order500.py; ours: commerce.checkout.services.place_order, "
                   "plain Oscar: OrderCreator.place_order), rolled back afterwards:\n")
        out.append("| shop | lines | seconds | queries | queries per line |")
        out.append("|---|---|---|---|---|")
        for name, data in orders.items():
            out.append(f"| {name} | {data['lines']} | {data['seconds']:.2f} | {data['queries']} | "
                       f"{data['queries'] / data['lines']:.2f} |")
    return "\n".join(out)


if __name__ == "__main__":
    main()
