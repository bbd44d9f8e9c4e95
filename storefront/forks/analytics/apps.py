"""Oscar's analytics, forked for one thing: counting a basket addition is one statement
(issue 10; receivers.count_basket_addition)."""

import oscar.apps.analytics.apps as apps


class AnalyticsConfig(apps.AnalyticsConfig):
    name = "storefront.forks.analytics"

    def ready(self):
        super().ready()  # connects Oscar's receivers
        from oscar.apps.analytics import receivers as oscar_receivers
        from oscar.apps.basket.signals import basket_addition

        from .receivers import count_basket_addition

        basket_addition.disconnect(oscar_receivers.receive_basket_addition)
        basket_addition.connect(count_basket_addition, dispatch_uid="haat-count-basket-addition")
