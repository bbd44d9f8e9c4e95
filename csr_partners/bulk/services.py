"""Writes of bulk orders: quotes, acceptance, recipients, placing the order, shipments,
invoices, credit notes and bank transfers. Bad input raises ValidationError (or
PermissionDenied) before anything is written.

The Oscar order is written by storefront (signal ``place_oscar_order``); the ledger by payouts
(``payouts.invoices``); every amount is computed by the split function through
``invoicing.invoice_lines``.
"""

from __future__ import annotations

import contextlib
import contextvars
import datetime
import logging
from collections import defaultdict

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Sum
from django.utils import timezone
from django.utils.translation import gettext as _
from oscar.core.loading import get_model

from artisans import selectors as artisan_selectors
from catalogue.money import format_count, format_paise_figure, to_paise
from catalogue.selectors import hsn_codes_by_product
from payouts import invoices as ledger_invoices
from payouts import tax
from payouts.splitting import split_among

from ..models.bulk import (
    BulkOrder,
    InvoicePayment,
    PriceTier,
    Quote,
    QuoteAdjustment,
    QuoteLine,
    QuoteRequest,
    QuoteRequestLine,
    Recipient,
    RecipientUpload,
    Shipment,
    TaxInvoice,
    TaxInvoiceLine,
)
from . import conf, invoice_rules, roles
from .india import canonical_state
from .invoicing import LineIn, invoice_lines
from .parcels import require_ready, take_credited_pieces
from .planning import LineNeed, plan
from .recipients import Fault, _check_row, check_recipients
from .signals import place_oscar_order

logger = logging.getLogger("csr_partners.bulk")
StockRecord = get_model("partner", "StockRecord")


_quiet = contextvars.ContextVar("bulk_emails_quiet", default=False)


@contextlib.contextmanager
def without_emails():
    """Write demo data without emailing anyone (load_demo)."""
    token = _quiet.set(True)
    try:
        yield
    finally:
        _quiet.reset(token)


def _announce(kind: str, object_id: int):
    """Email the buyer once the change is committed (Celery; the PDFs attached)."""
    from .tasks import send_bulk_email

    if not _quiet.get():
        transaction.on_commit(lambda: send_bulk_email.delay(kind, object_id))


# --- Quote request and the computed quote ------------------------------------------------------
def request_quote(*, user, company, lines, wanted_by, delivery, notes="") -> Quote:
    """A buyer asks; the shop computes a draft quote at once for staff to review and send.
    The place of supply is the company's billing state (kept on the request as it was)."""
    roles.require_buyer(user, company)
    state = canonical_state(company.billing_state)
    if state is None:
        raise ValidationError(_("The company's billing state is missing: ask us to add it."))
    wanted = [(product, int(qty)) for product, qty in lines if product is not None and qty]
    if not wanted:
        raise ValidationError(_("Ask for at least one product."))
    if any(qty < 1 for _p, qty in wanted):
        raise ValidationError(_("Quantities are whole numbers of pieces, at least 1."))
    if len({p.pk for p, _q in wanted}) != len(wanted):
        raise ValidationError(_("Each product once, please: add the quantities together."))
    if wanted_by <= timezone.localdate():
        raise ValidationError(_("The wanted delivery date must be in the future."))
    with transaction.atomic():
        request = QuoteRequest.objects.create(
            company=company, requested_by=user, wanted_by=wanted_by, delivery=delivery,
            bill_to_state=state, notes=notes,
        )
        QuoteRequestLine.objects.bulk_create(
            QuoteRequestLine(request=request, product=p, quantity=q) for p, q in wanted
        )
        quote = Quote.objects.create(request=request)
        compute_quote(quote)
    return quote


def _stock_and_price(product_ids) -> tuple[dict[int, int], dict[int, int]]:
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


