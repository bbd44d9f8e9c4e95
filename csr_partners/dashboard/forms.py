from decimal import Decimal

from django import forms
from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from oscar.core.loading import get_model

from catalogue.money import format_paise_figure, rupees, to_paise

from .. import services
from ..models import Company, TieUp

Product = get_model("catalogue", "Product")
Category = get_model("catalogue", "Category")


class CompanyForm(forms.ModelForm):
    class Meta:
        model = Company
        fields = ["name", "gstin", "billing_address", "billing_state", "billing_pin_code",
                  "email_domains"]
        widgets = {"billing_address": forms.Textarea(attrs={"rows": 3}),
                   "email_domains": forms.Textarea(attrs={"rows": 2})}

    def clean_gstin(self):
        return (self.cleaned_data.get("gstin") or "").strip().upper()


class ContactForm(forms.Form):
    email = forms.EmailField(label=_("Add a CSR contact (e-mail of a shop account)"))

    def clean_email(self):
        email = self.cleaned_data["email"].strip()
        user = get_user_model().objects.filter(email__iexact=email, is_active=True).first()
        if user is None:
            raise forms.ValidationError(_("No active account uses %(e)s: ask them to register "
                                          "first.") % {"e": email})
        self.user = user
        return email


class PaymentForm(forms.Form):
    amount = forms.DecimalField(label=_("Amount (INR)"), min_value=Decimal("0.01"),
                                max_digits=12, decimal_places=2)
    bank_reference = forms.CharField(label=_("Bank transfer reference (UTR)"), max_length=64)
    received_on = forms.DateField(label=_("Received on"), initial=timezone.localdate,
                                  widget=forms.DateInput(attrs={"type": "date"}))


class TieUpForm(forms.ModelForm):
    cap = forms.DecimalField(label=_("Cap (INR)"), min_value=Decimal("1"), max_digits=12,
                             decimal_places=2, help_text=_("The most the company gives."))
    products = forms.ModelMultipleChoiceField(
        Product.objects.filter(parent__isnull=True).order_by("title"), required=False,
        label=_("Eligible products"), widget=forms.SelectMultiple(attrs={"size": 8}))
    categories = forms.ModelMultipleChoiceField(
        Category.objects.order_by("path"), required=False, label=_("Eligible categories"))

    class Meta:
        model = TieUp
        fields = ["company", "name", "rate", "basis", "starts_on", "ends_on", "products",
                  "categories", "active", "includes_bulk_orders"]
        widgets = {"starts_on": forms.DateInput(attrs={"type": "date"}),
                   "ends_on": forms.DateInput(attrs={"type": "date"})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial["cap"] = rupees(self.instance.cap_paise)

    def clean_rate(self):
        rate = self.cleaned_data.get("rate")
        if rate is not None and not Decimal(0) <= rate <= Decimal(100):
            raise forms.ValidationError(_("A rate is between 0% and 100%."))
        return rate

    def clean(self):
        data = super().clean()
        starts, ends = data.get("starts_on"), data.get("ends_on")
        if starts and ends and ends < starts:
            self.add_error("ends_on", _("The last day is before the first."))
        products, categories = data.get("products"), data.get("categories")
        if products is not None and categories is not None and not products and not categories:
            raise forms.ValidationError(_("Choose the eligible products or categories."))
        cap = data.get("cap")
        if cap is not None:
            cap_paise = to_paise(cap)
            if self.instance.pk and cap_paise < self.instance.pledged_paise:
                self.add_error("cap", _("INR %(p)s is already pledged: the cap cannot be lower.")
                               % {"p": format_paise_figure(self.instance.pledged_paise)})
            self.instance.cap_paise = cap_paise
        if starts and ends and data.get("company") and (products or categories) \
                and not self.errors:
            probe = TieUp(pk=self.instance.pk, company=data["company"], starts_on=starts,
                          ends_on=ends)
            clashes = services.overlapping_tieups(
                probe, [p.pk for p in products or []], [c.pk for c in categories or []])
            if clashes:
                raise forms.ValidationError(
                    _("These dates overlap “%(t)s” (%(a)s – %(b)s) of the same company for some "
                      "of the same products: a bag would be pledged on twice.")
                    % {"t": clashes[0].name, "a": clashes[0].starts_on, "b": clashes[0].ends_on})
        return data
