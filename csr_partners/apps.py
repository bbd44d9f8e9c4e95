from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CsrPartnersConfig(AppConfig):
    """Companies, tie-ups, pledges, bulk orders and CSR reports."""

    name = "csr_partners"
    verbose_name = _("CSR partners")

    def ready(self):
        from . import receivers  # noqa: F401
