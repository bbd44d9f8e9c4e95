from django import forms
from django.utils.translation import gettext_lazy as _
from oscar.core.loading import get_model

from catalogue.money import rupees, to_paise

from ..bulk.selectors import orderable_products
from ..models.bulk import Shipment

Product = get_model("catalogue", "Product")


class RupeesField(forms.DecimalField):
    """Rupees typed by staff, handed on as integer paise."""

    def __init__(self, **kwargs):
        kwargs.setdefault("max_digits", 12)
        kwargs.setdefault("decimal_places", 2)
        kwargs.setdefault("min_value", 0)
        super().__init__(**kwargs)

    def clean(self, value):
        value = super().clean(value)
        return None if value is None else to_paise(value)


class AdjustForm(forms.Form):
    delivery_rupees = RupeesField(label=_("Delivery charge (INR, GST included)"), required=False)
    delivery_on = forms.DateField(label=_("Delivery date"), required=False,
                                  widget=forms.DateInput(attrs={"type": "date"}))
    reason = forms.CharField(label=_("Reason for the change (kept, the buyer may ask)"),
                             max_length=300)

    def __init__(self, *args, quote=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.price_fields = []
        for line in quote.lines.all():
            name = f"price_{line.pk}"
            self.fields[name] = RupeesField(
                label=_("Unit price of %(t)s (INR, GST included)") % {"t": line.title},
                required=False, initial=rupees(line.unit_paise))
            self.price_fields.append((line, name))
        self.fields["delivery_rupees"].initial = rupees(quote.delivery_paise)
        self.fields["delivery_on"].initial = quote.delivery_on

    def unit_prices(self):
        return {line.pk: self.cleaned_data[name] for line, name in self.price_fields
                if self.cleaned_data.get(name) is not None}


class NetTermsForm(forms.Form):
    allows_net_terms = forms.BooleanField(label=_("Allow net terms (30 days, bank transfer)"),
                                          required=False)


class TierForm(forms.Form):
    product = forms.ModelChoiceField(label=_("Product"), queryset=Product.objects.none())
    min_quantity = forms.IntegerField(label=_("From quantity"), min_value=2)
    unit_rupees = RupeesField(label=_("Unit price (INR, GST included)"), min_value=1)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["product"].queryset = orderable_products()


class GstRateForm(forms.Form):
    hsn_code = forms.RegexField(label=_("HSN code"), regex=r"^\d{4}(\d{2}){0,2}$")
    rate_percent = forms.DecimalField(label=_("GST rate (%)"), min_value=0, max_value=100,
                                      max_digits=5, decimal_places=2)
    valid_from = forms.DateField(label=_("In force from"),
                                 widget=forms.DateInput(attrs={"type": "date"}))
    note = forms.CharField(label=_("Notification"), max_length=300, required=False)


class ShipmentsForm(forms.Form):
    status = forms.ChoiceField(label=_("Mark as"), choices=[
        (Shipment.PACKED, _("Packed")), (Shipment.DELIVERED, _("Delivered"))])
    rows = forms.CharField(label=_("Rows (e.g. 2-50, 53; empty: all)"), required=False)


class DispatchForm(forms.Form):
    carrier = forms.CharField(label=_("Carrier"), max_length=60)
    references = forms.CharField(
        label=_("One line per parcel: row of the recipients file, carrier reference"),
        widget=forms.Textarea(attrs={"rows": 6}))


class CreditForm(forms.Form):
    reason = forms.CharField(label=_("Why these pieces are cancelled"), max_length=300)
    parcel_row = forms.IntegerField(
        label=_("Parcel it applies to (row of the recipients file; empty: the parcels still "
                "to pack, last rows first)"), min_value=1, required=False)


class PiecesMadeForm(forms.Form):
    pieces = forms.IntegerField(label=_("Pieces arrived from the workshop"), min_value=1)


class PaymentForm(forms.Form):
    amount_rupees = RupeesField(label=_("Amount received (INR)"), min_value=0.01)
    bank_reference = forms.CharField(label=_("Bank reference (UTR)"), max_length=60)
    received_on = forms.DateField(label=_("Received on"),
                                  widget=forms.DateInput(attrs={"type": "date"}))
