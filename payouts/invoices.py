"""Ledger postings of bulk orders invoiced to companies (for csr_partners, above payouts).

A tax invoice raises the company's trade receivable and credits each line's split (GST,
maker's share, training fund, platform): ``splitting.split_line``, whose GST is the tax the
invoice prints for the line (on the line's taxable value, rounded once) and whose other parts
share the taxable value exactly as a card sale's ``split`` shares a net price. The invoice's
round-off (``splitting.round_off``: what takes the lines' values to the total agreed, a paisa
at most per line) is the shop's: sales revenue, never GST or a maker's share; so the
receivable is the invoice's total and the journal balances. The company's bank transfer (or
card payment) moves the receivable to the bank; a credit note posts the exact reverse of the
credited lines and its own round-off.
Keys: ``invoice:<number>``, ``invpay:<id>``, ``credit:<number>``.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from artisans import selectors as artisan_selectors

from . import ledger
from .models import Account, Journal
from .services import _unit_credits, split_setting_at
from .splitting import round_off, split_line

__all__ = ["post_invoice_issued", "post_invoice_payment", "post_credit_note",
           "trade_receivable_code"]


def trade_receivable_code(company_key: str) -> str:
    """What a company owes for goods invoiced (not its CSR pledges: a separate account)."""
    return f"trade-receivable:{company_key}"


def _receivable(company_key: str) -> str:
    code = trade_receivable_code(company_key)
    Account.objects.get_or_create(code=code, defaults={
        "name": f"Trade receivable ({company_key})", "kind": Account.ASSET,
        "owner_key": company_key,
    })
    return code


def _line_entries(lines, sign: int) -> tuple[list[tuple[str, int]], int]:
    """Credits (sign -1) or debits (sign +1) of each line's split and of the round-off, and the
    invoice's total (the price agreed). ``lines``: [(product id or None, quantity, unit paise
    incl. GST, GST rate)]."""
    setting = split_setting_at()
    makers = artisan_selectors.maker_ids_by_product({p for p, *_rest in lines if p})
    entries, prices, values = [], [], []
    for product_id, quantity, unit, rate in lines:
        if product_id is None:  # delivery: its GST, the rest to the shop's revenue
            parts = split_line(unit * quantity, rate, 0, 0)
            entries += [(ledger.GST_PAYABLE, sign * parts.gst),
                        (ledger.SALES_REVENUE, sign * parts.platform)]
        else:
            parts = split_line(unit * quantity, rate, setting.maker_share, setting.fund_share)
            entries += [(code, -sign * amount)
                        for code, amount in _unit_credits(parts, makers.get(product_id))]
        prices.append(unit * quantity)
        values.append(parts.total)
    rounded = round_off(prices, values)
    if rounded:
        entries.append((ledger.SALES_REVENUE, sign * rounded))
    return entries, sum(prices)


def post_invoice_issued(*, number: str, company_key: str, lines) -> Journal:
    entries, total = _line_entries(lines, -1)
    with transaction.atomic():
        return ledger.post(
            f"invoice:{number}", f"Tax invoice {number}",
            [(_receivable(company_key), total), *entries],
            event=Journal.INVOICE, reference=number,
        )


def post_credit_note(*, number: str, invoice_number: str, company_key: str, lines) -> Journal:
    entries, total = _line_entries(lines, 1)
    with transaction.atomic():
        return ledger.post(
            f"credit:{number}", f"Credit note {number} against {invoice_number}",
            [(_receivable(company_key), -total), *entries],
            event=Journal.CREDIT_NOTE, reference=invoice_number,
        )


def post_invoice_payment(*, payment_key: str, invoice_number: str, company_key: str,
                         amount_paise: int, user=None, via: str = ledger.BANK) -> Journal:
    """The company paid (bank transfer, or card: ``via=ledger.STRIPE_CLEARING``)."""
    if isinstance(amount_paise, bool) or not isinstance(amount_paise, int) or amount_paise <= 0:
        raise ValidationError(_("A payment must be a positive amount."))
    with transaction.atomic():
        return ledger.post(
            payment_key, f"Payment of invoice {invoice_number}",
            [(via, amount_paise), (_receivable(company_key), -amount_paise)],
            event=Journal.INVOICE_PAID, reference=invoice_number, user=user,
        )