def compute_quote(quote: Quote) -> Quote:
    """Prices from the tiers, GST rates, stock, lead time and delivery; replaces the lines."""
    request = quote.request
    req_lines = list(request.lines.select_related("product", "product__parent"))
    ids = [line.product_id for line in req_lines]
    stock, price = _stock_and_price(ids)
    capacity = artisan_selectors.capacity_by_product(ids)
    hsn = hsn_codes_by_product(ids)
    today = timezone.localdate()
    rates = tax.gst_rates_at(hsn.values(), today)
    tiers = defaultdict(list)
    for tier in PriceTier.objects.filter(product_id__in=ids):
        tiers[tier.product_id].append(tier)
    lines, needs = [], []
    for line in req_lines:
        pid = line.product_id
        if pid not in price:
            raise ValidationError(_("“%(t)s” has no price in the shop yet.")
                                  % {"t": line.product.get_title()})
        lines.append(QuoteLine(
            quote=quote, product_id=pid, title=line.product.get_title(),
            hsn_code=hsn.get(pid, ""), quantity=line.quantity, list_unit_paise=price[pid],
            unit_paise=tier_price(tiers[pid], line.quantity, price[pid]),
            gst_rate=rates.get(hsn.get(pid, "")), in_stock=stock[pid],
        ))
        needs.append(LineNeed(pid, line.product.get_title(), line.quantity, stock[pid],
                              capacity.get(pid, {})))
    p = plan(needs, today=today, packing_days=conf.PACKING_DAYS, transit_days=conf.TRANSIT_DAYS)
    notes = list(p.reasons)
    if p.unmakeable:
        notes.append(_("No shelter records capacity for: %(t)s. Our team will tell you a date.")
                     % {"t": ", ".join(p.unmakeable)})
    elif not p.meets(request.wanted_by):
        notes.insert(0, _("We cannot deliver by %(w)s. The earliest date we can meet is %(d)s.")
                     % {"w": request.wanted_by, "d": p.delivery_on})
    with transaction.atomic():
        quote.lines.all().delete()
        QuoteLine.objects.bulk_create(lines)
        quote.delivery_on = p.delivery_on
        quote.lead_time_note = "\n".join(notes)
        pieces = sum(line.quantity for line in lines)
        quote.delivery_paise = conf.delivery_paise(pieces, request.delivery == QuoteRequest.MANY)
        quote.prepared_at = timezone.now()
        quote.save()
    return quote


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


def adjust_quote(*, user, quote: Quote, unit_prices=None, delivery_paise=None, delivery_on=None,
                 reason: str) -> Quote:
    """Staff change a draft's prices or date; every change is kept with the reason."""
    roles.require_sales(user)
    reason = " ".join((reason or "").split())
    if not reason:
        raise ValidationError(_("Say why the quote is changed: the buyer may ask."))
    with transaction.atomic():
        quote = Quote.objects.select_for_update().get(pk=quote.pk)
        if quote.status != Quote.DRAFT:
            raise ValidationError(_("Only a quote not yet sent can be changed."))
        changes = []
        for line in quote.lines.all():
            new = (unit_prices or {}).get(line.pk)
            if new is None or new == line.unit_paise:
                continue
            if new <= 0:
                raise ValidationError(_("A price must be more than zero."))
            changes.append((f"unit price: {line.title}"[:120], line.unit_paise, new))
            line.unit_paise = new
            line.save(update_fields=["unit_paise"])
        if delivery_paise is not None and delivery_paise != quote.delivery_paise:
            if delivery_paise < 0:
                raise ValidationError(_("A delivery charge cannot be negative."))
            changes.append(("delivery charge", quote.delivery_paise, delivery_paise))
            quote.delivery_paise = delivery_paise
        if delivery_on is not None and delivery_on != quote.delivery_on:
            if delivery_on <= timezone.localdate():
                raise ValidationError(_("The delivery date must be in the future."))
            changes.append(("delivery date", quote.delivery_on, delivery_on))
            quote.delivery_on = delivery_on
        if not changes:
            raise ValidationError(_("Nothing was changed."))
        quote.save()
        QuoteAdjustment.objects.bulk_create(
            QuoteAdjustment(quote=quote, what=what, before=str(before or "-")[:120],
                            after=str(after)[:120], reason=reason, by=user)
            for what, before, after in changes
        )
    return quote


