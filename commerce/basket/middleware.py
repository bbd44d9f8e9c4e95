"""Oscar's basket middleware, with the basket's lines fetched in a fixed number of queries.

Oscar's ``Basket.all_lines()`` selects each line's product and stock record but not what the
pricing strategy and the templates read per line (the product class, the product's stock
records, the partner), so a basket page or a checkout page ran three queries per line. Here the
request's basket gets a line queryset that fetches all of it at once (issue 10: at most one
query per line; tests/functional/test_query_counts.py). Offers are looked for only while the
shop runs one (offers.py).
"""

from oscar.apps.basket.middleware import BasketMiddleware as OscarBasketMiddleware
from oscar.core.loading import get_model

from .offers import shop_runs_offers

StockRecord = get_model("partner", "StockRecord")


def lines_for(basket):
    return (
        basket.lines.select_related(
            "product__product_class",
            "product__parent__product_class",
            "stockrecord__partner",
        )
        .prefetch_related("attributes__option", "product__images", "product__stockrecords")
        .order_by("pk")
    )


class BasketMiddleware(OscarBasketMiddleware):
    def get_basket(self, request):
        basket = super().get_basket(request)
        if basket.id is not None and basket._lines is None:
            basket._lines = lines_for(basket)
            # Fetched now: Oscar first asks `is_empty` (a COUNT query) before applying offers,
            # and every page's header then reads the lines anyway (the number of items).
            basket._lines._fetch_all()
        return basket

    def apply_offers_to_basket(self, request, basket):
        # Oscar looks for site, voucher and user offers (three queries and their compiling) on
        # every page showing a basket; with no offer running there is nothing to apply, and the
        # basket keeps the empty applications it was made with (offers.py: when that is known).
        if shop_runs_offers(request):
            super().apply_offers_to_basket(request, basket)
