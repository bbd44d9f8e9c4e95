"""Checkout forms for Indian addresses: PIN code of 6 digits, a state or union territory."""

import re

from django import forms
from django.utils.translation import gettext_lazy as _
from oscar.apps.checkout import forms as oscar_forms
from oscar.apps.checkout.forms import *  # noqa: F403

from catalogue.india import STATES, pin_not_in_state

PIN_CODE = re.compile(r"^[1-9][0-9]{5}$")


class ShippingAddressForm(oscar_forms.ShippingAddressForm):
    state = forms.ChoiceField(
        label=_("State or union territory"),
        choices=[("", _("Choose…"))] + [(s, s) for s in STATES],
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        labels = {
            "line1": _("House, building, street"),
            "line2": _("Area, locality"),
            "line3": _("Landmark"),
            "line4": _("City or town"),
            "postcode": _("PIN code"),
            "phone_number": _("Mobile number"),
            "notes": _("Delivery instructions"),
        }
        for name, label in labels.items():
            if name in self.fields:
                self.fields[name].label = label
        self.fields["postcode"].widget.attrs.update(
            {"inputmode": "numeric", "pattern": "[1-9][0-9]{5}", "maxlength": "6",
             "autocomplete": "postal-code"}
        )
        self.fields["phone_number"].widget.attrs.update({"inputmode": "tel", "autocomplete": "tel"})
        self.fields["phone_number"].required = True
        autocomplete = {"first_name": "given-name", "last_name": "family-name",
                        "line1": "address-line1", "line2": "address-line2",
                        "line4": "address-level2", "state": "address-level1"}
        for name, value in autocomplete.items():
            if name in self.fields:
                self.fields[name].widget.attrs["autocomplete"] = value
        self.fields["line3"].required = False

    def clean_postcode(self):
        value = re.sub(r"\s+", "", self.cleaned_data.get("postcode") or "")
        if not PIN_CODE.match(value):
            raise forms.ValidationError(_("A PIN code is 6 digits, e.g. 700019."))
        return value

    def clean(self):
        cleaned = super().clean()
        pin, state = cleaned.get("postcode"), cleaned.get("state")
        if pin and state and (problem := pin_not_in_state(pin, state)):
            self.add_error("postcode", problem)
        return cleaned


class PaymentMethodForm(forms.Form):
    """What the browser's card Element gives back: a reference, never card data."""

    payment_method = forms.RegexField(
        regex=r"^(pm|card)_[A-Za-z0-9]{6,}$",
        error_messages={"invalid": _("Please enter your card details again.")},
        widget=forms.HiddenInput,
    )
    card_label = forms.CharField(max_length=60, required=False, widget=forms.HiddenInput)
