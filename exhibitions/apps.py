from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExhibitionsConfig(AppConfig):
    """Exhibitions and pop-up stalls: events, stock moved to them and back, the phone point of
    sale, and each day's reconciliation. Sits above csr_partners in the layers, because it needs
    Stripe (commerce.payments), the stock records (commerce.partner), the ledger
    (payouts.services) and the makers (artisans.selectors)."""

    name = "exhibitions"
    label = "exhibitions"
    verbose_name = _("Exhibitions")
    default_auto_field = "django.db.models.AutoField"

    def ready(self):
        from commerce.checkout.webhooks import register_intent_owner
        from commerce.partner import elsewhere
        from payouts import statement_lines

        from .availability import at_an_exhibition
        from .receivers import stall_sale_names
        from .selectors import is_sale_intent

        # A product sold out online whose pieces are at a stall says so; a stall's card sale is
        # one of the shop's own payments when Stripe's webhook names it; a maker's statement
        # calls a sale at a stall by the event's name.
        elsewhere.register(at_an_exhibition)
        register_intent_owner(is_sale_intent)
        statement_lines.stall_sale_names.register(stall_sale_names)
