"""Bulk orders (issue 8) on PostgreSQL: place a 500-line order and a 500-recipient order, and
check a 1,000-row recipients file; print the time and the number of queries of each, and
append them to bench/RESULTS.md. Each order is rolled back, so the database stays as it was.

    make bench-bulk      # database haat_bench_bulk, made and migrated on first use

The service calls are the ones the buyer's "Place the order" button makes
(``csr_partners.bulk.ordering.place_bulk_order``: the Oscar order written by
``csr_partners.bulk.oscar_order``, stock allocated, one shipment per recipient, the tax invoice
and its ledger posting).
"""

import datetime
import os
import subprocess
import sys
import time
from decimal import Decimal
from pathlib import Path

import django

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.contrib.auth.models import Group  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402
from oscar.core.loading import get_model  # noqa: E402

from artisans import services as artisan_services  # noqa: E402
from csr_partners.bulk import ordering, quoting, recipient_lists  # noqa: E402
from csr_partners.bulk.recipients import check_recipients  # noqa: E402
from csr_partners.models import Company  # noqa: E402
from payouts.models import GstRate  # noqa: E402

Product = get_model("catalogue", "Product")
ProductClass = get_model("catalogue", "ProductClass")
StockRecord = get_model("partner", "StockRecord")
RESULTS = Path(__file__).resolve().parent / "RESULTS.md"
CITIES = [("Bengaluru", "Karnataka", "5600{:02d}"), ("Kolkata", "West Bengal", "7000{:02d}"),
          ("Mumbai", "Maharashtra", "4000{:02d}"), ("Delhi", "Delhi", "1100{:02d}")]


class Rollback(Exception):
    pass


def recipients_csv(n):
    rows = ["name,address_line1,address_line2,city,state,pin_code,phone,gift_message"]
    for i in range(n):
        city, state, pin = CITIES[i % len(CITIES)]
        rows.append(f"Employee {i},{i + 1} Office Road,Floor {i % 9},{city},{state},"
                    f"{pin.format(i % 90 + 1)},98{i:08d},Happy Women's Day!")
    return "\n".join(rows) + "\n"


def fixtures():
    """500 bench products of a class with an HSN code and a rate; a company and its buyer."""
    pclass, _ = ProductClass.objects.get_or_create(
        name="Bench bulk bags", defaults={"hsn_code": "4202", "track_stock": True})
    GstRate.objects.get_or_create(hsn_code="4202", valid_from=datetime.date(2017, 7, 1),
                                  defaults={"rate": Decimal("0.05")})
    shelter = artisan_services.register_shelter(public_label="Bench bulk shelter",
                                                weekly_capacity=500)
    have = Product.objects.filter(upc__startswith="BULKBENCH-").count()
    for i in range(have, 500):
        product = Product.objects.create(product_class=pclass, title=f"Bench tote {i}",
                                         upc=f"BULKBENCH-{i:03d}", structure="standalone")
        StockRecord.objects.create(product=product, partner=shelter.partner,
                                   partner_sku=f"BULKBENCH-{i:03d}", price=Decimal("450.00"),
                                   num_in_stock=10_000)
    products = list(Product.objects.filter(upc__startswith="BULKBENCH-").order_by("upc"))
    company = Company.objects.filter(name="Bench Bulk Co").first()
    if company is None:
        company = Company(name="Bench Bulk Co", gstin="29AABCB9999B1Z7",
                          billing_address="1 Bench Road, Bengaluru", billing_state="Karnataka",
                          billing_pin_code="560001", email_domains="bench-bulk.example",
                          allows_net_terms=True)
        company.save()
    buyer, _ = get_user_model().objects.get_or_create(
        username="bench-bulk-buyer", defaults={"email": "buyer@bench-bulk.example"})
    buyer.groups.add(company.contacts_group)
    sales, _ = get_user_model().objects.get_or_create(
        username="bench-bulk-sales",
        defaults={"email": "sales@bench.example", "is_staff": True, "is_superuser": True})
    sales.groups.add(*Group.objects.filter(name="Admin"))
    return products, company, buyer, sales


def accepted(company, buyer, sales, lines, delivery):
    quote = quoting.request_quote(
        user=buyer, company=company, lines=lines, delivery=delivery,
        wanted_by=timezone.localdate() + datetime.timedelta(days=90))
    quoting.send_quote(user=sales, quote=quote)
    quoting.accept_quote(user=buyer, quote=quote, po_number="BENCH", payment="net30")
    return quote


def place(quote, buyer):
    with CaptureQueriesContext(connection) as queries:
        start = time.perf_counter()
        bulk = ordering.place_bulk_order(user=buyer, quote=quote)
        seconds = time.perf_counter() - start
    return {"seconds": round(seconds, 3), "queries": len(queries),
            "lines": bulk.order.lines.count(), "shipments": bulk.shipments.count()}


def main():
    if not settings.IS_POSTGRES:
        sys.exit("bench/bulk_order.py runs on PostgreSQL (DATABASE_URL)")
    results = {}
    products, company, buyer, sales = fixtures()
    for name, lines, recipients, delivery in (
        ("500-line order, one address", [(p, 1) for p in products], 1, "one"),
        ("500-recipient order, one product", [(products[0], 500)], 500, "many"),
    ):
        try:
            with transaction.atomic():
                quote = accepted(company, buyer, sales, lines, delivery)
                checked = check_recipients(recipients_csv(recipients), pieces=sum(
                    q for _p, q in lines))
                assert checked.ok, checked.faults[:3]
                recipient_lists.save_recipients(quote, checked.rows)
                results[name] = place(quote, buyer)
                raise Rollback
        except Rollback:
            pass
    data = recipients_csv(1000)
    with CaptureQueriesContext(connection) as queries:
        start = time.perf_counter()
        checked = check_recipients(data, pieces=1000)
        seconds = time.perf_counter() - start
    assert checked.ok
    results["1,000-row recipients file checked"] = {
        "seconds": round(seconds, 3), "queries": len(queries), "rows": len(checked.rows)}
    try:
        with transaction.atomic():
            quote = accepted(company, buyer, sales, [(products[1], 1000)], "many")
            with CaptureQueriesContext(connection) as queries:
                start = time.perf_counter()
                recipient_lists.save_recipients(quote, check_recipients(data, pieces=1000).rows)
                seconds = time.perf_counter() - start
            results["1,000-row file checked and saved"] = {
                "seconds": round(seconds, 3), "queries": len(queries)}
            raise Rollback
    except Rollback:
        pass
    report(results)


def report(results):
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True,
                            text=True).stdout.strip()
    lines = [
        "", f"## Bulk orders (issue 8), {datetime.datetime.now(datetime.UTC):%Y-%m-%d}, commit {commit}", "",
        "`make bench-bulk` (bench/bulk_order.py; PostgreSQL database haat_bench_bulk, in-process, "
        "each order rolled back). Targets: an order under 2 s, queries not growing per "
        "recipient; a 1,000-row file checked under 5 s.", "",
        "| what | seconds | queries | size |", "|---|---:|---:|---|",
    ]
    for name, r in results.items():
        size = ", ".join(f"{k} {v}" for k, v in r.items() if k not in ("seconds", "queries"))
        lines.append(f"| {name} | {r['seconds']} | {r['queries']} | {size} |")
    text = "\n".join(lines) + "\n"
    print(text)
    if os.environ.get("BENCH_NO_RESULTS") != "1":
        with RESULTS.open("a", encoding="utf-8") as fh:
            fh.write(text)


if __name__ == "__main__":
    main()
