"""Oscar's pricing and availability strategy, with one addition: a product whose online stock is
gone but whose pieces are at an exhibition says so ("At an exhibition this week") instead of
"Unavailable" (issue 12).

The stalls register their reader (commerce/partner/elsewhere.py); theirs is one cached read per
request at most (exhibitions.selectors.products_at_events, cleared on every transfer, sale and
return), so catalogue pages keep a fixed number of queries; the cached cards are re-keyed
because every change of held stock touches the stock record (catalogue/fragments.py).
"""

from oscar.apps.partner.strategy import Default as OscarDefault
from oscar.apps.partner.strategy import Selector as OscarSelector


class Default(OscarDefault):
    def availability_policy(self, product, stockrecord):
        policy = super().availability_policy(product, stockrecord)
        if stockrecord is None or policy.is_available_to_buy:
            return policy
        from .elsewhere import availability_elsewhere

        return availability_elsewhere(product.pk) or policy


class Selector(OscarSelector):
    def strategy(self, request=None, user=None, **kwargs):
        return Default(request)
