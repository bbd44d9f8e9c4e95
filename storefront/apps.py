from django.apps import AppConfig


class StorefrontConfig(AppConfig):
    """The project app: the CMS pages (Wagtail), the site-wide middleware and the demo data
    command. Features live in their own apps (README, "Layers")."""

    name = "storefront"
    verbose_name = "Storefront"

    def ready(self):
        # Story pages follow their maker's consent.
        from . import receivers

        receivers.connect()

        # The Wagtail and Django Site rows follow settings.HAAT_PUBLIC_URL (public_host.py).
        from django.db.models.signals import post_migrate

        from .public_host import sync_after_migrate

        post_migrate.connect(sync_after_migrate, dispatch_uid="haat-public-host")
