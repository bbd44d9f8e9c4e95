"""Oscar's analytics, forked for two things: counting a basket addition is one statement
(issue 10; receivers.count_basket_addition), and a search term is kept without the shopper who
typed it (issue 19; models.UserSearch, receivers.record_search)."""

import oscar.apps.analytics.apps as apps


class AnalyticsConfig(apps.AnalyticsConfig):
    name = "commerce.analytics"

    def ready(self):
        super().ready()  # connects Oscar's receivers
        from oscar.apps.analytics import receivers as oscar_receivers
        from oscar.apps.basket.signals import basket_addition
        from oscar.apps.search.signals import user_search

        from .receivers import count_basket_addition, record_search

        basket_addition.disconnect(oscar_receivers.receive_basket_addition)
        basket_addition.connect(count_basket_addition, dispatch_uid="haat-count-basket-addition")
        user_search.disconnect(oscar_receivers.receive_product_search)
        user_search.connect(record_search, dispatch_uid="haat-record-search")
