from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CsrPartnersConfig(AppConfig):
    """Companies, tie-ups, pledges, bulk orders and CSR reports."""

    name = "csr_partners"
    verbose_name = _("CSR partners")

    def ready(self):
        from commerce.checkout.webhooks import register_intent_owner
        from payouts import statement_lines

        from . import receivers  # noqa: F401
        from .bulk.selectors import is_card_payment_intent, number_bulk_orders

        # A bulk invoice's card payment is one of the shop's own when Stripe's webhook names it;
        # a maker's statement names the bulk order an invoice is about.
        register_intent_owner(is_card_payment_intent)
        statement_lines.bulk_order_numbers.register(number_bulk_orders)
