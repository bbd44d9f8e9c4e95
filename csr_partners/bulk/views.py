"""The company buyer's bulk-order pages at /partners/bulk/. Every object is fetched through
``selectors`` (scoped to the buyer's company); every change through a service module
(``quoting``, ``recipient_lists``, ``ordering``). Card payment: card_payments.py."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.cache import never_cache
from django_ratelimit.decorators import ratelimit

from ..models.bulk import Quote, QuoteRequest
from . import documents, ordering, pricing, quoting, recipient_lists, roles, selectors
from .forms import (
    AcceptForm,
    QuoteLineFormSet,
    QuoteRequestForm,
    RecipientsFileForm,
    SingleAddressForm,
)
from .recipients import COLUMNS, faults_csv


def _errors(request, exc):
    if isinstance(exc, ValidationError) and hasattr(exc, "error_dict"):
        for field_errors in exc.message_dict.values():
            for message in field_errors:
                messages.error(request, message)
        return
    for message in getattr(exc, "messages", [str(exc)]):
        messages.error(request, message)


@method_decorator(never_cache, name="dispatch")
class BuyerView(LoginRequiredMixin, View):
    """Signed-in buyers of a company only (scoping again in every selector)."""

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.company = roles.company_of(request.user)
            if self.company is None:
                raise PermissionDenied(_("Bulk orders are for companies' buyers."))
        return super().dispatch(request, *args, **kwargs)

    def render(self, request, template, context):
        return render(request, template, {"company": self.company, "partner_section": "bulk",
                                          **context})


class HomeView(BuyerView):
    def get(self, request):
        return self.render(request, "csr_partners/bulk/home.html", {
            "company": self.company,
            "quotes": selectors.quotes_for(request.user).exclude(status=Quote.ORDERED)[:50],
            "orders": selectors.orders_for(request.user)[:50],
        })


def _rate(group, request):
    """The rate of a named limit in settings.HAAT_RATE_LIMITS (None: no limit)."""
    return settings.HAAT_RATE_LIMITS.get(group)


# Each request is a job for the team: a script cannot bury them in quotes (429 past the limit).
@method_decorator(ratelimit(group="quote-request", key="user_or_ip", rate=_rate, method="POST",
                            block=True), name="post")
class RequestQuoteView(BuyerView):
    template_name = "csr_partners/bulk/request.html"

    def get(self, request, form=None, lines=None):
        return self.render(request, self.template_name, {
            "company": self.company, "form": form or QuoteRequestForm(),
            "lines": lines or QuoteLineFormSet(prefix="lines"),
        })

    def post(self, request):
        form = QuoteRequestForm(request.POST)
        lines = QuoteLineFormSet(request.POST, prefix="lines")
        if not (form.is_valid() and lines.is_valid()):
            return self.get(request, form, lines)
        wanted = [(f.cleaned_data["product"], f.cleaned_data["quantity"])
                  for f in lines.forms if f.cleaned_data.get("product")]
        try:
            quote = quoting.request_quote(
                user=request.user, company=self.company, lines=wanted,
                wanted_by=form.cleaned_data["wanted_by"],
                delivery=form.cleaned_data["delivery"], notes=form.cleaned_data["notes"],
            )
        except ValidationError as exc:
            _errors(request, exc)
            return self.get(request, form, lines)
        messages.success(request, _("Thank you. Our team will check the quote and send it to "
                                    "you, usually within a working day."))
        return redirect("csr_partners:bulk:quote", pk=quote.pk)


class QuoteView(BuyerView):
    template_name = "csr_partners/bulk/quote.html"

    def get(self, request, pk, accept_form=None, address_form=None):
        quote = selectors.quote_for(request.user, pk)
        if quote.status == Quote.ORDERED:
            return redirect("csr_partners:bulk:order", pk=quote.bulk_order.pk)
        context = {"company": self.company, "quote": quote, "request_": quote.request,
                   **pricing.quote_totals(quote)}
        if quote.status == Quote.SENT and not quote.is_expired:
            context["accept_form"] = accept_form or AcceptForm(
                allow_net_terms=self.company.allows_net_terms)
        if quote.status == Quote.ACCEPTED:
            # The upload before its recipients: a worker saves both in one transaction, so an
            # upload read as checked means its recipients are there to count. Read the other
            # way round, a check finishing in between showed "checked" with no recipients and
            # the page, no longer checking, never reloaded.
            upload = quote.uploads.first()
            recipients = quote.recipients.all()
            context.update({
                "recipients_count": recipients.count(),
                "recipients_preview": recipients[:10],
                "upload": upload,
                "file_form": RecipientsFileForm(),
                "address_form": address_form or SingleAddressForm(),
                "one_address": quote.request.delivery == QuoteRequest.ONE,
                "columns": COLUMNS,
            })
        return self.render(request, self.template_name, context)


class AcceptView(BuyerView):
    def post(self, request, pk):
        quote = selectors.quote_for(request.user, pk)
        form = AcceptForm(request.POST,
                          allow_net_terms=self.company.allows_net_terms)
        if not form.is_valid():
            return self._again(request, pk, form)
        try:
            quoting.accept_quote(user=request.user, quote=quote, **form.cleaned_data)
        except ValidationError as exc:
            _errors(request, exc)
        else:
            messages.success(request, _("Quote accepted. Now add the recipients."))
        return redirect("csr_partners:bulk:quote", pk=pk)

    def _again(self, request, pk, form):
        view = QuoteView()
        view.company = self.company
        return view.get(request, pk, accept_form=form)


class UploadView(BuyerView):
    def post(self, request, pk):
        quote = selectors.quote_for(request.user, pk)
        form = RecipientsFileForm(request.POST, request.FILES)
        if not form.is_valid():
            for message in form.errors.get("file", []):
                messages.error(request, message)
            return redirect("csr_partners:bulk:quote", pk=pk)
        try:
            recipient_lists.start_upload(user=request.user, quote=quote,
                                         uploaded=form.cleaned_data["file"])
        except ValidationError as exc:
            _errors(request, exc)
        return redirect(reverse("csr_partners:bulk:quote", kwargs={"pk": pk}) + "#recipients")


class UploadStatusView(BuyerView):
    """Polled by bulk-upload.js while a file is checked."""

    def get(self, request, pk):
        upload = selectors.upload_for(request.user, pk)
        return JsonResponse({
            "status": upload.status, "done": upload.rows_done, "total": upload.rows_total,
            "faults": len(upload.faults),
        })


class UploadFaultsView(BuyerView):
    def get(self, request, pk):
        from .recipients import Fault

        upload = selectors.upload_for(request.user, pk)
        body = faults_csv([Fault(*f) for f in upload.faults])
        response = HttpResponse(body, content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="recipients-faults-{pk}.csv"'
        return response


class AddressView(BuyerView):
    def post(self, request, pk):
        quote = selectors.quote_for(request.user, pk)
        form = SingleAddressForm(request.POST)
        if form.is_valid():
            try:
                recipient_lists.set_single_address(user=request.user, quote=quote,
                                                   data=form.cleaned_data)
            except ValidationError as exc:
                for field, errs in exc.message_dict.items():
                    for message in errs:
                        form.add_error(field if field in form.fields else None, message)
            else:
                messages.success(request, _("Delivery address saved."))
                return redirect("csr_partners:bulk:quote", pk=pk)
        view = QuoteView()
        view.company = self.company
        return view.get(request, pk, address_form=form)


class PlaceOrderView(BuyerView):
    def post(self, request, pk):
        quote = selectors.quote_for(request.user, pk)
        try:
            bulk = ordering.place_bulk_order(user=request.user, quote=quote)
        except ValidationError as exc:
            _errors(request, exc)
            return redirect("csr_partners:bulk:quote", pk=pk)
        messages.success(request, _("Order %(n)s placed. The tax invoice is below and on its "
                                    "way to your inbox.") % {"n": bulk.order.number})
        return redirect("csr_partners:bulk:order", pk=bulk.pk)


class OrderView(BuyerView):
    def get(self, request, pk):
        bulk = selectors.order_for(request.user, pk)
        shipments = bulk.shipments.select_related("recipient").order_by("recipient__row")
        page = Paginator(shipments, 50).get_page(request.GET.get("page"))
        invoices = list(selectors.invoices_of(bulk))
        for invoice in invoices:
            if invoice.kind == invoice.INVOICE:
                invoice.outstanding = selectors.amount_outstanding(invoice)
        return self.render(request, "csr_partners/bulk/order.html", {
            "company": self.company, "bulk": bulk, "quote": bulk.quote, "page": page,
            "counts": selectors.shipment_counts(bulk), "invoices": invoices,
        })


class ShipmentsCsvView(BuyerView):
    def get(self, request, pk):
        bulk = selectors.order_for(request.user, pk)
        response = HttpResponse(documents.shipments_csv(bulk),
                                content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = (
            f'attachment; filename="shipments-{bulk.order.number}.csv"')
        return response


def pdf_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


class InvoicePdfView(BuyerView):
    def get(self, request, pk):
        invoice = selectors.invoice_for(request.user, pk)
        return pdf_response(documents.invoice_pdf(invoice),
                            f"{invoice.number.replace('/', '-')}.pdf")


def einvoice_response(invoice) -> HttpResponse:
    from .einvoice import einvoice_json

    response = HttpResponse(einvoice_json(invoice), content_type="application/json")
    name = invoice.number.replace("/", "-")
    response["Content-Disposition"] = f'attachment; filename="{name}-einvoice.json"'
    return response


class InvoiceJsonView(BuyerView):
    """The invoice as GST e-invoice JSON (schema 1.1), for the buyer's accounts system."""

    def get(self, request, pk):
        return einvoice_response(selectors.invoice_for(request.user, pk))


class QuotePdfView(BuyerView):
    def get(self, request, pk):
        quote = selectors.quote_for(request.user, pk)
        if quote.status == Quote.DRAFT:
            raise PermissionDenied(_("The quote is still being prepared."))
        return pdf_response(documents.quote_pdf(quote), f"{quote.reference}.pdf")


class TemplateCsvView(BuyerView):
    """An empty recipients file with the right header, to fill in a spreadsheet."""

    def get(self, request):
        body = ",".join(COLUMNS) + "\r\n"
        response = HttpResponse(body, content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="recipients-template.csv"'
        return response
