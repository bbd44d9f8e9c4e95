from django.apps import AppConfig


class StorefrontConfig(AppConfig):
    """The project app: Wagtail pages, site-wide views and the demo data command."""

    name = "storefront"
    verbose_name = "Storefront"
