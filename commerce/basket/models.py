"""Oscar's basket models, with two changes for a new visitor's first piece (issue 10): its line is
written straight away, and an unsaved basket's lines are known to be none.

Oscar's ``add_product`` looks for a line to add the quantity to (a SELECT, then an INSERT in a
transaction of its own) and reads the basket's lines for its currency. A basket written in the
same call has no lines, so both are skipped, and the basket and its line are written together
(first_line.py: one statement on PostgreSQL) once the piece is known to have a price and a stock
record; everything else (the strategy's price and stock record, the checks, the line's fields)
is Oscar's own. Any other basket, or a piece with options, goes through Oscar's method unchanged.
"""

from oscar.apps.basket.abstract_models import AbstractBasket
from oscar.core.loading import get_model, is_model_registered

from .first_line import write_basket_and_line


def _no_lines():
    lines = get_model("basket", "Line").objects.none()
    lines._result_cache = []  # what iterating it would find: read without compiling it
    return lines


if not is_model_registered("basket", "Basket"):

    class Basket(AbstractBasket):
        def all_lines(self):
            if self.id is None:
                # Oscar's answer for a basket not yet saved is a query that matches nothing,
                # which Django compiles in full before finding it empty, each time it is read:
                # the add-to-basket form reads it twice (issue 10). Here it is known empty.
                return _no_lines()
            return super().all_lines()

        def add_product(self, product, quantity=1, options=None):
            if self.id is not None or options:
                return super().add_product(product, quantity, options)
            # Checked before anything is written: a refused piece leaves no empty basket.
            stock_info = self.get_stock_info(product, [])
            if not stock_info.price.exists:
                raise ValueError(f"Strategy hasn't found a price for product {product}")
            if stock_info.stockrecord is None:
                raise ValueError("Basket lines must all have stock records. Strategy hasn't "
                                 f"found any stock record for product {product}")
            price = stock_info.price
            Line = get_model("basket", "Line")  # noqa: N806
            line = Line(
                basket=self,
                line_reference=self._create_line_reference(product, stock_info.stockrecord, []),
                product=product,
                stockrecord=stock_info.stockrecord,
                quantity=max(0, quantity),
                price_excl_tax=price.excl_tax,
                price_currency=price.currency,
                tax_code=price.tax_code,
                **({"price_incl_tax": price.incl_tax} if price.is_tax_known else {}),
            )
            write_basket_and_line(self, line)  # one statement on PostgreSQL (first_line.py)
            self.reset_offer_applications()
            return line, True


# Oscar fork convention: Oscar's other models, after ours (they skip what is registered).
from oscar.apps.basket.models import *  # noqa: E402, F403
