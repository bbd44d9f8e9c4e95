"""A bulk order from the accepted quote to the money, read top-down (the quote before it is
quoting.py's, its recipients recipient_lists.py's):

1. ``place_bulk_order``: the buyer places the accepted quote (recipients given). Inside one
   transaction: the Oscar order is written (``oscar_order.write_order``: stock allocated, the
   quote's lines at its prices), a shipment per recipient, and
2. ``issue_invoice``: the GST tax invoice, numbered and posted to the ledger (payouts.invoices).
   On commit the buyer is emailed and the company's tie-up pledges (announced:
   signals.bulk_event).
3. The invoice is paid: by bank transfer, recorded by finance (``record_bank_transfer``), or by
   card, on the buyer's pay page (card_payments.py holds the Stripe calls; ``open_card_payment``,
   ``card_intent_made``, ``card_failed``, ``record_card_payment`` its records). Paid in full,
   the order is PAID.

Bad input raises ValidationError (or PermissionDenied) before anything is written; any other
error (InsufficientStock from the Oscar order, say) propagates as it is and rolls the whole
step back. The ledger is payouts' (``payouts.invoices``). Every amount is computed by the split
function through ``invoicing.invoice_lines``. Credit notes are in credit_notes.py, parcels in
shipments.py.
"""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from catalogue.money import format_count, format_paise_figure
from payouts import invoices as ledger_invoices
from payouts import tax
from payouts.ledger import STRIPE_CLEARING

from ..models.bulk import (
    BulkOrder,
    CardPayment,
    InvoicePayment,
    Quote,
    QuoteRequest,
    Shipment,
    TaxInvoice,
    TaxInvoiceLine,
)
from . import conf, invoice_rules, oscar_order, roles
from .invoice_parties import billing_block
from .invoicing import LineIn, invoice_lines
from .selectors import amount_outstanding
from .signals import announce


# --- 1. The order ------------------------------------------------------------------------------
def place_bulk_order(*, user, quote: Quote) -> BulkOrder:
    """One Oscar order for the quote and one shipment per recipient; the tax invoice is issued
    at once (net terms: due in 30 days; card: paid on the next page). A fixed number of queries
    whatever the number of recipients (bulk inserts)."""
    with transaction.atomic():
        quote = Quote.objects.select_for_update().select_related("request__company").get(
            pk=quote.pk)
        company = quote.request.company
        roles.require_buyer(user, company)
        if quote.status == Quote.ORDERED:
            return quote.bulk_order
        if quote.status != Quote.ACCEPTED:
            raise ValidationError(_("Accept the quote with your PO number first."))
        recipients = list(quote.recipients.all())
        if not recipients:
            raise ValidationError(_("Add the recipients (a file or one address) first."))
        single = recipients[0] if quote.request.delivery == QuoteRequest.ONE else None
        order = oscar_order.write_order(quote=quote, user=user, number=f"B{quote.pk:06d}",
                                        recipient=single)
        # Pieces not taken from stock are made in production batches.
        to_make = sum(max(0, quantity - (allocated or 0)) for quantity, allocated
                      in order.lines.values_list("quantity", "num_allocated"))
        bulk = BulkOrder.objects.create(
            quote=quote, company=company, order=order, placed_by=user, pieces_to_make=to_make,
        )
        Shipment.objects.bulk_create(
            Shipment(bulk_order=bulk, recipient=r, pieces=r.pieces) for r in recipients
        )
        quote.status = Quote.ORDERED
        quote.save(update_fields=["status"])
        invoice = issue_invoice(bulk_order=bulk, user=user)
        announce("order_placed", bulk.pk)  # on commit: the tie-up's pledges, the buyer's email
        announce("invoice_issued", invoice.pk)
    return bulk


