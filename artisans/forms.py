"""Forms of the workshop (shelter staff) and the custodian's identity page."""

import datetime
import re

from django import forms
from django.utils.translation import gettext_lazy as _

from . import selectors
from .models import IDENTITY_FIELDS, BatchLine

MAKER_FIELD = "maker_%d"
_MAKER_KEY = re.compile(r"^maker_(\d+)$")
BENGALI_LETTER = re.compile(r"[\u0985-\u09B9\u09DC-\u09E1]")


class MultiplePhotoInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultiplePhotoField(forms.FileField):
    """Photos taken with the phone's camera (`capture="environment"`), several at once."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault(
            "widget",
            MultiplePhotoInput(attrs={"accept": "image/*", "capture": "environment"}),
        )
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(d, initial) for d in data if d]
        return [single(data, initial)] if data else []


class BatchForm(forms.Form):
    """A production batch: what, when, pieces per maker, piece rate, photos, notes."""

    what = forms.ChoiceField(label=_("What was made"))
    made_on = forms.DateField(
        label=_("Date made"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    piece_rate = forms.DecimalField(
        label=_("Piece rate (₹ per piece)"), max_digits=10, decimal_places=2,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
    )
    price = forms.DecimalField(
        label=_("Shop price of each one-off piece (₹)"), max_digits=10, decimal_places=2,
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
    )
    title_bn = forms.CharField(
        label=_("Name in Bengali, for the shop"), max_length=120, required=False,
        help_text=_("Optional. Shoppers reading the shop in Bengali see this name. "
                    "Leave it empty to keep the name the shop has."),
        widget=forms.TextInput(attrs={"lang": "bn", "autocomplete": "off"}),
    )
    photos = MultiplePhotoField(label=_("Photos"), required=False)
    notes = forms.CharField(
        label=_("Notes"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, shelter, batch=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.shelter = shelter
        self.batch = batch
        products, classes = selectors.batchable_products()
        self.products = {str(p.pk): p for p in products}
        self.classes = {str(c.pk): c for c in classes}
        self.fields["what"].choices = [
            ("", _("Choose…")),
            (_("Products in the shop"), [(f"p:{pk}", p.title) for pk, p in self.products.items()]),
            (_("One-off pieces"), [(f"c:{pk}", c.name) for pk, c in self.classes.items()]),
        ]
        self.makers = list(selectors.makers_for_shelter(shelter))
        existing = {}
        if batch is not None:
            existing = {line.artisan_id: line.pieces for line in batch.lines.all()}
            self.initial.setdefault(
                "what", f"p:{batch.product_id}" if batch.product_id else f"c:{batch.product_class_id}"
            )
            for name in ("made_on", "piece_rate", "price", "notes", "title_bn"):
                self.initial.setdefault(name, getattr(batch, name))
        self.initial.setdefault("made_on", datetime.date.today())
        for maker in self.makers:
            self.fields[MAKER_FIELD % maker.pk] = forms.IntegerField(
                label=maker.pseudonym, required=False,
                initial=existing.get(maker.pk),
                widget=forms.NumberInput(attrs={"inputmode": "numeric", "min": "0", "step": "1"}),
            )

    def maker_fields(self):
        return [self[MAKER_FIELD % maker.pk] for maker in self.makers]

    def clean_piece_rate(self):
        rate = self.cleaned_data["piece_rate"]
        if rate is None or rate <= 0:
            raise forms.ValidationError(_("The piece rate must be a positive amount in rupees."))
        return rate

    def clean_price(self):
        price = self.cleaned_data.get("price")
        if price is not None and price <= 0:
            raise forms.ValidationError(_("The shop price must be a positive amount in rupees."))
        return price

    def clean_title_bn(self):
        title = " ".join(self.cleaned_data.get("title_bn", "").split())
        if title and not BENGALI_LETTER.search(title):
            raise forms.ValidationError(_("Write the name in Bengali letters, or leave it empty."))
        if any(c in title for c in "<>{}"):
            raise forms.ValidationError(_("A name cannot contain < > { or }."))
        return title

    def clean(self):
        data = super().clean()
        what = data.get("what", "")
        data["product"] = data["product_class"] = None
        if what.startswith("p:") and what[2:] in self.products:
            data["product"] = self.products[what[2:]]
        elif what.startswith("c:") and what[2:] in self.classes:
            data["product_class"] = self.classes[what[2:]]
            if data.get("price") is None and "price" not in self.errors:
                self.add_error("price", _("One-off pieces need a shop price."))
        # A maker who is not one of this shelter's (a tampered or stale form).
        own = {m.pk for m in self.makers}
        for key in self.data:
            match = _MAKER_KEY.match(key)
            if match and int(match.group(1)) not in own and self.data.get(key):
                raise forms.ValidationError(
                    _("One of the makers is not a maker of this shelter. Reload the page.")
                )
        pieces = {}
        for maker in self.makers:
            name = MAKER_FIELD % maker.pk
            count = data.get(name)
            if count is None:
                continue
            if count <= 0:
                self.add_error(name, _("Pieces must be a whole number above zero."))
            else:
                pieces[maker] = count
        if not pieces and not any(MAKER_FIELD % m.pk in self.errors for m in self.makers):
            raise forms.ValidationError(_("Enter the pieces made by at least one maker."))
        data["pieces"] = pieces
        return data


class CheckForm(forms.Form):
    """The quality check of a batch: accepted pieces per maker and why any were rejected."""

    def __init__(self, *args, batch, **kwargs):
        super().__init__(*args, **kwargs)
        self.lines: list[BatchLine] = list(batch.lines.select_related("artisan"))
        for line in self.lines:
            self.fields[f"accept_{line.artisan_id}"] = forms.IntegerField(
                label=line.artisan.pseudonym, min_value=0, max_value=line.pieces,
                initial=line.pieces,
                widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
                error_messages={
                    "min_value": _("Between 0 and %(limit_value)s."),
                    "max_value": _("Between 0 and %(limit_value)s."),
                },
            )
            self.fields[f"reason_{line.artisan_id}"] = forms.CharField(
                label=_("Why were pieces rejected?"), required=False, max_length=300,
            )

    def rows(self):
        return [
            (line, self[f"accept_{line.artisan_id}"], self[f"reason_{line.artisan_id}"])
            for line in self.lines
        ]

    def clean(self):
        data = super().clean()
        for line in self.lines:
            count = data.get(f"accept_{line.artisan_id}")
            reason = (data.get(f"reason_{line.artisan_id}") or "").strip()
            if count is not None and count < line.pieces and not reason:
                self.add_error(
                    f"reason_{line.artisan_id}", _("Say why these pieces were rejected.")
                )
        return data

    def accepted(self):
        return {
            line.artisan_id: (
                self.cleaned_data[f"accept_{line.artisan_id}"],
                self.cleaned_data.get(f"reason_{line.artisan_id}", ""),
            )
            for line in self.lines
        }


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Why do you need to see this record?"), min_length=10, max_length=300,
        help_text=_("Written to the audit log with your name and the time."),
    )


class IdentityForm(forms.Form):
    reason = forms.CharField(
        label=_("Why are you changing this record?"), min_length=10, max_length=300,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, label in IDENTITY_FIELDS:
            self.fields[name] = forms.CharField(
                label=label, required=name == "legal_name", max_length=300,
                widget=forms.TextInput(attrs={"autocomplete": "off"}),
            )
        self.order_fields([name for name, _label in IDENTITY_FIELDS] + ["reason"])
