"""Card payment of a bulk order's tax invoice ("card payment now"), at
/partners/bulk/invoices/<pk>/pay/ (bulk/urls.py). Only commerce.payments talks to Stripe: these
pages call it, and record the attempt and the payment through ``ordering``.

The same server-side confirmation as the checkout (DESIGN.md sections 5 and 10): the browser's
card Element gives a reference, the server creates and confirms a PaymentIntent that only
authorises, stores its id on the attempt before anything else, runs 3-D Secure when the bank
asks, reads the intent back authorised for the exact amount, captures, and records the payment
(posted from Stripe clearing against the company's receivable).
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.cache import never_cache

from commerce import payments
from csr_partners.bulk import ordering, selectors

logger = logging.getLogger("csr_partners.bulk.card_payments")


def _stripe_context():
    return {"stripe_js_url": settings.STRIPE_JS_URL,
            "stripe_publishable_key": settings.STRIPE_PUBLISHABLE_KEY,
            "stripe_flavour": settings.STRIPE_JS_FLAVOUR}


def _order_page(invoice):
    return redirect("csr_partners:bulk:order", pk=invoice.bulk_order_id)


@method_decorator(never_cache, name="dispatch")
class PayInvoiceView(LoginRequiredMixin, View):
    template_name = "csr_partners/bulk/pay.html"

    def get(self, request, pk):
        invoice = selectors.invoice_for(request.user, pk)
        outstanding = selectors.amount_outstanding(invoice)
        if outstanding <= 0:
            messages.info(request, _("This invoice is paid."))
            return _order_page(invoice)
        return render(request, self.template_name, {
            "invoice": invoice, "outstanding": outstanding, **_stripe_context()})

    def post(self, request, pk):
        invoice = selectors.invoice_for(request.user, pk)
        method = request.POST.get("payment_method", "")
        if not method.startswith(("pm_", "card_")):
            messages.error(request, _("Please enter your card details again."))
            return redirect("csr_partners:bulk:pay", pk=pk)
        try:
            attempt = ordering.open_card_payment(user=request.user, invoice=invoice,
                                                 payment_method=method)
        except ValidationError as exc:
            messages.error(request, exc.messages[0])
            return _order_page(invoice)
        try:
            if attempt.intent_id:  # a double submit: the intent we made is the answer
                intent = payments.retrieve_intent(attempt.intent_id)
            else:
                intent = payments.create_authorisation(
                    amount_paise=attempt.amount_paise, currency="INR", payment_method=method,
                    idempotency_key=f"haat-invoice-{invoice.pk}-{attempt.pk}",
                    metadata={"invoice": invoice.number, "card_payment": attempt.pk},
                )
                ordering.card_intent_made(attempt, intent.id,
                                          needs_action=intent.status == "requires_action")
        except payments.CardDeclined as exc:
            ordering.card_failed(attempt, str(exc))
            messages.error(request, str(exc) or _("Your card was declined. No money was taken."))
            return redirect("csr_partners:bulk:pay", pk=pk)
        except payments.PaymentError as exc:
            logger.error("Invoice %s: Stripe refused the intent: %s", invoice.number, exc)
            ordering.card_failed(attempt, str(exc))
            messages.error(request, _("We could not take the payment just now, and no money "
                                      "was taken. Please try again."))
            return redirect("csr_partners:bulk:pay", pk=pk)
        return _finish(request, invoice, attempt, intent)


@method_decorator(never_cache, name="dispatch")
class PayInvoiceReturnView(LoginRequiredMixin, View):
    """After 3-D Secure: read the intent back from Stripe and finish."""

    def post(self, request, pk):
        invoice = selectors.invoice_for(request.user, pk)
        attempt = invoice.card_payments.filter(state="action").first()
        if attempt is None or not attempt.intent_id:
            return _order_page(invoice)
        return _finish(request, invoice, attempt, payments.retrieve_intent(attempt.intent_id))


def _finish(request, invoice, attempt, intent):
    if intent.status == "requires_action":
        return render(request, "csr_partners/bulk/pay_authenticate.html", {
            "invoice": invoice, "client_secret": intent.client_secret, **_stripe_context()})
    if intent.status in ("requires_capture", "succeeded"):
        if not intent.matches(attempt.amount_paise, "INR"):
            payments.cancel(intent.id)
            ordering.card_failed(attempt, "intent does not match the invoice")
            messages.error(request, _("The payment did not match the invoice; nothing was "
                                      "taken. Please try again."))
            return redirect("csr_partners:bulk:pay", pk=invoice.pk)
        if intent.status == "requires_capture":
            intent = payments.capture(intent.id, idempotency_key=f"haat-invoice-{attempt.pk}-cap")
        ordering.record_card_payment(card_payment=attempt, intent_id=intent.id,
                                     amount_paise=intent.amount)
        messages.success(request, _("Thank you: invoice %(n)s is paid.") % {"n": invoice.number})
        return _order_page(invoice)
    message = intent.error_message or _("Your card was declined. No money was taken.")
    ordering.card_failed(attempt, message)
    messages.error(request, message)
    return redirect("csr_partners:bulk:pay", pk=invoice.pk)
