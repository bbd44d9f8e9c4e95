"""What the shop says about a product whose online stock is gone while pieces are at an
exhibition (used by the partner strategy, storefront/forks/partner/strategy.py)."""

from django.utils.translation import gettext_lazy as _
from oscar.apps.partner import availability


class AtAnExhibition(availability.Base):
    """None left online; pieces are at an exhibition (they may come back)."""

    code = "at-exhibition"
    message = _("At an exhibition this week")

    def is_purchase_permitted(self, quantity):
        return False, _("This piece is at an exhibition this week.")
