"""The prices of a quote: the shop's unit prices and free stock, the price tiers a company's
quantity earns, and the quote's money the way its tax invoice will show it (every amount
through ``invoicing.invoice_lines``). Reads only."""

from __future__ import annotations

from collections import defaultdict

from oscar.core.loading import get_model

from catalogue.money import to_paise

from ..models.bulk import PriceTier, Quote
from . import conf, invoice_rules
from .invoicing import LineIn, invoice_lines

StockRecord = get_model("partner", "StockRecord")


def stock_and_price(product_ids) -> tuple[dict[int, int], dict[int, int]]:
    """{product id: pieces free in stock}, {product id: the shop's unit price in paise}."""
    stock, price = defaultdict(int), {}
    for pid, in_stock, allocated, unit in StockRecord.objects.filter(
        product_id__in=list(product_ids)
    ).values_list("product_id", "num_in_stock", "num_allocated", "price").order_by("pk"):
        stock[pid] += max(0, (in_stock or 0) - (allocated or 0))
        if unit is not None and pid not in price:
            price[pid] = to_paise(unit)
    return stock, price


def tier_price(tiers: list[PriceTier], quantity: int, list_paise: int) -> int:
    best = list_paise
    for tier in tiers:
        if quantity >= tier.min_quantity:
            best = min(best, tier.unit_paise)
    return best


def quote_totals(quote: Quote) -> dict:
    """The quote's money, the way its invoice will show it."""
    lines = list(quote.lines.all())
    intra = quote.request.bill_to_state == conf.supplier()["state"]
    ins = [LineIn(x.title, x.hsn_code, x.quantity, x.unit_paise, x.gst_rate or 0) for x in lines]
    if quote.delivery_paise:
        ins.append(invoice_rules.delivery_line(quote.delivery_paise))
    out, totals = invoice_lines(ins, intra_state=intra)
    return {"lines": out, "totals": totals, "intra_state": intra,
            "pieces": sum(x.quantity for x in lines)}
