"""The refund-by-amount form on the dashboard's refund page (issue 18): one line, an amount in
rupees, and why. The rule for who gives it back is payouts.refund_rules; this form only reads
what a person typed and shows what each reason can still give back."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from catalogue.money import rupees
from payouts import refunds as ledger_refunds
from payouts.refund_rules import FAULTY, GOODWILL

REASON_CHOICES = [
    (GOODWILL, _("Goodwill / late delivery: from the shop's margin and GST, the maker's share "
                 "untouched")),
    (FAULTY, _("Faulty piece (a damaged handle): every part reduced pro rata, the maker's share "
               "too")),
]


class AmountRefundForm(forms.Form):
    line = forms.TypedChoiceField(label=_("Piece"), coerce=int)
    amount = forms.CharField(label=_("Amount to refund (₹)"), max_length=20,
                             widget=forms.TextInput(attrs={"inputmode": "decimal"}))
    reason = forms.ChoiceField(label=_("Why"), choices=REASON_CHOICES,
                               widget=forms.RadioSelect)

    def __init__(self, *args, order, **kwargs):
        super().__init__(*args, prefix="amount", **kwargs)
        self.order = order
        self.lines = {line.pk: line for line in order.lines.all()}
        self.fields["line"].choices = [(pk, line.title) for pk, line in self.lines.items()]

    def chosen_line(self):
        return self.lines[self.cleaned_data["line"]]


def refundable_rows(order) -> list[dict]:
    """Per line: what a goodwill and a faulty-piece refund can still give back (rupees)."""
    rows = []
    for line in order.lines.all():
        try:
            state = ledger_refunds.line_left(order, line)
        except ValidationError:
            continue
        rows.append({"line": line, "goodwill": rupees(state.refundable(GOODWILL)),
                     "faulty": rupees(state.refundable(FAULTY))})
    return rows
