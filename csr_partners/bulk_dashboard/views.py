"""Staff's bulk-order pages in Oscar's dashboard. Each view checks the role itself (Oscar
lets any staff user in); every change goes through csr_partners.bulk's service modules
(quoting, ordering, credit_notes, shipments, parcels)."""

import re

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views import View

from payouts import tax
from payouts.models import GstRate

from ..bulk import credit_notes, ordering, parcels, pricing, quoting, roles, selectors, shipments
from ..bulk.documents import invoice_pdf
from ..bulk.views import einvoice_response, pdf_response
from ..models.bulk import BulkOrder, PriceTier, Quote, TaxInvoice
from .forms import (
    AdjustForm,
    CreditForm,
    DispatchForm,
    GstRateForm,
    NetTermsForm,
    PaymentForm,
    PiecesMadeForm,
    ShipmentsForm,
    TierForm,
)


def _errors(request, exc):
    for message in getattr(exc, "messages", [str(exc)]):
        messages.error(request, message)


class SalesMixin:
    def dispatch(self, request, *args, **kwargs):
        if not (roles.is_sales(request.user) or roles.in_group(request.user, roles.FINANCE)):
            raise PermissionDenied(_("Shop staff only."))
        return super().dispatch(request, *args, **kwargs)


class QuoteListView(SalesMixin, View):
    def get(self, request):
        status = request.GET.get("status", "")
        quotes = Quote.objects.select_related("request__company").annotate(
            pieces=Count("lines")).order_by("-prepared_at")
        if status in dict(Quote.STATUSES):
            quotes = quotes.filter(status=status)
        return render(request, "csr_partners/bulk/dashboard/quote_list.html", {
            "quotes": Paginator(quotes, 50).get_page(request.GET.get("page")),
            "statuses": Quote.STATUSES, "status": status,
        })


class QuoteDetailView(SalesMixin, View):
    template_name = "csr_partners/bulk/dashboard/quote_detail.html"

    def get(self, request, pk, form=None):
        quote = get_object_or_404(Quote.objects.select_related("request__company",
                                                               "request__requested_by"), pk=pk)
        company = quote.request.company
        return render(request, self.template_name, {
            "quote": quote, "company": company, **pricing.quote_totals(quote),
            "quote_lines": list(quote.lines.all()),
            "form": form or AdjustForm(quote=quote),
            "net_terms_form": NetTermsForm(initial={
                "allows_net_terms": getattr(company, "allows_net_terms", False)}),
            "adjustments": quote.adjustments.select_related("by"),
            "request_lines": quote.request.lines.select_related("product"),
        })

    def post(self, request, pk):
        quote = get_object_or_404(Quote.objects.select_related("request__company"), pk=pk)
        action = request.POST.get("action")
        try:
            if action == "adjust":
                form = AdjustForm(request.POST, quote=quote)
                if not form.is_valid():
                    return self.get(request, pk, form)
                quoting.adjust_quote(
                    user=request.user, quote=quote, unit_prices=form.unit_prices(),
                    delivery_paise=form.cleaned_data["delivery_rupees"],
                    delivery_on=form.cleaned_data["delivery_on"],
                    reason=form.cleaned_data["reason"])
                messages.success(request, _("Quote changed."))
            elif action == "recompute":
                roles.require_sales(request.user)
                if quote.status != Quote.DRAFT:
                    raise ValidationError(_("Only a quote not yet sent can be recomputed."))
                quoting.compute_quote(quote)
                messages.success(request, _("Prices, stock and lead time computed again."))
            elif action == "send":
                quoting.send_quote(user=request.user, quote=quote)
                messages.success(request, _("Quote sent to the buyer."))
            elif action == "net_terms":
                form = NetTermsForm(request.POST)
                form.is_valid()
                quoting.set_net_terms(user=request.user, company=quote.request.company,
                                      allowed=form.cleaned_data.get("allows_net_terms", False))
                messages.success(request, _("Net terms saved for the company."))
        except ValidationError as exc:
            _errors(request, exc)
        return redirect("bulk-dashboard:bulk-quote", pk=pk)