def send_quote(*, user, quote: Quote) -> Quote:
    roles.require_sales(user)
    with transaction.atomic():
        quote = Quote.objects.select_for_update().get(pk=quote.pk)
        if quote.status != Quote.DRAFT:
            raise ValidationError(_("This quote has already been sent."))
        missing = [x.title for x in quote.lines.all() if x.gst_rate is None]
        if missing:
            raise ValidationError(
                _("No GST rate is in force for the HSN code of: %(t)s. Add the rate (or the "
                  "product class's HSN code) first.") % {"t": ", ".join(missing)})
        if quote.delivery_on is None:
            raise ValidationError(_("Set a delivery date the shelters can meet first."))
        for x in quote.lines.all():
            invoice_rules.goods_hsn(x.hsn_code, x.title)
        quote.status, quote.sent_by, quote.sent_at = Quote.SENT, user, timezone.now()
        quote.valid_until = timezone.localdate() + datetime.timedelta(days=conf.QUOTE_VALID_DAYS)
        quote.save()
        _announce("quote_sent", quote.pk)
    return quote


def expire_quotes(today=None) -> int:
    today = today or timezone.localdate()
    return Quote.objects.filter(status=Quote.SENT, valid_until__lt=today).update(
        status=Quote.EXPIRED)


def accept_quote(*, user, quote: Quote, po_number: str, payment: str) -> Quote:
    po_number = " ".join((po_number or "").split())
    quote = Quote.objects.select_related("request__company").get(pk=quote.pk)
    company = quote.request.company
    roles.require_buyer(user, company)
    if quote.is_expired:
        # Recorded although the acceptance is refused, so this runs outside any transaction
        # the refusal rolls back.
        Quote.objects.filter(pk=quote.pk, status=Quote.SENT).update(status=Quote.EXPIRED)
        raise ValidationError(_("This quote expired on %(d)s. Ask us for a fresh one.")
                              % {"d": quote.valid_until})
    if not po_number:
        raise ValidationError(_("Enter your company's purchase order (PO) number."))
    if payment not in (Quote.CARD, Quote.NET30):
        raise ValidationError(_("Choose how you will pay."))
    if payment == Quote.NET30 and not company.allows_net_terms:
        raise ValidationError(_("Net terms are not open to %(c)s yet: pay by card, or ask "
                                "us to allow net terms.") % {"c": company.name})
    with transaction.atomic():
        quote = Quote.objects.select_for_update().get(pk=quote.pk)
        if quote.status != Quote.SENT or quote.is_expired:
            raise ValidationError(_("This quote cannot be accepted now (it is %(s)s).")
                                  % {"s": quote.get_status_display().lower()})
        quote.status, quote.accepted_by, quote.accepted_at = Quote.ACCEPTED, user, timezone.now()
        quote.po_number, quote.payment = po_number[:60], payment
        quote.save()
        _announce("quote_accepted", quote.pk)
    return quote


# --- Recipients ----------------------------------------------------------------------------------
def _require_accepted(user, quote):
    roles.require_buyer(user, quote.request.company)
    quote.refresh_from_db(fields=["status"])
    if quote.status != Quote.ACCEPTED:
        raise ValidationError(_("Recipients can be changed only on an accepted quote not yet "
                                "ordered."))


def quote_pieces(quote) -> int:
    return quote.lines.aggregate(n=Sum("quantity"))["n"] or 0


