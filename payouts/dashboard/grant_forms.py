"""Forms of the seed-grant screens (issue 21): short, one column, big targets for a phone."""

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from artisans.selectors import active_artisans

from ..grant_models import FOLLOW_UP_MONTHS, GrantRisk, SeedGrant
from .forms import RupeesField

TEXTAREA = {"rows": 2}


class PhoneForm(forms.Form):
    """Bootstrap's full-width inputs on every box (radio buttons stay as they are)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.style()

    def style(self):
        for field in self.fields.values():
            if not isinstance(field.widget, forms.RadioSelect):
                field.widget.attrs.setdefault("class", "form-control")


class ApplicationForm(PhoneForm):
    artisan = forms.ModelChoiceField(active_artisans(), label=_("Maker"),
                                     empty_label=_("Choose her pseudonym"))
    business = forms.CharField(max_length=300, label=_("What business she proposes"),
                               widget=forms.Textarea(attrs=TEXTAREA))
    where_to_sell = forms.CharField(max_length=300, label=_("Where she will sell"))
    amount_asked = RupeesField(label=_("Amount she asks for (INR)"),
                               widget=forms.NumberInput(attrs={"inputmode": "decimal"}))
    already_has = forms.CharField(required=False, label=_("What she already has"),
                                  widget=forms.Textarea(attrs=TEXTAREA))


class AssessmentForm(PhoneForm):
    """One box a risk: how it is handled, as agreed with her (blank: not a risk for her)."""

    def __init__(self, *args, grant=None, **kwargs):
        initial = kwargs.setdefault("initial", {})
        if grant is not None:
            for row in grant.risks.all():
                initial.setdefault(row.risk, row.how_handled)
        super().__init__(*args, **kwargs)
        for code, label, kind in GrantRisk.RISKS:
            self.fields[code] = forms.CharField(
                required=False, label=label, widget=forms.Textarea(attrs=TEXTAREA),
                help_text=_("How it is handled (leave empty if it is not a risk for her)."))
            self.fields[code].kind = kind
        self.style()

    def groups(self):
        """The boxes in two groups: risks she can deal with, risks beyond her control."""
        return [(label, [self[code] for code, _l, k in GrantRisk.RISKS if k == kind])
                for kind, label in GrantRisk.KINDS]

    def clean(self):
        data = super().clean()
        if not any((data.get(code) or "").strip() for code, _l, _k in GrantRisk.RISKS):
            raise forms.ValidationError(
                _("Write how at least one risk is handled: the assessment is done with her."))
        return data


class DecisionForm(PhoneForm):
    outcome = forms.ChoiceField(choices=SeedGrant.DECISIONS, widget=forms.RadioSelect,
                                label=_("Decision"))
    amount = RupeesField(required=False, label=_("Amount to disburse (INR)"),
                         widget=forms.NumberInput(attrs={"inputmode": "decimal"}))
    revisit_on = forms.DateField(required=False, label=_("Date to revisit"),
                                 widget=forms.DateInput(attrs={"type": "date"}))
    reason_told = forms.CharField(
        required=False, label=_("The reason, as told to her"),
        widget=forms.Textarea(attrs=TEXTAREA),
        help_text=_("In words fit to say to her: she is told this reason."))
    note = forms.CharField(required=False, label=_("Note for the team"),
                           widget=forms.Textarea(attrs=TEXTAREA))


class FollowUpForm(PhoneForm):
    months = forms.TypedChoiceField(
        coerce=int, label=_("Follow-up"),
        choices=[(m, _("%(m)d months") % {"m": m}) for m in FOLLOW_UP_MONTHS])
    running = forms.TypedChoiceField(
        coerce=lambda v: v == "yes", widget=forms.RadioSelect, label=_("Is the business running?"),
        choices=[("yes", _("Yes, it is running")), ("no", _("No, it has stopped"))])
    earned = RupeesField(min_value=Decimal("0"), label=_("What it earned last month (INR)"),
                         widget=forms.NumberInput(attrs={"inputmode": "decimal"}))
    notes = forms.CharField(required=False, label=_("Notes"),
                            widget=forms.Textarea(attrs=TEXTAREA))