class OrderListView(SalesMixin, View):
    def get(self, request):
        orders = BulkOrder.objects.select_related("order", "company", "quote").annotate(
            n_shipments=Count("shipments")).order_by("-placed_at")
        return render(request, "csr_partners/bulk/dashboard/order_list.html", {
            "orders": Paginator(orders, 50).get_page(request.GET.get("page")),
        })


def parse_rows(text: str) -> list[int] | None:
    """"2-50, 53" -> [2..50, 53]; empty -> None (all)."""
    text = (text or "").strip()
    if not text:
        return None
    rows = []
    for part in re.split(r"[,\s]+", text):
        if not part:
            continue
        m = re.fullmatch(r"(\d+)(?:-(\d+))?", part)
        if not m:
            raise ValidationError(_("“%(p)s” is not a row or a range of rows.") % {"p": part})
        low, high = int(m.group(1)), int(m.group(2) or m.group(1))
        if high < low or high - low > 100_000:
            raise ValidationError(_("“%(p)s” is not a range of rows.") % {"p": part})
        rows.extend(range(low, high + 1))
    return rows


class OrderDetailView(SalesMixin, View):
    template_name = "csr_partners/bulk/dashboard/order_detail.html"

    def get(self, request, pk):
        bulk = get_object_or_404(BulkOrder.objects.select_related("order", "company", "quote"),
                                 pk=pk)
        invoices = list(bulk.invoices.select_related("against").prefetch_related(
            "lines", "payments"))
        for invoice in invoices:
            if invoice.kind == TaxInvoice.INVOICE:
                invoice.outstanding = selectors.amount_outstanding(invoice)
            else:
                invoice.parcels = parcels.credited_parcels(invoice)
        shipments = bulk.shipments.select_related("recipient").order_by("recipient__row")
        return render(request, self.template_name, {
            "bulk": bulk, "invoices": invoices, "counts": selectors.shipment_counts(bulk),
            "page": Paginator(shipments, 100).get_page(request.GET.get("page")),
            "shipments_form": ShipmentsForm(), "dispatch_form": DispatchForm(),
            "credit_form": CreditForm(), "payment_form": PaymentForm(),
            "pieces": parcels.summary(bulk), "made_form": PiecesMadeForm(),
            "is_finance": roles.in_group(request.user, roles.FINANCE),
        })

    def post(self, request, pk):
        bulk = get_object_or_404(BulkOrder, pk=pk)
        action = request.POST.get("action")
        try:
            if action == "status":
                form = ShipmentsForm(request.POST)
                if form.is_valid():
                    rows = parse_rows(form.cleaned_data["rows"])
                    qs = bulk.shipments.all()
                    if rows is not None:
                        qs = qs.filter(recipient__row__in=rows)
                    n = shipments.update_shipments(
                        user=request.user, bulk_order=bulk,
                        shipment_ids=qs.values_list("pk", flat=True),
                        status=form.cleaned_data["status"])
                    messages.success(request, _("%(n)d parcels updated.") % {"n": n})
            elif action == "dispatch":
                form = DispatchForm(request.POST)
                if form.is_valid():
                    refs = []
                    for number, line in enumerate(form.cleaned_data["references"].splitlines(), 1):
                        if not line.strip():
                            continue
                        row, _sep, ref = line.replace(";", ",").partition(",")
                        if not row.strip().isdigit():
                            raise ValidationError(_("Line %(n)d: start with the row number.")
                                                  % {"n": number})
                        refs.append((int(row), ref))
                    n = shipments.dispatch_parcels(user=request.user, bulk_order=bulk,
                                                   carrier=form.cleaned_data["carrier"],
                                                   references=refs)
                    messages.success(request, _("%(n)d parcels dispatched.") % {"n": n})
            elif action == "credit":
                invoice = get_object_or_404(TaxInvoice, pk=request.POST.get("invoice"),
                                            bulk_order=bulk, kind=TaxInvoice.INVOICE)
                form = CreditForm(request.POST)
                quantities = {}
                for line in invoice.lines.all():
                    value = request.POST.get(f"credit_{line.pk}", "").strip()
                    if value:
                        if not value.isdigit():
                            raise ValidationError(_("Pieces to credit are whole numbers."))
                        if int(value):
                            quantities[line.pk] = int(value)
                if form.is_valid():
                    note = credit_notes.credit_cancelled_lines(
                        user=request.user, invoice=invoice, quantities=quantities,
                        reason=form.cleaned_data["reason"],
                        parcel_row=form.cleaned_data["parcel_row"])
                    messages.success(request, _("Credit note %(n)s issued.") % {"n": note.number})
                else:
                    raise ValidationError(_("Say why the pieces are cancelled."))
            elif action == "made":
                form = PiecesMadeForm(request.POST)
                if not form.is_valid():
                    raise ValidationError(_("Enter how many pieces arrived, more than zero."))
                left = parcels.record_pieces_made(user=request.user, bulk_order=bulk,
                                                  pieces=form.cleaned_data["pieces"])
                messages.success(request, _("Recorded. %(n)d pieces are still being made.")
                                 % {"n": left})
            elif action == "payment":
                invoice = get_object_or_404(TaxInvoice, pk=request.POST.get("invoice"),
                                            bulk_order=bulk, kind=TaxInvoice.INVOICE)
                form = PaymentForm(request.POST)
                if not form.is_valid():
                    raise ValidationError([e for errs in form.errors.values() for e in errs])
                ordering.record_bank_transfer(
                    user=request.user, invoice=invoice,
                    amount_paise=form.cleaned_data["amount_rupees"],
                    bank_reference=form.cleaned_data["bank_reference"],
                    received_on=form.cleaned_data["received_on"])
                messages.success(request, _("Payment recorded and posted to the ledger."))
        except ValidationError as exc:
            _errors(request, exc)
        return redirect("bulk-dashboard:bulk-order", pk=pk)


