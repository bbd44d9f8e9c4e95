from django.apps import apps
from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps import Sitemap as WagtailSitemap
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from artisans.sitemaps import MakerSitemap
from catalogue.sitemaps import ProductSitemap
from storefront import health

# Wagtail's pages, the products and the makers' public pages.
SITEMAPS = {"pages": WagtailSitemap, "products": ProductSitemap, "makers": MakerSitemap}

urlpatterns = [
    path("healthz", health.healthz, name="healthz"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("cms/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("shop/", include(apps.get_app_config("oscar").urls[0])),
    path("dashboard/makers/", apps.get_app_config("artisans_dashboard").urls),
    path("dashboard/payouts/", apps.get_app_config("payouts_dashboard").urls),
    path("dashboard/", apps.get_app_config("dashboard").urls),
    path("workshop/", include("artisans.workshop_urls")),
    path("makers/", include("artisans.urls")),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Wagtail's catch-all comes last: every path not claimed above is an editorial page.
urlpatterns += [path("", include(wagtail_urls))]
