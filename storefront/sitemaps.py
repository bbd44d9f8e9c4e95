"""sitemap.xml: Wagtail's pages in every language, the products and the makers' pages, each
with hreflang alternates (and x-default, the English address) for the other languages."""

from django.conf import settings
from wagtail.contrib.sitemaps import Sitemap as WagtailSitemap

from artisans.sitemaps import MakerSitemap
from catalogue.sitemaps import ProductSitemap


class PageSitemap(WagtailSitemap):
    """Every live, public page of every language's tree. Alias pages (a language's copy of a
    page nobody has translated yet, showing the English) are left out: the English page is the
    one to index."""

    def items(self):
        from wagtail.models import Page

        root = self.get_wagtail_site().root_page
        roots = Page.objects.filter(translation_key=root.translation_key)
        pages = Page.objects.none()
        for home in roots:
            pages = pages | home.get_descendants(inclusive=True)
        return (
            pages.live().public().filter(alias_of__isnull=True).order_by("path")
            .defer_streamfields().select_related("locale").specific()
        )

    def _urls(self, page, protocol, domain):
        urls = super()._urls(page, protocol, domain)
        pages = list(self.paginator.page(page).object_list)
        keys = {p.translation_key for p in pages}
        from wagtail.models import Page

        versions = {}
        for translated in Page.objects.filter(translation_key__in=keys).live().public().filter(
            alias_of__isnull=True
        ).select_related("locale"):
            versions.setdefault(translated.translation_key, []).append(translated)
        default = settings.LANGUAGE_CODE
        for url, item in zip(urls, pages, strict=False):
            alternates = [
                {"lang_code": t.locale.language_code, "location": t.get_full_url(self.request)}
                for t in versions.get(item.translation_key, [])
            ]
            if len(alternates) > 1:
                english = [a for a in alternates if a["lang_code"] == default]
                if english:
                    alternates.append({"lang_code": "x-default", "location": english[0]["location"]})
                url["alternates"] = alternates
        return urls


class _InEveryLanguage:
    i18n = True
    alternates = True
    x_default = True


class LocalisedProductSitemap(_InEveryLanguage, ProductSitemap):
    pass


class LocalisedMakerSitemap(_InEveryLanguage, MakerSitemap):
    pass


SITEMAPS = {
    "pages": PageSitemap,
    "products": LocalisedProductSitemap,
    "makers": LocalisedMakerSitemap,
}
