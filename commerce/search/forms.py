from django import forms
from django.utils.translation import gettext_lazy as _

from catalogue.selectors import DEFAULT_SORT, SORT_ORDERS


class SearchForm(forms.Form):
    """The keyword box in every page's header (Oscar's context processor renders it)."""

    q = forms.CharField(
        required=False,
        max_length=200,
        label=_("Search"),
        widget=forms.TextInput(attrs={"type": "search", "placeholder": _("Search bags, pouches…")}),
    )


class SortForm(forms.Form):
    sort_by = forms.ChoiceField(
        required=False,
        label=_("Sort by"),
        choices=[(key, _(label)) for key, (label, _order) in SORT_ORDERS.items()],
        initial=DEFAULT_SORT,
    )

    def sort(self) -> str:
        if self.is_valid() and self.cleaned_data["sort_by"]:
            return self.cleaned_data["sort_by"]
        return DEFAULT_SORT
