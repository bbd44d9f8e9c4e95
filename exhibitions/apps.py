from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExhibitionsConfig(AppConfig):
    """Exhibitions and pop-up stalls: events, stock moved to them and back, the phone point of
    sale, and each day's reconciliation. Lives in storefront, the top layer, because it needs
    Stripe (commerce.payments), the stock records (commerce.partner), the ledger
    (payouts.services) and the makers (artisans.selectors)."""

    name = "exhibitions"
    label = "exhibitions"
    verbose_name = _("Exhibitions")
    default_auto_field = "django.db.models.AutoField"

    def ready(self):
        from commerce.checkout.webhooks import register_intent_owner
        from commerce.partner import elsewhere

        from . import receivers  # noqa: F401
        from .availability import at_an_exhibition
        from .selectors import is_sale_intent

        # A product sold out online whose pieces are at a stall says so; a stall's card sale is
        # one of the shop's own payments when Stripe's webhook names it.
        elsewhere.register(at_an_exhibition)
        register_intent_owner(is_sale_intent)
