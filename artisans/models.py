"""Shelters and makers, public side only.

Only pseudonyms and public labels live here; a maker's legal identity will live in its own
encrypted vault model, never reachable from these.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Shelter(models.Model):
    """A production unit run by a partner NGO. Its stock is held by a 1:1 Oscar Partner."""

    public_label = models.CharField(
        _("public label"),
        max_length=120,
        unique=True,
        help_text=_('What shoppers see, e.g. "Shelter group, West Bengal". Never the address.'),
    )
    partner = models.OneToOneField(
        "partner.Partner", on_delete=models.PROTECT, related_name="shelter"
    )
    # Private: where the shelter is. Shown to no page, export or log.
    private_address = models.TextField(_("private address"), blank=True)
    weekly_capacity = models.PositiveIntegerField(
        _("pieces a week"), default=0, help_text=_("Recorded capacity, used for lead times.")
    )

    class Meta:
        ordering = ["public_label"]

    def __str__(self):
        return self.public_label


class Artisan(models.Model):
    """A maker, known outside the identity vault only by her pseudonym."""

    pseudonym = models.CharField(_("pseudonym"), max_length=60, unique=True)
    slug = models.SlugField(max_length=70, unique=True)
    shelter = models.ForeignKey(Shelter, on_delete=models.PROTECT, related_name="artisans")
    craft = models.CharField(_("craft"), max_length=120, blank=True)
    bio = models.TextField(_("public bio"), blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    joined_on = models.DateField(_("joined on"))

    class Meta:
        ordering = ["pseudonym"]

    def __str__(self):
        return self.pseudonym
