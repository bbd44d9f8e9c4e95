"""Oscar's OrderCreator, made safe for the last piece and flat in queries.

Differences from ``oscar.apps.order.utils.OrderCreator.place_order``:

* Stock is allocated first, inside the order's transaction, with one conditional UPDATE per
  stock record in stock-record order (``StockRecord.allocate_or_fail``): a lost race raises
  ``InsufficientStock`` and the whole order rolls back, so nothing is half-placed.
* Lines and their price rows are written with ``bulk_create`` and product classes are read in
  one query, so an order of 100 lines costs a handful of queries more than an order of 1
  (tests/integration/test_order_queries.py measures it).
"""

from collections import defaultdict
from decimal import Decimal

from django.conf import settings
from django.db import transaction
from oscar.apps.order.signals import order_placed
from oscar.apps.order.utils import OrderCreator
from oscar.core.loading import get_model

from catalogue import selectors as catalogue_selectors

Order = get_model("order", "Order")
Line = get_model("order", "Line")
LinePrice = get_model("order", "LinePrice")
LineAttribute = get_model("order", "LineAttribute")
Product = get_model("catalogue", "Product")
StockRecord = get_model("partner", "StockRecord")
StockAlert = get_model("partner", "StockAlert")


class SafeOrderCreator(OrderCreator):
    def place_order(
        self,
        basket,
        total,
        shipping_method,
        shipping_charge,
        user=None,
        shipping_address=None,
        billing_address=None,
        order_number=None,
        status=None,
        request=None,
        surcharges=None,
        **kwargs,
    ):
        if basket.is_empty:
            raise ValueError("Empty baskets cannot be submitted")
        if not status:
            status = getattr(settings, "OSCAR_INITIAL_ORDER_STATUS", None)
        lines = list(basket.all_lines())
        with transaction.atomic():
            # Stock first: the cheapest way to find out the piece has just been sold.
            self.allocate_stock(lines)
            kwargs["surcharges"] = surcharges
            order = self.create_order_model(
                user, basket, shipping_address, shipping_method, shipping_charge,
                billing_address, total, order_number, status, request, **kwargs,
            )
            for voucher in basket.vouchers.select_for_update():
                if not voucher.is_active():
                    basket.vouchers.remove(voucher)
                else:
                    available_to_user, msg = voucher.is_available_to_user(user=user)
                    if not available_to_user:
                        raise ValueError(msg)
            for application in basket.offer_applications:
                application["message"] = application["offer"].apply_deferred_benefit(
                    basket, order, application
                )
                if application["result"].affects_shipping:
                    shipping_discount = shipping_method.discount(basket)
                    if shipping_discount <= Decimal("0.00"):
                        continue
                    application["discount"] = shipping_discount
                self.create_discount_model(order, application)
                self.record_discount(application)
            for voucher in basket.vouchers.all():
                self.record_voucher_usage(order, voucher, user)
            self.create_lines(order, lines)
        order_placed.send(sender=self, order=order, user=user)
        return order

    # --- stock --------------------------------------------------------------------------------
    def allocate_stock(self, basket_lines):
        """Allocate every tracked line, in stock-record order so concurrent orders cannot
        deadlock; raises InsufficientStock (and the caller's transaction rolls back)."""
        tracked = self._tracked_product_ids(basket_lines)
        wanted = defaultdict(int)
        for line in basket_lines:
            if line.stockrecord_id and line.product_id in tracked:
                wanted[line.stockrecord_id] += line.quantity
        for stockrecord_id in sorted(wanted):
            StockRecord.allocate_or_fail(stockrecord_id, wanted[stockrecord_id])
        self._update_stock_alerts(list(wanted))

    def _tracked_product_ids(self, basket_lines):
        ids = {line.product_id for line in basket_lines}
        products = Product.objects.filter(pk__in=ids).select_related(
            "product_class", "parent__product_class"
        )
        return {p.pk for p in products if p.get_product_class().track_stock}

    def _update_stock_alerts(self, stockrecord_ids):
        """Oscar raises low-stock alerts from StockRecord's post_save; here it is one pass."""
        low = [
            record
            for record in StockRecord.objects.filter(
                pk__in=stockrecord_ids, low_stock_threshold__isnull=False
            )
            if record.is_below_threshold
        ]
        if not low:
            return
        open_ids = set(
            StockAlert.objects.filter(
                stockrecord__in=low, status=StockAlert.OPEN
            ).values_list("stockrecord_id", flat=True)
        )
        StockAlert.objects.bulk_create(
            StockAlert(stockrecord=record, threshold=record.low_stock_threshold)
            for record in low
            if record.pk not in open_ids
        )

    def update_stock_records(self, line):  # pragma: no cover - replaced by allocate_stock
        raise NotImplementedError("SafeOrderCreator allocates in allocate_stock()")

    # --- lines --------------------------------------------------------------------------------
    def create_lines(self, order, basket_lines):
        initial_status = getattr(settings, "OSCAR_INITIAL_LINE_STATUS", None)
        order_lines = []
        for basket_line in basket_lines:
            stockrecord = basket_line.stockrecord
            if not stockrecord:
                from oscar.apps.order.exceptions import UnableToPlaceOrder

                raise UnableToPlaceOrder(f"Basket line #{basket_line.id} has no stockrecord")
            product = basket_line.product
            data = {
                "order": order,
                "partner_id": stockrecord.partner_id,
                "partner_name": self._partner_name(stockrecord),
                "partner_sku": stockrecord.partner_sku,
                "stockrecord": stockrecord,
                "product": product,
                "title": catalogue_selectors.english_title(product),  # a record: English
                "upc": product.upc,
                "quantity": basket_line.quantity,
                "line_price_excl_tax": basket_line.line_price_excl_tax_incl_discounts,
                "line_price_incl_tax": basket_line.line_price_incl_tax_incl_discounts,
                "line_price_before_discounts_excl_tax": basket_line.line_price_excl_tax,
                "line_price_before_discounts_incl_tax": basket_line.line_price_incl_tax,
                "unit_price_incl_tax": basket_line.unit_price_incl_tax,
                "unit_price_excl_tax": basket_line.unit_price_excl_tax,
                "tax_code": basket_line.tax_code,
                "num_allocated": basket_line.quantity,
            }
            if initial_status:
                data["status"] = initial_status
            order_lines.append(Line(**data))
        # Django sets primary keys on bulk-created rows on PostgreSQL and SQLite 3.35+.
        Line.objects.bulk_create(order_lines)
        prices, attributes = [], []
        for order_line, basket_line in zip(order_lines, basket_lines, strict=True):
            for price_incl_tax, price_excl_tax, quantity in basket_line.get_price_breakdown():
                prices.append(
                    LinePrice(
                        order=order,
                        line=order_line,
                        quantity=quantity,
                        price_incl_tax=price_incl_tax,
                        price_excl_tax=price_excl_tax,
                        tax_code=basket_line.tax_code,
                    )
                )
            for attr in basket_line.attributes.all():  # prefetched by Basket.all_lines()
                attributes.append(
                    LineAttribute(
                        line=order_line, option=attr.option, type=attr.option.code,
                        value=attr.value,
                    )
                )
            self.create_line_discount_models(order, order_line, basket_line)
            self.create_additional_line_models(order, order_line, basket_line)
        LinePrice.objects.bulk_create(prices)
        if attributes:
            LineAttribute.objects.bulk_create(attributes)
        return order_lines

    def _partner_name(self, stockrecord):
        if not hasattr(self, "_partner_names"):
            self._partner_names = {}
        if stockrecord.partner_id not in self._partner_names:
            self._partner_names[stockrecord.partner_id] = stockrecord.partner.name
        return self._partner_names[stockrecord.partner_id]
