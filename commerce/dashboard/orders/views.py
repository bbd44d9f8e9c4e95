"""Refunding an order (whole or some lines, or an amount on one line) from Oscar's dashboard,
through Stripe."""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView
from oscar.core.loading import get_model

from catalogue.money import rupees
from commerce import payments
from commerce.checkout import refund_by_amount, refunds

from .amount_refund import AmountRefundForm, refundable_rows

Order = get_model("order", "Order")


class RefundForm(forms.Form):
    include_shipping = forms.BooleanField(
        required=False, label=gettext_lazy("Refund the shipping charge")
    )

    def __init__(self, *args, order, remaining, shipping_open, **kwargs):
        super().__init__(*args, **kwargs)
        self.order = order
        self.lines = list(order.lines.all())
        for line in self.lines:
            left = remaining.get(line.pk, 0)
            self.fields[f"line_{line.pk}"] = forms.IntegerField(
                min_value=0, max_value=left, initial=0, required=False,
                label=line.title, disabled=left == 0,
            )
        if not shipping_open or not order.shipping_incl_tax:
            self.fields["include_shipping"].disabled = True

    def line_fields(self):
        return [(line, self[f"line_{line.pk}"]) for line in self.lines]

    def chosen(self):
        return [
            (line, self.cleaned_data.get(f"line_{line.pk}") or 0)
            for line in self.lines
            if self.cleaned_data.get(f"line_{line.pk}")
        ]


class OrderRefundView(FormView):
    template_name = "oscar/dashboard/orders/order_refund.html"
    form_class = RefundForm

    def dispatch(self, request, *args, **kwargs):
        self.order = get_object_or_404(Order, number=kwargs["number"])
        return super().dispatch(request, *args, **kwargs)

    def remaining(self):
        done = refunds.refunded_quantities(self.order)
        return {line.pk: line.quantity - done.get(line.pk, 0) for line in self.order.lines.all()}

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs.update(
            order=self.order,
            remaining=self.remaining(),
            shipping_open=not refunds.shipping_refunded(self.order),
        )
        return kwargs

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        captured = refunds.PaymentAttempt.objects.filter(order=self.order, captured=True).first()
        ctx.update(
            order=self.order,
            captured=rupees(captured.amount_paise) if captured else None,
            refunded=rupees(refunds.refunded_paise(self.order)),
            past_refunds=refunds.StripeRefund.objects.filter(order=self.order),
            amount_form=kwargs.get("amount_form") or AmountRefundForm(order=self.order),
            refundable=refundable_rows(self.order),
        )
        return ctx

    def post_amount(self, request):
        form = AmountRefundForm(request.POST, order=self.order)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(amount_form=form))
        try:
            record = refund_by_amount.refund_line_amount(
                self.order, line=form.chosen_line(), amount=form.cleaned_data["amount"],
                reason=form.cleaned_data["reason"], user=request.user)
        except ValidationError as exc:
            for message in exc.messages:
                form.add_error("amount", message)
            return self.render_to_response(self.get_context_data(amount_form=form))
        except payments.PaymentError as exc:
            messages.error(request, _("Stripe refused the refund: %s") % exc)
            return self.render_to_response(self.get_context_data(amount_form=form))
        return self.refunded(request, record)

    def refunded(self, request, record):
        messages.success(
            request,
            _("Refunded ₹%(amount)s to the buyer's card (%(id)s). They have been emailed.")
            % {"amount": rupees(record.amount_paise), "id": record.refund_id},
        )
        return redirect(reverse("dashboard:order-detail", kwargs={"number": self.order.number}))

    def post(self, request, *args, **kwargs):
        if request.POST.get("action") == "amount":
            return self.post_amount(request)
        form = self.get_form()
        if request.POST.get("whole_order"):
            lines = [
                (line, left)
                for line in self.order.lines.all()
                if (left := self.remaining()[line.pk]) > 0
            ]
            include_shipping = not refunds.shipping_refunded(self.order)
        elif form.is_valid():
            lines, include_shipping = form.chosen(), form.cleaned_data["include_shipping"]
        else:
            return self.form_invalid(form)
        try:
            record = refunds.refund_order(
                self.order, lines=lines, include_shipping=include_shipping, user=request.user
            )
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
            return self.form_invalid(form)
        except payments.PaymentError as exc:
            messages.error(request, _("Stripe refused the refund: %s") % exc)
            return self.form_invalid(form)
        return self.refunded(request, record)
