from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from oscar.apps.catalogue.abstract_models import (
    AbstractCategory,
    AbstractProduct,
    AbstractProductClass,
)


class ProductClass(AbstractProductClass):
    """Oscar's product class, plus whether each piece of the class is unique (one-off) and its
    HSN code (the tax classification a GST invoice prints and the dated rate table is keyed by)."""

    is_one_off = models.BooleanField(
        _("one-off pieces"),
        default=False,
        help_text=_(
            "Every piece is unique: an accepted production batch creates one product per piece, "
            "with its own photo and a stock of 1."
        ),
    )
    hsn_code = models.CharField(
        _("HSN code"),
        max_length=8,
        blank=True,
        validators=[RegexValidator(r"^\d{4}(\d{2}){0,2}$", _("An HSN code is 4, 6 or 8 digits."))],
        help_text=_("Harmonised System code for GST invoices, e.g. 4202 for bags."),
    )


class Product(AbstractProduct):
    """Oscar's product, saved in English whatever the language of the page that saves it.

    Title and description are translated (catalogue/translation.py); a save reads each
    translated field through the active language, so saved under /bn/ the English column and
    the slug would take the Bengali text. Saving in the shop's own language keeps the English
    column English and the slug ASCII; the translations are saved in their own columns.
    """

    def save(self, *args, **kwargs):
        with translation.override(settings.MODELTRANSLATION_DEFAULT_LANGUAGE):
            super().save(*args, **kwargs)


class Category(AbstractCategory):
    """Oscar's category, saved in English (its slug is made from the English name); see Product."""

    def save(self, *args, **kwargs):
        with translation.override(settings.MODELTRANSLATION_DEFAULT_LANGUAGE):
            super().save(*args, **kwargs)


from oscar.apps.catalogue.models import *  # noqa: E402, F403 (Oscar fork convention)
