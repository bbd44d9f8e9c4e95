"""sitemap.xml: every Wagtail page, category, product and maker's page in every language, each
with hreflang alternates (and x-default, the English address), all on the shop's one public host
(settings.HAAT_PUBLIC_URL, storefront.public_host), whatever host the request came by.

A Wagtail page's address in a language is its whole, live translation's, or else the English
page's address under the language's prefix, where it is served in English with a notice
(storefront.translation): every page exists in every language."""

from django.contrib.sitemaps import Sitemap
from oscar.core.loading import get_model

from artisans.sitemaps import MakerSitemap
from catalogue.sitemaps import ProductSitemap

from . import public_host, translation


class _InEveryLanguage:
    """Django's i18n sitemap: each item once per language, with its alternates."""

    i18n = True
    alternates = True
    x_default = True

    def get_protocol(self, protocol=None):
        return public_host.scheme()

    def get_domain(self, site=None):
        return public_host.netloc()


class PageSitemap(_InEveryLanguage, Sitemap):
    """The English tree's live, public pages, each in every language."""

    changefreq = "weekly"
    priority = 0.6

    def items(self):
        from wagtail.models import Page, Site

        site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
        if site is None:
            return []
        root = site.root_page
        english_root = (
            Page.objects.filter(translation_key=root.translation_key,
                                locale=translation.default_locale()).first() or root
        )
        return list(
            english_root.get_descendants(inclusive=True).live().public()
            .filter(alias_of__isnull=True).order_by("path").specific().defer_streamfields()
        )

    def location(self, page):
        from django.utils.translation import get_language

        code = get_language()
        shown = translation.shown_translation(page, code)
        url = shown.get_url_parts()[2] if shown is not None else None
        if not url:
            url = translation.fallback_url(page.get_url_parts()[2], code)
        return url

    def lastmod(self, page):
        return page.last_published_at


class CategorySitemap(_InEveryLanguage, Sitemap):
    changefreq = "weekly"
    priority = 0.5

    def items(self):
        return list(get_model("catalogue", "Category").objects.browsable().order_by("path"))


class LocalisedProductSitemap(_InEveryLanguage, ProductSitemap):
    pass


class LocalisedMakerSitemap(_InEveryLanguage, MakerSitemap):
    pass


SITEMAPS = {
    "pages": PageSitemap,
    "categories": CategorySitemap,
    "products": LocalisedProductSitemap,
    "makers": LocalisedMakerSitemap,
}
