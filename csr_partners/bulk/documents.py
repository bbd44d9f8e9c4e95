"""Documents a buyer receives: the GST tax invoice or credit note and the quote (PDF,
WeasyPrint, as payouts/documents.py), and the shipment status CSV (every cell made safe)."""

from __future__ import annotations

import csv
import io

from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from catalogue.money import rupees
from payouts.tax import amount_in_words

from . import services
from .recipients import csv_safe


def invoice_pdf(invoice) -> bytes:
    from weasyprint import HTML

    lines = list(invoice.lines.all())
    html = render_to_string("csr_partners/bulk/invoice_pdf.html", {
        "invoice": invoice, "lines": lines, "supplier": invoice.supplier,
        "words": amount_in_words(invoice.total_paise),
        "tax_words": amount_in_words(invoice.cgst_paise + invoice.sgst_paise
                                     + invoice.igst_paise),
        "is_credit": invoice.kind == invoice.CREDIT_NOTE,
    })
    return HTML(string=html).write_pdf()


def quote_pdf(quote) -> bytes:
    from weasyprint import HTML

    html = render_to_string("csr_partners/bulk/quote_pdf.html", {
        "quote": quote, "request": quote.request, **services.quote_totals(quote),
        "adjustments": list(quote.adjustments.all()),
    })
    return HTML(string=html).write_pdf()


SHIPMENT_COLUMNS = ["row", "recipient", "city", "state", "pin_code", "pieces", "status",
                    "carrier", "carrier_reference", "dispatched_at", "delivered_at"]


def shipments_csv(bulk_order) -> str:
    """The buyer's own recipients and where each parcel is (no phone numbers: not needed to
    follow a parcel, and a CSV travels)."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(SHIPMENT_COLUMNS)
    for s in bulk_order.shipments.select_related("recipient").order_by("recipient__row"):
        r = s.recipient
        writer.writerow([csv_safe(v) for v in (
            r.row, r.name, r.city, r.state, r.pin_code, s.pieces, s.get_status_display(),
            s.carrier, s.carrier_reference,
            s.dispatched_at.date().isoformat() if s.dispatched_at else "",
            s.delivered_at.date().isoformat() if s.delivered_at else "",
        )])
    return out.getvalue()


def inr(paise: int) -> str:
    """INR with Indian digit grouping (1,23,456.78), for documents."""
    from babel.numbers import format_decimal

    return format_decimal(rupees(paise), format="#,##,##0.00", locale="en_IN")


__all__ = ["invoice_pdf", "quote_pdf", "shipments_csv", "inr", "_"]
