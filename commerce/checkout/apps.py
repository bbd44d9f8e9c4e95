import oscar.apps.checkout.apps as apps
from django.urls import path
from oscar.core.loading import get_class


class CheckoutConfig(apps.CheckoutConfig):
    name = "commerce.checkout"

    def ready(self):
        super().ready()
        from oscar.apps.analytics import receivers as oscar_analytics
        from oscar.apps.order.signals import order_placed

        from .receivers import record_order_in_analytics

        order_placed.disconnect(oscar_analytics.receive_order_placed)
        order_placed.connect(record_order_in_analytics, dispatch_uid="haat-order-analytics")
        self.payment_return_view = get_class("checkout.views", "PaymentReturnView")
        self.stripe_webhook_view = get_class("checkout.views", "StripeWebhookView")

    def get_urls(self):
        urls = super().get_urls()
        urls += self.post_process_urls(
            [
                path(
                    "payment-return/", self.payment_return_view.as_view(),
                    name="payment-return",
                ),
                path(
                    "stripe/webhook/", self.stripe_webhook_view.as_view(),
                    name="stripe-webhook",
                ),
            ]
        )
        return urls
