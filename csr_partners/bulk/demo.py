"""Bulk-order demo data (called by storefront's load_demo; idempotent, never in production).

* HSN code 4202 (bags, pouches) on the bag classes and its dated GST rate;
* price tiers on the block-print tote; Acme may pay on net terms;
* a quote sent to Acme, waiting for its PO number (the csr-buyer login accepts it);
* with ``placed`` (``load_demo --with-bulk-order``, which ``make demo`` uses): a placed bulk
  order for Acme of a made-to-order gift tote (no shop stock is touched), twelve recipients,
  its tax invoice, and parcels packed, dispatched and delivered. The tests' demo data leaves
  it out: many tests count on a demo without orders.

No email is sent while it loads.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.utils import timezone
from oscar.core.loading import get_model

from artisans import services as artisan_services
from payouts.models import GstRate

from ..models import Company
from ..models.bulk import BulkOrder, PriceTier, QuoteRequest, Shipment
from . import ordering, parcels, quoting, recipient_lists, shipments, signals

Product = get_model("catalogue", "Product")
ProductClass = get_model("catalogue", "ProductClass")
StockRecord = get_model("partner", "StockRecord")

QUOTE_NOTE = "Demo: gifts for Acme's Women's Day"
ORDER_PO = "ACME/PO/DEMO-1"
GIFT_UPC = "HAAT-BULK-GIFT-01"
OFFICES = [
    ("21 Marine Drive, 5th floor", "Mumbai", "Maharashtra", "400002"),
    ("Prestige Tower, MG Road", "Bengaluru", "Karnataka", "560001"),
    ("DLF Cyber City, Tower B", "Gurugram", "Haryana", "122002"),
    ("Salt Lake Sector V, Block EP", "Kolkata", "West Bengal", "700091"),
]


def load(*, shelter, admin, buyer, placed=False) -> None:
    # 4202 22: bags with an outer surface of textile materials (invoices print 6 digits).
    for name in ("Tote bag", "Pouch", "One-off kantha tote"):
        ProductClass.objects.filter(name=name, hsn_code__in=["", "4202"]).update(
            hsn_code="420222")
    GstRate.objects.get_or_create(
        hsn_code="4202", valid_from=datetime.date(2017, 7, 1),
        defaults={"rate": Decimal("0.05"), "note": "Demo rate: check the notification in force"})
    company = Company.objects.get(name="Acme")
    Company.objects.filter(pk=company.pk).update(allows_net_terms=True)
    company.refresh_from_db()
    tote = Product.objects.filter(upc="HAAT-TOTE-02").first()
    pouch = Product.objects.filter(upc="HAAT-POUCH-01").first()
    if tote is not None:
        for quantity, paise in ((50, 64_800), (200, 61_200)):
            PriceTier.objects.get_or_create(product=tote, min_quantity=quantity,
                                            defaults={"unit_paise": paise})
    with signals.without_emails():
        if tote and pouch and not QuoteRequest.objects.filter(notes=QUOTE_NOTE).exists():
            quote = quoting.request_quote(
                user=buyer, company=company, lines=[(tote, 120), (pouch, 120)],
                delivery=QuoteRequest.MANY, notes=QUOTE_NOTE,
                wanted_by=timezone.localdate() + datetime.timedelta(days=45))
            quoting.send_quote(user=admin, quote=quote)
        if placed and not BulkOrder.objects.filter(quote__po_number=ORDER_PO).exists():
            _placed_order(company=company, shelter=shelter, admin=admin, buyer=buyer)


def _placed_order(*, company, shelter, admin, buyer):
    gift = Product.objects.filter(upc=GIFT_UPC).first()
    if gift is None:
        # Made to order for companies only: not listed in the shop, no stock to take.
        gift = Product.objects.create(
            upc=GIFT_UPC, title="Women's Day gift tote (corporate)", structure="standalone",
            product_class=ProductClass.objects.get(name="Tote bag"), is_public=False)
        StockRecord.objects.create(product=gift, partner=shelter.partner, partner_sku=GIFT_UPC,
                                   price=Decimal("600.00"), num_in_stock=0)
        maker = shelter.artisans.order_by("pseudonym").first()
        if maker is not None:
            artisan_services.link_maker(product=gift, artisan=maker)
    quote = quoting.request_quote(
        user=buyer, company=company, lines=[(gift, 24)], delivery=QuoteRequest.MANY,
        notes="Demo: a placed order", wanted_by=timezone.localdate() + datetime.timedelta(days=40))
    quoting.send_quote(user=admin, quote=quote)
    quoting.accept_quote(user=buyer, quote=quote, po_number=ORDER_PO, payment="net30")
    rows = []
    for i in range(12):
        line1, city, state, pin = OFFICES[i % len(OFFICES)]
        rows.append({"row": i + 2, "name": f"Acme colleague {i + 1}", "address_line1": line1,
                     "address_line2": "", "city": city, "state": state, "pin_code": pin,
                     "phone": f"+9198200000{i:02d}", "gift_message": "Happy Women's Day!"})
    recipient_lists.save_recipients(quote, rows)
    bulk = ordering.place_bulk_order(user=buyer, quote=quote)
    ids = list(bulk.shipments.order_by("recipient__row").values_list("pk", flat=True))
    # The workshop has finished the first 12 pieces (made to order: none were in stock), so the
    # first four parcels may leave; the rest are still being made.
    parcels.record_pieces_made(user=admin, bulk_order=bulk, pieces=12)
    shipments.update_shipments(user=admin, bulk_order=bulk, shipment_ids=ids[:6],
                               status=Shipment.PACKED)
    shipments.dispatch_parcels(user=admin, bulk_order=bulk, carrier="India Post", references=[
        (row, f"EK{700000 + row}IN") for row in range(2, 6)])
    delivered = bulk.shipments.filter(recipient__row__in=[2, 3]).values_list("pk", flat=True)
    shipments.update_shipments(user=admin, bulk_order=bulk, shipment_ids=delivered,
                               status=Shipment.DELIVERED)


def demo_users():
    User = get_user_model()  # noqa: N806
    return User.objects.get(username="admin"), User.objects.get(username="csr-buyer")
