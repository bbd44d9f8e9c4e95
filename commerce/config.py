from django.urls import URLPattern, URLResolver
from oscar.config import Shop


class HaatShop(Shop):
    """Oscar's shop without its dashboard, which storefront.urls serves at /dashboard/.

    Oscar mounts the dashboard inside the shop's URLs; the shop lives at /shop/ and the
    dashboard must not be at /shop/dashboard/ as well.
    """

    def get_urls(self):
        return [
            url
            for url in super().get_urls()
            if not (isinstance(url, URLPattern | URLResolver) and str(url.pattern) == "dashboard/")
        ]
