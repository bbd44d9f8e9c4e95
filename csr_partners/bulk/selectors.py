"""Reads of bulk orders, scoped to the buyer's company here (never only in templates)."""

from __future__ import annotations

from django.db.models import Count, Prefetch, Q, Sum
from django.http import Http404
from oscar.core.loading import get_model

from ..models.bulk import (
    BulkOrder,
    CardPayment,
    Quote,
    RecipientUpload,
    Shipment,
    TaxInvoice,
)
from . import roles

Product = get_model("catalogue", "Product")


def orderable_products():
    """What a company may ask a quote for: the shop's stocked products (not one-off pieces)."""
    return (
        Product.objects.browsable().filter(product_class__is_one_off=False)
        .select_related("product_class").order_by("title")
    )


def quotes_for(user):
    company = roles.company_of(user)
    if company is None:
        return Quote.objects.none()
    return (
        Quote.objects.filter(request__company=company)
        .select_related("request", "request__company")
        .annotate(n_lines=Count("lines", distinct=True))
    )


def quote_for(user, pk) -> Quote:
    quote = quotes_for(user).filter(pk=pk).first()
    if quote is None:
        raise Http404("No such quote")
    return quote


def orders_for(user):
    company = roles.company_of(user)
    if company is None:
        return BulkOrder.objects.none()
    return (
        BulkOrder.objects.filter(company=company)
        .select_related("order", "quote", "quote__request")
        .annotate(
            n_shipments=Count("shipments", distinct=True),
            n_delivered=Count("shipments", filter=Q(shipments__status=Shipment.DELIVERED),
                              distinct=True),
        )
    )


def order_for(user, pk) -> BulkOrder:
    bulk = orders_for(user).filter(pk=pk).first()
    if bulk is None:
        raise Http404("No such order")
    return bulk


def invoice_for(user, pk) -> TaxInvoice:
    company = roles.company_of(user)
    invoice = (
        TaxInvoice.objects.filter(pk=pk, bulk_order__company=company)
        .select_related("bulk_order__order", "against")
        .prefetch_related("lines").first()
        if company is not None else None
    )
    if invoice is None:
        raise Http404("No such invoice")
    return invoice


def upload_for(user, pk) -> RecipientUpload:
    company = roles.company_of(user)
    upload = (RecipientUpload.objects.filter(pk=pk, quote__request__company=company).first()
              if company is not None else None)
    if upload is None:
        raise Http404("No such upload")
    return upload


def invoices_of(bulk_order):
    return bulk_order.invoices.select_related("against").prefetch_related(
        Prefetch("payments"))


def is_card_payment_intent(intent_id: str) -> bool:
    """An invoice's card payment made this Stripe PaymentIntent (webhooks ask)."""
    return CardPayment.objects.filter(intent_id=intent_id).exists()


def quote_pieces(quote) -> int:
    return quote.lines.aggregate(n=Sum("quantity"))["n"] or 0


def amount_outstanding(invoice: TaxInvoice) -> int:
    credited = invoice.credit_notes.aggregate(s=Sum("total_paise"))["s"] or 0
    paid = invoice.payments.aggregate(s=Sum("amount_paise"))["s"] or 0
    return invoice.total_paise - credited - paid


def shipment_counts(bulk_order) -> dict[str, int]:
    counts = dict(bulk_order.shipments.values_list("status").annotate(n=Count("pk")).order_by())
    return {status: counts.get(status, 0) for status, _label in Shipment.STATUSES}


def number_bulk_orders(references):
    """For a maker's statement: the bulk order each tax invoice is about ("Bulk order B000007
    share"), by its order number only. Registered with payouts.statement_lines in
    CsrPartnersConfig.ready."""
    return dict(
        TaxInvoice.objects.filter(number__in=list(references))
        .values_list("number", "bulk_order__order__number")
    )