class InvoicePdfView(SalesMixin, View):
    def get(self, request, pk):
        invoice = get_object_or_404(TaxInvoice.objects.select_related("bulk_order__order"),
                                    pk=pk)
        return pdf_response(invoice_pdf(invoice), f"{invoice.number.replace('/', '-')}.pdf")


class InvoiceJsonView(SalesMixin, View):
    def get(self, request, pk):
        invoice = get_object_or_404(TaxInvoice.objects.select_related("bulk_order__quote"),
                                    pk=pk)
        return einvoice_response(invoice)


class TiersView(SalesMixin, View):
    template_name = "csr_partners/bulk/dashboard/tiers.html"

    def get(self, request, form=None):
        return render(request, self.template_name, {
            "tiers": PriceTier.objects.select_related("product").order_by(
                "product__title", "min_quantity"),
            "form": form or TierForm(),
        })

    def post(self, request):
        try:
            if request.POST.get("delete"):
                quoting.delete_tier(user=request.user, tier_id=int(request.POST["delete"]))
                messages.success(request, _("Tier removed."))
            else:
                form = TierForm(request.POST)
                if not form.is_valid():
                    return self.get(request, form)
                quoting.save_tier(user=request.user, product=form.cleaned_data["product"],
                                  min_quantity=form.cleaned_data["min_quantity"],
                                  unit_paise=form.cleaned_data["unit_rupees"])
                messages.success(request, _("Tier saved."))
        except (ValidationError, ValueError) as exc:
            _errors(request, exc)
        return redirect("bulk-dashboard:bulk-tiers")


class GstRatesView(SalesMixin, View):
    template_name = "csr_partners/bulk/dashboard/gst_rates.html"

    def get(self, request, form=None):
        return render(request, self.template_name, {
            "rates": GstRate.objects.select_related("created_by"), "form": form or GstRateForm(),
        })

    def post(self, request):
        if not roles.in_group(request.user, roles.FINANCE):
            raise PermissionDenied(_("Finance staff keep the GST rates."))
        form = GstRateForm(request.POST)
        if not form.is_valid():
            return self.get(request, form)
        try:
            tax.record_gst_rate(
                user=request.user, hsn_code=form.cleaned_data["hsn_code"],
                rate=form.cleaned_data["rate_percent"] / 100,
                valid_from=form.cleaned_data["valid_from"], note=form.cleaned_data["note"])
        except ValidationError as exc:
            _errors(request, exc)
            return self.get(request, form)
        messages.success(request, _("GST rate saved."))
        return redirect("bulk-dashboard:bulk-gst-rates")

