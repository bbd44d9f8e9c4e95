"""Documents a buyer receives: the GST tax invoice or credit note and the quote (PDF,
WeasyPrint, as payouts/documents.py), and the shipment status CSV (every cell made safe)."""

from __future__ import annotations

import csv
import io

from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from catalogue.money import rupees
from payouts.tax import amount_in_words

from . import invoice_parties, pricing
from .invoicing import head_rate, is_service
from .recipients import csv_safe


def invoice_pdf(invoice) -> bytes:
    from weasyprint import HTML

    return HTML(string=invoice_html(invoice)).write_pdf()


def invoice_html(invoice) -> str:
    """The tax invoice or credit note: each line's taxable value and tax as stored (computed
    once by ``invoicing``), each head at its own rate, bill-to apart from ship-to, and for net
    terms where to pay (bank account, IFSC, UPI id and a UPI QR code for the amount)."""
    lines = list(invoice.lines.all())
    for line in lines:
        line.head_rate = head_rate(line.gst_rate, intra_state=invoice.intra_state)
        line.is_service = is_service(line.hsn_code)
    is_credit = invoice.kind == invoice.CREDIT_NOTE
    net_terms = not is_credit and invoice.due_on and invoice.due_on != invoice.issued_on
    bill_to = invoice_parties.buyer(invoice)
    return render_to_string("csr_partners/bulk/invoice_pdf.html", {
        "invoice": invoice, "lines": lines, "supplier": invoice.supplier,
        "bill_to": bill_to, "ship_to": invoice_parties.ship_to(invoice),
        "pos_code": invoice_parties.state_code(invoice.place_of_supply),
        "words": amount_in_words(invoice.total_paise),
        "tax_words": amount_in_words(invoice.cgst_paise + invoice.sgst_paise
                                     + invoice.igst_paise),
        "is_credit": is_credit, "net_terms": net_terms,
        "upi_qr": _upi_qr(invoice) if net_terms and invoice.supplier.get("upi_id") else "",
    })


def _upi_qr(invoice) -> str:
    """A UPI payment QR code (any UPI app) for the invoice's amount, as an SVG data URI."""
    from urllib.parse import urlencode

    import segno

    s = invoice.supplier
    uri = "upi://pay?" + urlencode({
        "pa": s["upi_id"], "pn": s.get("legal_name", ""), "am": f"{rupees(invoice.total_paise)}",
        "cu": "INR", "tn": invoice.number})
    return segno.make(uri, error="m").svg_data_uri(scale=3)


def quote_pdf(quote) -> bytes:
    from weasyprint import HTML

    html = render_to_string("csr_partners/bulk/quote_pdf.html", {
        "quote": quote, "request": quote.request, **pricing.quote_totals(quote),
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


__all__ = ["invoice_pdf", "invoice_html", "quote_pdf", "shipments_csv", "inr", "_"]