def start_upload(*, user, quote: Quote, uploaded) -> RecipientUpload:
    """Keep the file and check it in a Celery task (large files), with progress to poll."""
    _require_accepted(user, quote)
    if uploaded.size > conf.MAX_UPLOAD_BYTES:
        raise ValidationError(_("The file is larger than %(n)d MB.")
                              % {"n": conf.MAX_UPLOAD_BYTES // 1_000_000})
    upload = RecipientUpload.objects.create(
        quote=quote, file=uploaded, filename=uploaded.name[:200], uploaded_by=user,
    )
    from .tasks import check_recipient_upload

    transaction.on_commit(lambda: check_recipient_upload.delay(upload.pk))
    return upload


def check_upload(upload_id: int) -> RecipientUpload:
    """Check every row; save the recipients (replacing any earlier list) only when clean."""
    upload = RecipientUpload.objects.select_related("quote").get(pk=upload_id)
    if upload.status != RecipientUpload.CHECKING:
        return upload
    with upload.file.open("rb") as fh:
        data = fh.read()
    quote = upload.quote

    def progress(done, total):  # called at each tenth of the file (and at its end)
        RecipientUpload.objects.filter(pk=upload.pk).update(rows_done=done, rows_total=total)

    checked = check_recipients(data, pieces=quote_pieces(quote), progress=progress)
    with transaction.atomic():
        locked = Quote.objects.select_for_update().get(pk=quote.pk)
        if locked.status != Quote.ACCEPTED:
            checked.faults.insert(0, Fault(1, "", _("The quote was ordered meanwhile.")))
        if checked.faults:
            upload.status = RecipientUpload.FAULTY
            upload.faults = [[f.row, f.column, f.message] for f in checked.faults]
        else:
            save_recipients(locked, checked.rows)
            upload.status = RecipientUpload.CLEAN
        upload.rows_total = upload.rows_done = len(checked.rows) or upload.rows_total
        upload.save()
    upload.file.delete(save=False)  # the rows are saved (or refused); the file is not kept
    return upload


def save_recipients(quote: Quote, rows: list[dict]):
    """Replace the quote's recipients (inside the caller's transaction); pieces shared out."""
    pieces = quote_pieces(quote)
    shares = split_among(pieces, {i: 1 for i in range(len(rows))})
    # QuerySet.delete() would load every earlier recipient (for Shipment's PROTECT) and delete
    # them 100 at a time: queries growing with the list. Only an accepted quote gets here and
    # its shipments are made when it is placed, so there are none: checked in one query, then
    # one DELETE.
    earlier = Recipient.objects.filter(quote=quote)
    if Shipment.objects.filter(recipient__quote=quote).exists():
        raise RuntimeError(f"{quote} has shipments: its recipients cannot be replaced")
    earlier._raw_delete(earlier.db)
    Recipient.objects.bulk_create(
        Recipient(quote=quote, pieces=shares[i], **{k: v for k, v in row.items()})
        for i, row in enumerate(rows)
    )


def set_single_address(*, user, quote: Quote, data: dict) -> Recipient:
    """One delivery address (the office, say): the same checks as a file's row."""
    _require_accepted(user, quote)
    values = {k: " ".join(str(data.get(k, "")).split()) for k in (
        "name", "address_line1", "address_line2", "city", "state", "pin_code", "phone",
        "gift_message")}
    clean, faults = _check_row(values, 1)
    if faults:
        raise ValidationError({f.column: f.message for f in faults})
    with transaction.atomic():
        locked = Quote.objects.select_for_update().get(pk=quote.pk)
        save_recipients(locked, [{**clean, "row": 1}])
    return locked.recipients.get()


# --- Placing the order ---------------------------------------------------------------------------
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
        responses = [r for _recv, r in place_oscar_order.send(
            sender=Quote, quote=quote, user=user, number=f"B{quote.pk:06d}",
            shipping=_address_fields(single) if single else None,
            billing=company_billing(company),
        ) if r is not None]
        if len(responses) != 1:
            raise RuntimeError("exactly one receiver must write the Oscar order")
        order, allocated = responses[0]
        to_make = sum(max(0, x.quantity - allocated.get(x.product_id, 0))
                      for x in quote.lines.all())
        bulk = BulkOrder.objects.create(
            quote=quote, company=company, order=order, placed_by=user, pieces_to_make=to_make,
        )
        Shipment.objects.bulk_create(
            Shipment(bulk_order=bulk, recipient=r, pieces=r.pieces) for r in recipients
        )
        quote.status = Quote.ORDERED
        quote.save(update_fields=["status"])
        invoice = issue_invoice(bulk_order=bulk, user=user)
        from .tasks import pledge_bulk_order

        transaction.on_commit(lambda: pledge_bulk_order.delay(bulk.pk))
        _announce("order_placed", bulk.pk)
        _announce("invoice_issued", invoice.pk)
    return bulk


def _address_fields(r: Recipient) -> dict:
    return {"name": r.name, "line1": r.address_line1, "line2": r.address_line2, "city": r.city,
            "state": r.state, "postcode": r.pin_code, "phone": r.phone}


def company_billing(company) -> dict:
    """The company's billing address as an address's fields (issue 7's Company)."""
    return {"name": company.name, "address": company.billing_address,
            "state": company.billing_state, "postcode": company.billing_pin_code,
            "gstin": company.gstin}


def billing_block(company) -> str:
    """The bill-to address as the invoice prints it."""
    lines = [company.billing_address.strip()]
    tail = " ".join(x for x in (company.billing_state, company.billing_pin_code) if x)
    if tail and tail not in lines[0]:
        lines.append(tail)
    return "\n".join(x for x in lines if x)


# --- Invoices ------------------------------------------------------------------------------------
def _company_key(company) -> str:
    return company.ledger_key  # "company:N", the key of its accounts in the ledger


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
    TaxInvoiceLine.objects.bulk_create(_invoice_line_rows(invoice, out))
    ledger_invoices.post_invoice_issued(
        number=invoice.number, company_key=_company_key(company),
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


def _invoice_line_rows(invoice, out):
    return [
        TaxInvoiceLine(
            invoice=invoice, order_line_id=x.order_line_id, description=x.description[:255],
            hsn_code=x.hsn_code, quantity=x.quantity, unit_paise=x.unit_paise,
            gst_rate=x.gst_rate, taxable_paise=x.taxable_paise, cgst_paise=x.cgst_paise,
            sgst_paise=x.sgst_paise, igst_paise=x.igst_paise, total_paise=x.total_paise,
        )
        for x in out
    ]


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
        TaxInvoiceLine.objects.bulk_create(_invoice_line_rows(note, out))
        take_credited_pieces(note=note, row=parcel_row)
        products = dict(invoice.bulk_order.order.lines.values_list("pk", "product_id"))
        ledger_invoices.post_credit_note(
            number=note.number, invoice_number=invoice.number,
            company_key=_company_key(invoice.bulk_order.company),
            lines=[(products.get(x.order_line_id), x.quantity, x.unit_paise, x.gst_rate)
                   for x in out],
        )
    return note


def amount_outstanding(invoice: TaxInvoice) -> int:
    credited = invoice.credit_notes.aggregate(s=Sum("total_paise"))["s"] or 0
    paid = invoice.payments.aggregate(s=Sum("amount_paise"))["s"] or 0
    return invoice.total_paise - credited - paid


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
            company_key=_company_key(invoice.bulk_order.company), amount_paise=amount_paise,
            user=user,
        )
        if amount_paise == outstanding:
            BulkOrder.objects.filter(pk=invoice.bulk_order_id).update(status=BulkOrder.PAID)
            _announce("payment_received", payment.pk)
    return payment


def _inr(paise: int) -> str:
    return format_paise_figure(paise) if paise % 100 else format_count(paise // 100)


# --- Shipments -----------------------------------------------------------------------------------
def update_shipments(*, user, bulk_order: BulkOrder, shipment_ids, status: str, carrier="",
                     carrier_reference="") -> int:
    """Mark shipments packed, dispatched (with the carrier's reference) or delivered, in one
    UPDATE; moves only forwards."""
    roles.require_sales(user)
    order = [Shipment.WAITING, Shipment.PACKED, Shipment.DISPATCHED, Shipment.DELIVERED]
    if status not in order[1:]:
        raise ValidationError(_("Choose packed, dispatched or delivered."))
    carrier_reference = " ".join((carrier_reference or "").split())
    if status == Shipment.DISPATCHED and not carrier_reference:
        raise ValidationError(_("A dispatched parcel needs the carrier's reference."))
    earlier = order[: order.index(status)]
    now = timezone.now()
    fields = {"status": status, f"{status}_at": now}
    qs = Shipment.objects.filter(bulk_order=bulk_order, pk__in=list(shipment_ids),
                                 status__in=earlier)
    if status == Shipment.DISPATCHED:
        fields.update(carrier=carrier[:60], carrier_reference=carrier_reference[:60])
        require_ready(bulk_order, list(qs.select_related("recipient")))
    if status == Shipment.DELIVERED:
        qs = qs.exclude(carrier_reference="")
    with transaction.atomic():
        updated = qs.update(**fields)
        if updated and status == Shipment.DISPATCHED:
            _announce("dispatched", bulk_order.pk)
    return updated


def shipment_counts(bulk_order) -> dict[str, int]:
    counts = dict(bulk_order.shipments.values_list("status").annotate(n=Count("pk")).order_by())
    return {status: counts.get(status, 0) for status, _label in Shipment.STATUSES}


def dispatch_parcels(*, user, bulk_order: BulkOrder, carrier: str, references) -> int:
    """Dispatch parcels with each one's own carrier reference: ``references`` is [(row of the
    recipients file, reference)]. One read and one bulk update, whatever the number."""
    roles.require_sales(user)
    carrier = " ".join((carrier or "").split())[:60]
    if not carrier:
        raise ValidationError(_("Name the carrier."))
    wanted = {}
    for row, reference in references:
        reference = " ".join(str(reference).split())
        if not reference:
            raise ValidationError(_("Row %(r)s has no carrier reference.") % {"r": row})
        wanted[int(row)] = reference[:60]
    shipments = list(bulk_order.shipments.select_related("recipient").filter(
        recipient__row__in=list(wanted)))
    found = {s.recipient.row for s in shipments}
    unknown = sorted(set(wanted) - found)
    if unknown:
        raise ValidationError(_("No parcel of this order is on row(s) %(r)s.")
                              % {"r": ", ".join(map(str, unknown[:10]))})
    done = [s for s in shipments if s.status in (Shipment.DISPATCHED, Shipment.DELIVERED)]
    if done:
        raise ValidationError(_("Already dispatched: row(s) %(r)s.")
                              % {"r": ", ".join(str(s.recipient.row) for s in done[:10])})
    require_ready(bulk_order, shipments)  # no piece still being made leaves
    now = timezone.now()
    for s in shipments:
        s.status, s.carrier, s.carrier_reference = Shipment.DISPATCHED, carrier, \
            wanted[s.recipient.row]
        s.dispatched_at, s.packed_at = now, s.packed_at or now
    with transaction.atomic():
        Shipment.objects.bulk_update(
            shipments, ["status", "carrier", "carrier_reference", "dispatched_at", "packed_at"],
            batch_size=500)
        _announce("dispatched", bulk_order.pk)
    return len(shipments)


def set_net_terms(*, user, company, allowed: bool):
    """Staff open (or close) net terms for a company's future quotes."""
    roles.require_sales(user)
    type(company).objects.filter(pk=company.pk).update(allows_net_terms=bool(allowed))
    company.allows_net_terms = bool(allowed)
    return company


def save_tier(*, user, product, min_quantity: int, unit_paise: int) -> PriceTier:
    roles.require_sales(user)
    if min_quantity < 2 or unit_paise <= 0:
        raise ValidationError(_("A tier starts at 2 pieces or more, at a price above zero."))
    tier, _created = PriceTier.objects.update_or_create(
        product=product, min_quantity=min_quantity, defaults={"unit_paise": unit_paise})
    return tier


def delete_tier(*, user, tier_id: int):
    roles.require_sales(user)
    PriceTier.objects.filter(pk=tier_id).delete()


# --- Card payment of an invoice (the Stripe calls are storefront's: csr_partners/bulk/card_payments.py)
def open_card_payment(*, user, invoice: TaxInvoice, payment_method: str = ""):
    """The invoice's open card attempt for what is outstanding, or a new one."""
    from ..models.bulk import CardPayment

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
    from ..models.bulk import CardPayment

    CardPayment.objects.filter(pk=card_payment.pk).update(
        intent_id=intent_id, state=CardPayment.ACTION if needs_action else CardPayment.OPEN)
    card_payment.refresh_from_db()


def card_failed(card_payment, message: str):
    from ..models.bulk import CardPayment

    CardPayment.objects.filter(pk=card_payment.pk, state__in=[
        CardPayment.OPEN, CardPayment.ACTION]).update(state=CardPayment.FAILED,
                                                      message=message[:255])


def record_card_payment(*, card_payment, intent_id: str, amount_paise: int) -> InvoicePayment:
    """The captured card payment: recorded once (whoever calls twice gets the first), posted
    from Stripe clearing against the company's receivable."""
    from payouts.ledger import STRIPE_CLEARING

    from ..models.bulk import CardPayment

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
            company_key=_company_key(invoice.bulk_order.company), amount_paise=amount_paise,
            via=STRIPE_CLEARING,
        )
        attempt.state = CardPayment.PAID
        attempt.save(update_fields=["state"])
        if amount_outstanding(invoice) <= 0:
            BulkOrder.objects.filter(pk=invoice.bulk_order_id).update(status=BulkOrder.PAID)
        _announce("payment_received", payment.pk)
    return payment
