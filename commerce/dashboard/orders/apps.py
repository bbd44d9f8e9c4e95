import oscar.apps.dashboard.orders.apps as apps
from django.urls import path
from oscar.core.loading import get_class


class OrdersDashboardConfig(apps.OrdersDashboardConfig):
    """Oscar's orders dashboard plus refunds through Stripe (commerce.checkout)."""

    name = "commerce.dashboard.orders"

    def configure_permissions(self):
        super().configure_permissions()
        DashboardPermission = get_class("dashboard.permissions", "DashboardPermission")
        # Money goes back to a card: staff who may change orders, not partners.
        self.permissions_map["order-refund"] = ["is_staff"] + DashboardPermission.get(
            "order", "change_order"
        )

    def ready(self):
        super().ready()
        from .views import OrderRefundView

        self.order_refund_view = OrderRefundView

    def get_urls(self):
        return super().get_urls() + self.post_process_urls(
            [
                path(
                    "<str:number>/refund/", self.order_refund_view.as_view(),
                    name="order-refund",
                ),
            ]
        )
