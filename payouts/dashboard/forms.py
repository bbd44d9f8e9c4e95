from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from ..models import SCHEDULE_VII_HEADS, FundDisbursement, PayoutLine, Programme


class RupeesField(forms.DecimalField):
    def __init__(self, **kwargs):
        kwargs.setdefault("max_digits", 12)
        kwargs.setdefault("decimal_places", 2)
        kwargs.setdefault("min_value", Decimal("0.01"))
        super().__init__(**kwargs)


class RunForm(forms.Form):
    period = forms.DateField(label=_("Month (any day in it)"), widget=forms.DateInput(attrs={"type": "date"}))


class StatementBatchForm(forms.Form):
    month = forms.DateField(label=_("Month (any day in it)"),
                            widget=forms.DateInput(attrs={"type": "date"}))
    language = forms.ChoiceField(label=_("Language"),
                                 choices=[("en", _("English")), ("bn", _("Bengali"))])


class HoldForm(forms.Form):
    line = forms.IntegerField(widget=forms.HiddenInput)
    hold = forms.BooleanField(required=False, label=_("Hold"))
    reason = forms.CharField(required=False, max_length=300, label=_("Reason"))


class MethodForm(forms.Form):
    line = forms.IntegerField(widget=forms.HiddenInput)
    method = forms.ChoiceField(choices=PayoutLine.METHODS, label=_("Method"))
    witness_name = forms.CharField(required=False, max_length=120, label=_("Witness (cash)"))


class PayForm(forms.Form):
    paid_on = forms.DateField(label=_("Paid on"), widget=forms.DateInput(attrs={"type": "date"}))
    reference = forms.CharField(max_length=120, label=_("Bank batch reference or note"))


class ReturnFileForm(forms.Form):
    file = forms.FileField(label=_("Bank's return file (CSV)"),
                           widget=forms.ClearableFileInput(attrs={"accept": ".csv,text/csv"}))


class SplitSettingForm(forms.Form):
    valid_from = forms.DateTimeField(label=_("In force from"),
                                     widget=forms.DateTimeInput(attrs={"type": "datetime-local"}))
    gst_rate = forms.DecimalField(label=_("GST rate (%)"), min_value=0, max_value=100, decimal_places=2)
    maker_share = forms.DecimalField(label=_("Maker's share of the net price (%)"), min_value=0,
                                     max_value=100, decimal_places=2)
    fund_share = forms.DecimalField(label=_("Training fund's share of the net price (%)"),
                                    min_value=0, max_value=100, decimal_places=2)
    note = forms.CharField(required=False, max_length=300, label=_("Note"))


class FundRequestForm(forms.Form):
    # A seed grant is not recorded here: it is decided in its own lifecycle (application, risk
    # assessment, decision: payouts.grants), which requests the same disbursement.
    head = forms.ChoiceField(
        choices=[c for c in FundDisbursement.HEADS if c[0] != FundDisbursement.SEED_GRANT],
        label=_("What for"))
    programme = forms.ModelChoiceField(Programme.objects.all(), required=False, label=_("Programme"))
    amount = RupeesField(label=_("Amount (INR)"))
    description = forms.CharField(max_length=300, label=_("Description"))


class ProgrammeForm(forms.Form):
    name = forms.CharField(max_length=200, label=_("Programme"))
    schedule_vii_head = forms.ChoiceField(choices=SCHEDULE_VII_HEADS, label=_("Schedule VII head"))
    description = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 2}))
    trainees = forms.IntegerField(min_value=0, required=False, initial=0,
                                  label=_("Artisans trained"))
