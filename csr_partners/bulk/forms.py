"""The buyer's forms for bulk orders; the checks that matter live in the service modules."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..models.bulk import Quote, QuoteRequest
from .india import STATES
from .recipients import GIFT_MESSAGE_MAX
from .selectors import orderable_products

MAX_PRODUCTS = 10


class QuoteRequestForm(forms.Form):
    wanted_by = forms.DateField(label=_("Wanted delivery date"),
                                widget=forms.DateInput(attrs={"type": "date"}))
    delivery = forms.ChoiceField(label=_("Delivery"), choices=QuoteRequest.DELIVERIES,
                                 widget=forms.RadioSelect, initial=QuoteRequest.MANY)
    notes = forms.CharField(label=_("Anything we should know"), required=False,
                            widget=forms.Textarea(attrs={"rows": 3}), max_length=2000)

    def clean_wanted_by(self):
        value = self.cleaned_data["wanted_by"]
        if value <= timezone.localdate():
            raise forms.ValidationError(_("Choose a date in the future."))
        return value


class QuoteLineForm(forms.Form):
    product = forms.ModelChoiceField(label=_("Product"), queryset=None, required=False,
                                     empty_label=_("Choose a product…"))
    quantity = forms.IntegerField(label=_("Pieces"), min_value=1, max_value=100_000,
                                  required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["product"].queryset = orderable_products()
        self.fields["quantity"].widget.attrs["inputmode"] = "numeric"

    def clean(self):
        data = super().clean()
        if data.get("product") and not data.get("quantity"):
            self.add_error("quantity", _("How many pieces?"))
        if data.get("quantity") and not data.get("product"):
            self.add_error("product", _("Which product?"))
        return data


QuoteLineFormSet = forms.formset_factory(QuoteLineForm, extra=3, max_num=MAX_PRODUCTS,
                                         validate_max=True)


class AcceptForm(forms.Form):
    po_number = forms.CharField(label=_("Your purchase order (PO) number"), max_length=60)
    payment = forms.ChoiceField(label=_("Payment"), choices=Quote.PAYMENTS,
                                widget=forms.RadioSelect)

    def __init__(self, *args, allow_net_terms=False, **kwargs):
        super().__init__(*args, **kwargs)
        if not allow_net_terms:
            self.fields["payment"].choices = [(Quote.CARD, Quote.PAYMENTS[0][1])]
            self.fields["payment"].initial = Quote.CARD
            self.fields["payment"].help_text = _(
                "Net terms (30 days, bank transfer) are open to companies the shop has "
                "approved; ask us.")


class RecipientsFileForm(forms.Form):
    file = forms.FileField(label=_("Recipients file (CSV)"),
                           widget=forms.ClearableFileInput(attrs={"accept": ".csv,text/csv"}))


class SingleAddressForm(forms.Form):
    name = forms.CharField(label=_("Receiver's name"), max_length=120)
    address_line1 = forms.CharField(label=_("House, building, street"), max_length=200)
    address_line2 = forms.CharField(label=_("Area, locality"), max_length=200, required=False)
    city = forms.CharField(label=_("City or town"), max_length=80)
    state = forms.ChoiceField(label=_("State or union territory"),
                              choices=[("", _("Choose…"))] + [(s, s) for s in STATES])
    pin_code = forms.CharField(label=_("PIN code"), max_length=7,
                               widget=forms.TextInput(attrs={"inputmode": "numeric"}))
    phone = forms.CharField(label=_("Mobile number"), max_length=20,
                            widget=forms.TextInput(attrs={"inputmode": "tel"}))
    gift_message = forms.CharField(label=_("Gift message (optional)"), required=False,
                                   max_length=GIFT_MESSAGE_MAX,
                                   widget=forms.Textarea(attrs={"rows": 2}))
