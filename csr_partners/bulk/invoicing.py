"""The arithmetic of a GST tax invoice, in integer paise (pure Python).

Bulk prices, like the shop's, include GST. Each line's tax is the tax inside one unit's price
by the one split function (``payouts.splitting.split``), times the quantity: exactly what the
ledger posts for the same line, so invoice and ledger agree to the paisa. The tax is then put
under CGST + SGST when the place of supply (the bill-to state) is the supplier's state, and
IGST otherwise (``payouts.splitting.gst_heads``).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from payouts.splitting import gst_heads, split


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
    def unit_taxable_paise(self) -> int:
        return self.taxable_paise // self.quantity if self.quantity else 0


@dataclass(frozen=True)
class Totals:
    taxable: int
    cgst: int
    sgst: int
    igst: int
    total: int

    @property
    def tax(self) -> int:
        return self.cgst + self.sgst + self.igst


def unit_gst(unit_paise: int, rate: Decimal) -> int:
    """The GST inside one unit's price, as the ledger posts it."""
    return split(unit_paise, rate, 0, 0).gst


def invoice_lines(lines: list[LineIn], *, intra_state: bool) -> tuple[list[LineOut], Totals]:
    out = []
    for line in lines:
        total = line.unit_paise * line.quantity
        gst = unit_gst(line.unit_paise, line.gst_rate) * line.quantity
        heads = gst_heads(gst, intra_state=intra_state)
        out.append(LineOut(
            description=line.description, hsn_code=line.hsn_code, quantity=line.quantity,
            unit_paise=line.unit_paise, gst_rate=line.gst_rate, taxable_paise=total - gst,
            cgst_paise=heads.cgst, sgst_paise=heads.sgst, igst_paise=heads.igst,
            total_paise=total, order_line_id=line.order_line_id,
        ))
    totals = Totals(
        taxable=sum(x.taxable_paise for x in out), cgst=sum(x.cgst_paise for x in out),
        sgst=sum(x.sgst_paise for x in out), igst=sum(x.igst_paise for x in out),
        total=sum(x.total_paise for x in out),
    )
    return out, totals
