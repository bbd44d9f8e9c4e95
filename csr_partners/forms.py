import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class VerificationForm(forms.Form):
    """A shopper's work e-mail; a guest also gives the e-mail they check out with."""

    work_email = forms.EmailField(label=_("Your work e-mail"),
                                  widget=forms.EmailInput(attrs={"autocomplete": "email"}))
    guest_email = forms.EmailField(
        label=_("The e-mail you check out with"), required=False,
        help_text=_("Not signed in? Your company's gift is matched to the order by this "
                    "address."))
    next = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, signed_in=False, **kwargs):
        super().__init__(*args, **kwargs)
        if signed_in:
            del self.fields["guest_email"]


class ReportPeriodForm(forms.Form):
    start = forms.DateField(label=_("From"), widget=forms.DateInput(attrs={"type": "date"}))
    end = forms.DateField(label=_("To"), widget=forms.DateInput(attrs={"type": "date"}))

    def clean(self):
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if start and end:
            if end < start:
                raise forms.ValidationError(_("The period ends before it starts."))
            if (end - start).days > 366 * 3:
                raise forms.ValidationError(_("Choose a period of at most three years."))
        return data

    @staticmethod
    def default_period():
        """India's financial year so far (1 April to today), as CSR reporting runs."""
        today = timezone.localdate()
        year = today.year if today.month >= 4 else today.year - 1
        return datetime.date(year, 4, 1), today
