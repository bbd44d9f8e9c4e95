from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExhibitionsConfig(AppConfig):
    """Exhibitions and pop-up stalls: events, stock moved to them and back, the phone point of
    sale, and each day's reconciliation. Lives in storefront, the top layer, because it needs
    Stripe (storefront.payments), the stock records (storefront.forks.partner), the ledger
    (payouts.services) and the makers (artisans.selectors)."""

    name = "storefront.exhibitions"
    label = "exhibitions"
    verbose_name = _("Exhibitions")
    default_auto_field = "django.db.models.AutoField"

    def ready(self):
        from . import receivers  # noqa: F401
