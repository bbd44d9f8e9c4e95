"""The arithmetic of a GST tax invoice or credit note, in integer paise (pure Python).

The rule, once. Bulk prices, like the shop's, include GST: a line's price is its quantity times
the GST-inclusive unit price. The invoice states each line's **taxable value** and the tax on
it, so the tax is computed per line on the line's taxable value, rounded once, half up, to the
paisa (``payouts.splitting.taxable_value``): never one unit's tax times the quantity, which
multiplies a unit's rounding error by the quantity (300 totes showed IGST 10,935.00 on a taxable
value whose 5% is 10,935.71). The taxable value is the largest whole-paisa amount that, with its
tax, does not pass the line price; so the line's value is the price quoted, or one paisa less
when no whole-paisa taxable value reaches it. The invoice then states a **Round off** (the
total agreed, the sum of the line prices, less the sum of the line values; never negative, at
most a paisa a line: ``payouts.splitting.round_off``), so its total is exactly the price quoted
and ordered. Within the supplier's state the tax is halved
between CGST and SGST, each at half the rate, the odd paisa to CGST
(``payouts.splitting.gst_heads``, the one place that rule lives); across states it is all IGST.

The ledger posts the same figures: ``payouts.invoices`` splits each line with
``payouts.splitting.split_line``, whose GST is this ``taxable_value``, so invoice PDF, e-invoice
JSON and ledger agree to the paisa.

Delivery is a service with its own SAC code (chapter 99) and rate; goods carry their HSN code
at the number of digits the supplier must print (``hsn_at``).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from payouts.splitting import gst_heads, round_off, taxable_value

SERVICE_CHAPTER = "99"  # SAC codes (services) are HSN chapter 99


class HsnTooShort(ValueError):
    """A goods line's HSN code has fewer digits than the invoice must print."""


@dataclass(frozen=True)
class LineIn:
    description: str
    hsn_code: str
    quantity: int
    unit_paise: int  # GST included
    gst_rate: Decimal
    order_line_id: int | None = None


@dataclass(frozen=True)
class LineOut:
    description: str
    hsn_code: str
    quantity: int
    unit_paise: int
    gst_rate: Decimal
    taxable_paise: int
    cgst_paise: int
    sgst_paise: int
    igst_paise: int
    total_paise: int
    order_line_id: int | None = None

    @property
    def tax_paise(self) -> int:
        return self.cgst_paise + self.sgst_paise + self.igst_paise

    @property
    def price_paise(self) -> int:
        """The line's price as agreed (quantity x unit price, GST included)."""
        return self.unit_paise * self.quantity

    @property
    def is_service(self) -> bool:
        return is_service(self.hsn_code)


@dataclass(frozen=True)
class Totals:
    taxable: int
    cgst: int
    sgst: int
    igst: int
    round_off: int
    total: int  # the total agreed: taxable + tax + round_off

    @property
    def tax(self) -> int:
        return self.cgst + self.sgst + self.igst


def is_service(code: str) -> bool:
    return (code or "").startswith(SERVICE_CHAPTER)


def head_rate(gst_rate, *, intra_state: bool) -> Decimal:
    """The rate a head prints: half the GST rate for each of CGST and SGST, all of it for IGST."""
    rate = Decimal(gst_rate)
    return rate / 2 if intra_state else rate


def hsn_at(code: str, digits: int | None) -> str:
    """A goods code at the digits the supplier prints (6, or 8 for the largest sellers): longer
    codes are cut to their heading, shorter ones refused. SAC codes (services) are kept."""
    code = (code or "").strip()
    if digits is None or is_service(code):
        return code
    if len(code) < digits:
        raise HsnTooShort(code)
    return code[:digits]


def invoice_line(line: LineIn, *, intra_state: bool) -> LineOut:
    value = taxable_value(line.unit_paise * line.quantity, line.gst_rate)
    heads = gst_heads(value.gst, intra_state=intra_state)
    return LineOut(
        description=line.description, hsn_code=line.hsn_code, quantity=line.quantity,
        unit_paise=line.unit_paise, gst_rate=line.gst_rate, taxable_paise=value.taxable,
        cgst_paise=heads.cgst, sgst_paise=heads.sgst, igst_paise=heads.igst,
        total_paise=value.total, order_line_id=line.order_line_id,
    )


def invoice_lines(lines: list[LineIn], *, intra_state: bool) -> tuple[list[LineOut], Totals]:
    out = [invoice_line(line, intra_state=intra_state) for line in lines]
    totals = Totals(
        taxable=sum(x.taxable_paise for x in out), cgst=sum(x.cgst_paise for x in out),
        sgst=sum(x.sgst_paise for x in out), igst=sum(x.igst_paise for x in out),
        round_off=round_off([x.price_paise for x in out], [x.total_paise for x in out]),
        total=sum(x.price_paise for x in out),
    )
    return out, totals
