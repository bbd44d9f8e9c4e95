from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from .models import Concession, Event


class EventForm(forms.ModelForm):
    class Meta:
        model = Event
        fields = ["name", "place", "starts_on", "ends_on", "notes"]
        widgets = {
            "starts_on": forms.DateInput(attrs={"type": "date"}),
            "ends_on": forms.DateInput(attrs={"type": "date"}),
            "notes": forms.Textarea(attrs={"rows": 3}),
        }

    def clean(self):
        data = super().clean()
        if data.get("starts_on") and data.get("ends_on") and data["ends_on"] < data["starts_on"]:
            self.add_error("ends_on", _("The last day cannot be before the first."))
        return data


class ConcessionForm(forms.ModelForm):
    class Meta:
        model = Concession
        fields = ["name", "max_percent_off"]

    def clean_max_percent_off(self):
        value = self.cleaned_data["max_percent_off"]
        if value is None or not 0 < value <= 100:
            raise forms.ValidationError(_("Between 0 and 100 percent."))
        return value


class StaffForm(forms.Form):
    email = forms.EmailField(label=_("Email of the staff member"))
    is_manager = forms.BooleanField(label=_("May close days"), required=False)

    def clean_email(self):
        email = self.cleaned_data["email"]
        user = get_user_model().objects.filter(email__iexact=email, is_active=True).first()
        if user is None:
            raise forms.ValidationError(_("Nobody with that email has an account."))
        self.user = user
        return email
