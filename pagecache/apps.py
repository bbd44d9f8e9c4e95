from django.apps import AppConfig


class PageCacheConfig(AppConfig):
    """Whole pages kept for visitors (pages.py, retired by receivers.py) and the cache backends (redis.py, filecache.py).
    No models: its state is the cache."""

    name = "pagecache"
    verbose_name = "Kept pages"

    def ready(self):
        # Kept pages are retired when a Wagtail page is published or unpublished, and when a
        # basket, offer, voucher or CSR tie-up changes.
        from .receivers import connect_receivers

        connect_receivers()
