"""Writes the Oscar order of a company's bulk order: ``write_order``, called by
``ordering.place_bulk_order`` inside its transaction (the order's errors, InsufficientStock
among them, reach the caller as they are and roll the whole placing back).

Unlike a shopper's order it has no basket: the lines are the accepted quote's, at the quoted
prices. Stock on hand is allocated with the same conditional UPDATE as the checkout
(``StockRecord.allocate_or_fail``, in stock-record order, rows locked first so the pieces
counted are the pieces taken); pieces beyond the stock are left to production batches. Lines
and prices are bulk inserts: the query count grows with the number of products, never with the
number of recipients.

Money: the lines and delivery at the prices agreed (GST included), so they add up to the
order total, which is the tax invoice's total (its lines' values plus its round-off); the
amounts before tax are the invoice's taxable values (a line's tax in Oscar therefore holds the
paisa of round-off, if any, that the invoice states on its own row).
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.sites.models import Site
from django.db.models import Case, F, IntegerField, Value, When
from django.db.models.functions import Coalesce
from django.utils import timezone
from oscar.apps.order.signals import order_placed
from oscar.core.loading import get_class, get_model

from catalogue.money import rupees

from .pricing import quote_totals

Order = get_model("order", "Order")
Line = get_model("order", "Line")
LinePrice = get_model("order", "LinePrice")
ShippingAddress = get_model("order", "ShippingAddress")
BillingAddress = get_model("order", "BillingAddress")
Country = get_model("address", "Country")
StockRecord = get_model("partner", "StockRecord")
InsufficientStock = get_class("partner.models", "InsufficientStock")


def _split_name(name: str) -> tuple[str, str]:
    first, _sep, last = (name or "").strip().partition(" ")
    return first[:255], last[:255]


def write_order(*, quote, user, number: str, recipient=None):
    """The Oscar order for an accepted quote, inside the caller's transaction: shipped to
    ``recipient`` (one delivery address) or, with None, to many recipients (a parcel each);
    billed to the quote's company. Each line's ``num_allocated`` holds the pieces taken from
    stock; the rest are made in production batches."""
    shipping = _shipping_fields(recipient) if recipient is not None else None
    billing = _billing_fields(quote.request.company)
    india = Country.objects.get(pk="IN")
    lines = list(quote.lines.all())
    money = quote_totals(quote)
    totals, invoiced = money["totals"], money["lines"]  # the invoice's lines, delivery last
    records = _stock_records(lines)
    allocated = _allocate(lines, records)
    shipping_address = None
    if shipping:
        first, last = _split_name(shipping["name"])
        shipping_address = ShippingAddress.objects.create(
            first_name=first, last_name=last, line1=shipping["line1"], line2=shipping["line2"],
            line4=shipping["city"], state=shipping["state"], postcode=shipping["postcode"],
            phone_number=shipping["phone"], country=india,
        )
    billing_address = BillingAddress.objects.create(
        first_name=billing["name"][:255], line1=(billing["address"] or "-")[:255],
        country=india,
    )
    delivery = quote.delivery_paise
    order = Order.objects.create(
        number=number, site=Site.objects.get_current(), user=user, currency="INR",
        billing_address=billing_address, shipping_address=shipping_address,
        total_incl_tax=rupees(totals.total), total_excl_tax=rupees(totals.taxable),
        shipping_incl_tax=rupees(invoiced[-1].price_paise if delivery else 0),
        shipping_excl_tax=rupees(invoiced[-1].taxable_paise if delivery else 0),
        shipping_method="Bulk delivery" + (" to many recipients" if not shipping else ""),
        shipping_code="bulk", status=settings.OSCAR_INITIAL_ORDER_STATUS,
        date_placed=timezone.now(),
    )
    order_lines, prices = [], []
    status = getattr(settings, "OSCAR_INITIAL_LINE_STATUS", "")
    for x, billed in zip(lines, invoiced, strict=False):
        record = records.get(x.product_id)
        unit = rupees(x.unit_paise)
        # per piece, half up: the invoice taxes the line, not the piece
        unit_excl = rupees((2 * billed.taxable_paise + x.quantity) // (2 * x.quantity))
        line = Line(
            order=order, partner_id=record.partner_id if record else None,
            partner_name=record.partner.name if record else "",
            partner_sku=record.partner_sku if record else "", stockrecord=record,
            product_id=x.product_id, title=x.title, upc=None, quantity=x.quantity,
            line_price_incl_tax=rupees(billed.price_paise),
            line_price_excl_tax=rupees(billed.taxable_paise),
            line_price_before_discounts_incl_tax=rupees(billed.price_paise),
            line_price_before_discounts_excl_tax=rupees(billed.taxable_paise),
            unit_price_incl_tax=unit, unit_price_excl_tax=unit_excl,
            num_allocated=allocated.get(x.product_id, 0), status=status,
        )
        order_lines.append(line)
    Line.objects.bulk_create(order_lines)
    for line in order_lines:
        prices.append(LinePrice(order=order, line=line, quantity=line.quantity,
                                price_incl_tax=line.unit_price_incl_tax,
                                price_excl_tax=line.unit_price_excl_tax))
    LinePrice.objects.bulk_create(prices)
    order_placed.send(sender=write_order, order=order, user=user)
    return order


def _shipping_fields(r) -> dict:
    return {"name": r.name, "line1": r.address_line1, "line2": r.address_line2, "city": r.city,
            "state": r.state, "postcode": r.pin_code, "phone": r.phone}


def _billing_fields(company) -> dict:
    """The company's billing address as an address's fields (issue 7's Company)."""
    return {"name": company.name, "address": company.billing_address,
            "state": company.billing_state, "postcode": company.billing_pin_code,
            "gstin": company.gstin}


def _stock_records(lines) -> dict:
    """The stock record each line is taken from (the one with most free pieces), its row
    locked until the order commits so that the pieces counted are the pieces taken."""
    best = {}
    for record in StockRecord.objects.select_for_update().filter(
        product_id__in=[x.product_id for x in lines]
    ).select_related("partner").order_by("pk"):
        free = (record.num_in_stock or 0) - (record.num_allocated or 0)
        if record.product_id not in best or free > best[record.product_id][0]:
            best[record.product_id] = (free, record)
    return {pid: record for pid, (_free, record) in best.items()}


def _allocate(lines, records) -> dict[int, int]:
    """Allocate what the chosen stock record holds for each line; the rest is made in
    production batches. One conditional UPDATE for all the records (a 500-line order would
    otherwise cost 500): each row is taken only while its stock still covers it, and the row
    count must be every row, else nothing is allocated (InsufficientStock rolls the order
    back). The rows are already locked by ``_stock_records``; the CHECK constraint backs it."""
    takes = {}
    for x in lines:
        record = records.get(x.product_id)
        if record is None:
            continue
        take = min(x.quantity, max(0, (record.num_in_stock or 0) - (record.num_allocated or 0)))
        if take > 0:
            takes[record.pk] = (x.product_id, take)
    if not takes:
        return {}
    amount = Case(*[When(pk=pk, then=Value(take)) for pk, (_pid, take) in takes.items()],
                  output_field=IntegerField())
    allocated = Coalesce(F("num_allocated"), 0)
    updated = StockRecord.objects.filter(
        pk__in=list(takes), num_in_stock__gte=allocated + amount,
    ).update(num_allocated=allocated + amount)
    if updated != len(takes):
        raise InsufficientStock(list(takes))
    return {pid: take for pid, take in takes.values()}