# --- 2. Its tax invoice ------------------------------------------------------------------------
def issue_invoice(*, bulk_order: BulkOrder, user=None) -> TaxInvoice:
    """The GST tax invoice of a placed bulk order (inside the caller's transaction, which also
    holds its number's lock: a failure returns the number). Posted to the ledger."""
    quote = bulk_order.quote
    request, company = quote.request, bulk_order.company
    order_lines = {line.product_id: line.pk for line in bulk_order.order.lines.all()}
    lines = list(quote.lines.all())
    issued_on = timezone.localdate()
    rates = tax.gst_rates_at([x.hsn_code for x in lines], issued_on)
    ins = []
    for x in lines:
        if x.hsn_code not in rates:
            raise ValidationError(_("No GST rate for HSN code %(h)s is in force today.")
                                  % {"h": x.hsn_code or "-"})
        ins.append(LineIn(x.title, invoice_rules.goods_hsn(x.hsn_code, x.title), x.quantity,
                          x.unit_paise, rates[x.hsn_code], order_lines.get(x.product_id)))
    if quote.delivery_paise:
        ins.append(invoice_rules.delivery_line(quote.delivery_paise, issued_on))
    supplier = conf.supplier()
    intra = request.bill_to_state == supplier["state"]
    out, totals = invoice_lines(ins, intra_state=intra)
    invoice = TaxInvoice.objects.create(
        bulk_order=bulk_order, kind=TaxInvoice.INVOICE,
        number=tax.next_document_number(tax.INVOICE_SERIES, issued_on),
        issued_on=issued_on,
        due_on=(issued_on + datetime.timedelta(days=conf.NET_TERMS_DAYS)
                if quote.payment == Quote.NET30 else issued_on),
        supplier=supplier, buyer_name=company.name, buyer_gstin=company.gstin,
        buyer_address=billing_block(company),
        place_of_supply=request.bill_to_state, intra_state=intra, po_number=quote.po_number,
        taxable_paise=totals.taxable, cgst_paise=totals.cgst, sgst_paise=totals.sgst,
        igst_paise=totals.igst, round_off_paise=totals.round_off, total_paise=totals.total,
        issued_by=user,
    )
    TaxInvoiceLine.objects.bulk_create(invoice_line_rows(invoice, out))
    ledger_invoices.post_invoice_issued(
        number=invoice.number, company_key=company.ledger_key,
        lines=[(_product_of(x.order_line_id, order_lines), x.quantity, x.unit_paise, x.gst_rate)
               for x in out],
    )
    BulkOrder.objects.filter(pk=bulk_order.pk).update(status=BulkOrder.INVOICED)
    return invoice


def _product_of(order_line_id, order_lines):
    for pid, lid in order_lines.items():
        if lid == order_line_id:
            return pid
    return None  # delivery: no maker's share


def invoice_line_rows(invoice, out):
    return [
        TaxInvoiceLine(
            invoice=invoice, order_line_id=x.order_line_id, description=x.description[:255],
            hsn_code=x.hsn_code, quantity=x.quantity, unit_paise=x.unit_paise,
            gst_rate=x.gst_rate, taxable_paise=x.taxable_paise, cgst_paise=x.cgst_paise,
            sgst_paise=x.sgst_paise, igst_paise=x.igst_paise, total_paise=x.total_paise,
        )
        for x in out
    ]


# --- 3. Paid: by bank transfer ------------------------------------------------------------------
def record_bank_transfer(*, user, invoice: TaxInvoice, amount_paise: int, bank_reference: str,
                         received_on: datetime.date) -> InvoicePayment:
    """Finance saw the company's transfer arrive: receivable to bank, in the ledger."""
    roles.require_finance(user)
    bank_reference = " ".join((bank_reference or "").split())
    if not bank_reference:
        raise ValidationError(_("Enter the bank's reference (UTR) of the transfer."))
    if isinstance(amount_paise, bool) or not isinstance(amount_paise, int) or amount_paise <= 0:
        raise ValidationError(_("The amount must be more than zero."))
    if received_on > timezone.localdate():
        raise ValidationError(_("The transfer cannot have arrived in the future."))
    with transaction.atomic():
        invoice = TaxInvoice.objects.select_for_update().select_related(
            "bulk_order__company").get(pk=invoice.pk, kind=TaxInvoice.INVOICE)
        outstanding = amount_outstanding(invoice)
        if amount_paise > outstanding:
            raise ValidationError(
                _("INR %(a)s is more than the INR %(o)s outstanding on %(n)s.")
                % {"a": _inr(amount_paise), "o": _inr(outstanding), "n": invoice.number})
        if InvoicePayment.objects.filter(bank_reference=bank_reference).exists():
            raise ValidationError(_("A transfer with reference %(r)s is already recorded.")
                                  % {"r": bank_reference})
        payment = InvoicePayment.objects.create(
            invoice=invoice, amount_paise=amount_paise, bank_reference=bank_reference,
            received_on=received_on, recorded_by=user,
        )
        ledger_invoices.post_invoice_payment(
            payment_key=f"invpay:{payment.pk}", invoice_number=invoice.number,
            company_key=invoice.bulk_order.company.ledger_key, amount_paise=amount_paise,
            user=user,
        )
        if amount_paise == outstanding:
            BulkOrder.objects.filter(pk=invoice.bulk_order_id).update(status=BulkOrder.PAID)
            announce("payment_received", payment.pk)
    return payment


