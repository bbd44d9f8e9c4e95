from django.apps import AppConfig


class StorefrontConfig(AppConfig):
    """The project app: Wagtail pages, site-wide views and the demo data command."""

    name = "storefront"
    verbose_name = "Storefront"

    def ready(self):
        # bulk_orders writes the Oscar order of a company's bulk order (csr_partners asks by
        # signal); receivers make story pages follow their maker's consent.
        from . import bulk_orders, receivers  # noqa: F401

        receivers.connect()

        # Whole pages kept for anonymous visitors are retired when a Wagtail page is published
        # or unpublished, and when a basket, offer, voucher or CSR tie-up changes.
        from .pagecache import connect_receivers

        connect_receivers()

        # The Wagtail and Django Site rows follow settings.HAAT_PUBLIC_URL (public_host.py).
        from django.db.models.signals import post_migrate

        from .public_host import sync_after_migrate

        post_migrate.connect(sync_after_migrate, dispatch_uid="haat-public-host")
