"""Celery tasks of bulk orders: checking a recipients file, and the buyer's emails (quote
ready, accepted, order placed, invoice, dispatch, payment received) with the PDFs attached.
Registered through csr_partners/tasks.py, which Celery autodiscovers. The writers never queue
them themselves: they announce what happened (signals.py) and csr_partners/receivers.py queues
these on commit."""

from __future__ import annotations

import logging

from celery import shared_task
from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils import translation

from ..models.bulk import BulkOrder, InvoicePayment, Quote, TaxInvoice
from . import documents, pledges
from .recipient_lists import check_upload
from .selectors import shipment_counts

logger = logging.getLogger("csr_partners.bulk")


@shared_task(ignore_result=True, acks_late=True)
def check_recipient_upload(upload_id: int):
    check_upload(upload_id)


def _recipients_of(quote) -> list[str]:
    emails = [quote.request.requested_by.email]
    if quote.accepted_by_id and quote.accepted_by.email not in emails:
        emails.append(quote.accepted_by.email)
    return [e for e in emails if e]


@shared_task(ignore_result=True, acks_late=True)
def pledge_bulk_order(bulk_order_id: int):
    """The company's tie-up pledge on its bulk order (when the tie-up includes bulk orders)."""
    pledges.pledge_bulk_order(bulk_order_id)


@shared_task(ignore_result=True, bind=True, max_retries=5, default_retry_delay=60)
def send_bulk_email(self, kind: str, object_id: int):
    attachments = []
    if kind in ("quote_sent", "quote_accepted"):
        quote = Quote.objects.select_related("request__company", "request__requested_by",
                                             "accepted_by").get(pk=object_id)
        context = {"quote": quote}
        attachments.append((f"{quote.reference}.pdf", documents.quote_pdf(quote)))
    elif kind in ("order_placed", "dispatched"):
        bulk = BulkOrder.objects.select_related("quote__request__requested_by", "order").get(
            pk=object_id)
        quote = bulk.quote
        context = {"quote": quote, "bulk": bulk, "counts": shipment_counts(bulk)}
    elif kind == "invoice_issued":
        invoice = TaxInvoice.objects.select_related("bulk_order__quote__request").get(
            pk=object_id)
        quote = invoice.bulk_order.quote
        context = {"quote": quote, "invoice": invoice}
        attachments.append((f"{invoice.number.replace('/', '-')}.pdf",
                            documents.invoice_pdf(invoice)))
    elif kind == "payment_received":
        payment = InvoicePayment.objects.select_related("invoice__bulk_order__quote").get(
            pk=object_id)
        quote = payment.invoice.bulk_order.quote
        context = {"quote": quote, "payment": payment, "invoice": payment.invoice}
    else:
        raise ValueError(f"unknown bulk email {kind!r}")
    with translation.override(settings.LANGUAGE_CODE):
        subject = render_to_string(f"csr_partners/bulk/email/{kind}_subject.txt", context).strip()
        body = render_to_string(f"csr_partners/bulk/email/{kind}_body.txt", context)
    message = EmailMessage(subject=" ".join(subject.split()), body=body,
                           to=_recipients_of(quote))
    for name, content in attachments:
        message.attach(name, content, "application/pdf")
    try:
        message.send()
    except OSError as exc:  # the mail server is away for a moment
        raise self.retry(exc=exc) from exc
    logger.info("Bulk email %s sent for %s #%s", kind, quote.reference, object_id)
