"""A credit note for pieces of an issued tax invoice that will not be supplied: at the
invoice's own prices and rates, posted to the ledger as the invoice's reverse, and taken off
the parcels still to send (parcels.take_credited_pieces)."""

from __future__ import annotations

from collections import defaultdict

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from payouts import invoices as ledger_invoices
from payouts import tax

from ..models.bulk import TaxInvoice, TaxInvoiceLine
from . import roles
from .invoicing import LineIn, invoice_lines
from .ordering import invoice_line_rows
from .parcels import take_credited_pieces


def credit_cancelled_lines(*, user, invoice: TaxInvoice, quantities: dict[int, int],
                           reason: str, parcel_row: int | None = None) -> TaxInvoice:
    """A credit note for pieces of invoice lines that will not be supplied ({invoice line id:
    pieces}), at the invoice's own prices and rates; posted as the reverse; off the parcels."""
    roles.require_sales(user)
    reason = " ".join((reason or "").split())
    if not reason:
        raise ValidationError(_("Say why the lines are cancelled."))
    with transaction.atomic():
        invoice = TaxInvoice.objects.select_for_update().get(pk=invoice.pk,
                                                             kind=TaxInvoice.INVOICE)
        credited = defaultdict(int)
        for note in invoice.credit_notes.prefetch_related("lines"):
            for line in note.lines.all():
                credited[(line.order_line_id, line.description)] += line.quantity
        ins = []
        for line in invoice.lines.filter(pk__in=list(quantities)):
            qty = int(quantities[line.pk])
            left = line.quantity - credited[(line.order_line_id, line.description)]
            if qty <= 0 or qty > left:
                raise ValidationError(_("Only %(n)d of “%(t)s” can still be credited.")
                                      % {"n": left, "t": line.description})
            ins.append(LineIn(line.description, line.hsn_code, qty, line.unit_paise,
                              line.gst_rate, line.order_line_id))
        if not ins or len(ins) != len(quantities):
            raise ValidationError(_("Choose lines of this invoice to credit."))
        out, totals = invoice_lines(ins, intra_state=invoice.intra_state)
        issued_on = timezone.localdate()
        note = TaxInvoice.objects.create(
            bulk_order=invoice.bulk_order, kind=TaxInvoice.CREDIT_NOTE, against=invoice,
            number=tax.next_document_number(tax.CREDIT_NOTE_SERIES, issued_on),
            issued_on=issued_on, supplier=invoice.supplier, buyer_name=invoice.buyer_name,
            buyer_gstin=invoice.buyer_gstin, buyer_address=invoice.buyer_address,
            place_of_supply=invoice.place_of_supply, intra_state=invoice.intra_state,
            po_number=invoice.po_number, taxable_paise=totals.taxable, cgst_paise=totals.cgst,
            sgst_paise=totals.sgst, igst_paise=totals.igst, round_off_paise=totals.round_off,
            total_paise=totals.total, reason=reason, issued_by=user,
        )
        TaxInvoiceLine.objects.bulk_create(invoice_line_rows(note, out))
        take_credited_pieces(note=note, row=parcel_row)
        products = dict(invoice.bulk_order.order.lines.values_list("pk", "product_id"))
        ledger_invoices.post_credit_note(
            number=note.number, invoice_number=invoice.number,
            company_key=invoice.bulk_order.company.ledger_key,
            lines=[(products.get(x.order_line_id), x.quantity, x.unit_paise, x.gst_rate)
                   for x in out],
        )
    return note
