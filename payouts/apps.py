from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PayoutsConfig(AppConfig):
    """The ledger, the split, payout runs to makers and the training fund."""

    name = "payouts"
    verbose_name = _("Payouts and ledger")

    def ready(self):
        from . import receivers  # noqa: F401
