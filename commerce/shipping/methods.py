"""Shipping methods in INR. Goods ship from the hub, never from a shelter (DESIGN.md 4)."""

from decimal import Decimal

from django.utils.translation import gettext_lazy as _
from oscar.apps.shipping.methods import *  # noqa: F403
from oscar.apps.shipping.methods import Base
from oscar.core import prices


class IndiaShipping(Base):
    """A flat charge in INR, free from a basket total upwards when ``free_over`` is set."""

    charge = Decimal("0.00")
    free_over = None

    def calculate(self, basket):
        charge = self.charge
        if self.free_over is not None and basket.total_incl_tax >= self.free_over:
            charge = Decimal("0.00")
        return prices.Price(currency=basket.currency, excl_tax=charge, tax=Decimal("0.00"))


class IndiaPost(IndiaShipping):
    code = "india-post"
    name = _("Standard: India Post")
    description = _("5 to 8 working days anywhere in India. Free on orders of ₹1,500 or more.")
    charge = Decimal("80.00")
    free_over = Decimal("1500.00")


class Courier(IndiaShipping):
    code = "courier"
    name = _("Express courier")
    description = _("2 to 3 working days to most PIN codes.")
    charge = Decimal("180.00")
