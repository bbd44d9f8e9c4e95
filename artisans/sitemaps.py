from django.contrib.sitemaps import Sitemap

from . import selectors


class MakerSitemap(Sitemap):
    """The makers' public pages (pseudonyms only)."""

    changefreq = "weekly"
    priority = 0.5

    def items(self):
        return selectors.public_makers()
