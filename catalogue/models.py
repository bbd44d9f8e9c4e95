from django.db import models
from django.utils.translation import gettext_lazy as _
from oscar.apps.catalogue.abstract_models import AbstractProductClass


class ProductClass(AbstractProductClass):
    """Oscar's product class, plus whether each piece of the class is unique (one-off)."""

    is_one_off = models.BooleanField(
        _("one-off pieces"),
        default=False,
        help_text=_(
            "Every piece is unique: an accepted production batch creates one product per piece, "
            "with its own photo and a stock of 1."
        ),
    )


from oscar.apps.catalogue.models import *  # noqa: E402, F403 (Oscar fork convention)
