from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ArtisansConfig(AppConfig):
    """Shelters, makers (by pseudonym), the identity vault and production batches."""

    name = "artisans"
    verbose_name = _("Makers and shelters")

    def ready(self):
        from . import cache_receivers, maker_receivers, receivers  # noqa: F401