def _inr(paise: int) -> str:
    return format_paise_figure(paise) if paise % 100 else format_count(paise // 100)


# --- ... or by card (the Stripe calls are card_payments.py's) ----------------------------------
def open_card_payment(*, user, invoice: TaxInvoice, payment_method: str = ""):
    """The invoice's open card attempt for what is outstanding, or a new one."""
    with transaction.atomic():
        invoice = TaxInvoice.objects.select_for_update().select_related(
            "bulk_order__company", "bulk_order__quote").get(pk=invoice.pk, kind=TaxInvoice.INVOICE)
        roles.require_buyer(user, invoice.bulk_order.company)
        outstanding = amount_outstanding(invoice)
        if outstanding <= 0:
            raise ValidationError(_("Invoice %(n)s is paid.") % {"n": invoice.number})
        attempt = invoice.card_payments.filter(state__in=[CardPayment.OPEN,
                                                          CardPayment.ACTION]).first()
        if attempt and attempt.amount_paise != outstanding:
            attempt.state, attempt.message = CardPayment.FAILED, "amount changed"
            attempt.save(update_fields=["state", "message"])
            attempt = None
        if attempt is None:
            attempt = CardPayment.objects.create(invoice=invoice, amount_paise=outstanding,
                                                 payment_method=payment_method, created_by=user)
        return attempt


def card_intent_made(card_payment, intent_id: str, *, needs_action: bool):
    CardPayment.objects.filter(pk=card_payment.pk).update(
        intent_id=intent_id, state=CardPayment.ACTION if needs_action else CardPayment.OPEN)
    card_payment.refresh_from_db()


def card_failed(card_payment, message: str):
    CardPayment.objects.filter(pk=card_payment.pk, state__in=[
        CardPayment.OPEN, CardPayment.ACTION]).update(state=CardPayment.FAILED,
                                                      message=message[:255])


def record_card_payment(*, card_payment, intent_id: str, amount_paise: int) -> InvoicePayment:
    """The captured card payment: recorded once (whoever calls twice gets the first), posted
    from Stripe clearing against the company's receivable."""
    with transaction.atomic():
        attempt = CardPayment.objects.select_for_update().select_related(
            "invoice__bulk_order__company").get(pk=card_payment.pk)
        existing = InvoicePayment.objects.filter(bank_reference=intent_id).first()
        if existing is not None:
            return existing
        invoice = attempt.invoice
        payment = InvoicePayment.objects.create(
            invoice=invoice, method=InvoicePayment.CARD, amount_paise=amount_paise,
            bank_reference=intent_id, received_on=timezone.localdate(),
            recorded_by=attempt.created_by,
        )
        ledger_invoices.post_invoice_payment(
            payment_key=f"{intent_id}:captured", invoice_number=invoice.number,
            company_key=invoice.bulk_order.company.ledger_key, amount_paise=amount_paise,
            via=STRIPE_CLEARING,
        )
        attempt.state = CardPayment.PAID
        attempt.save(update_fields=["state"])
        if amount_outstanding(invoice) <= 0:
            BulkOrder.objects.filter(pk=invoice.bulk_order_id).update(status=BulkOrder.PAID)
        announce("payment_received", payment.pk)
    return payment
