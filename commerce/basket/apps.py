"""Oscar's basket, forked for one thing: adding a piece to the basket does only the work the
shopper sees on that request (issue 10; views.BasketAddView, models.Basket.add_product)."""

import oscar.apps.basket.apps as apps


class BasketConfig(apps.BasketConfig):
    name = "commerce.basket"

    def ready(self):
        super().ready()
        from .offers import connect_receivers

        connect_receivers()
