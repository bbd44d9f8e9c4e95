"""What the shop says about a product whose online stock is gone while pieces are at an
exhibition (used by the partner strategy, commerce/partner/strategy.py)."""

from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from oscar.apps.partner import availability


class AtAnExhibition(availability.Base):
    """None left online; pieces are at an exhibition (they may come back).

    ``event`` is the stall holding them, read only when a page asks (the product page says
    where and until when; a list of cards shows the short message and never queries it).
    """

    code = "at-exhibition"
    message = _("At an exhibition this week")

    def __init__(self, product_id=None):
        self.product_id = product_id

    @cached_property
    def event(self):
        if self.product_id is None:
            return None
        from .selectors import stall_holding

        return stall_holding(self.product_id)

    def is_purchase_permitted(self, quantity):
        return False, _("This piece is at an exhibition this week.")


def at_an_exhibition(product_id):
    """The partner strategy's reader (commerce/partner/elsewhere.py): the policy for a product
    whose pieces are at a stall, or None."""
    from .selectors import is_at_an_event

    return AtAnExhibition(product_id) if is_at_an_event(product_id) else None
