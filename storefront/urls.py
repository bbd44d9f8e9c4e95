from django.apps import apps
from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from storefront import health
from storefront.sitemaps import SITEMAPS

urlpatterns = [
    path("healthz", health.healthz, name="healthz"),
    path("i18n/", include("django.conf.urls.i18n")),
    # Staff sign-in's second step: a code from an authenticator app (security).
    path("accounts/second-factor/", include("security.urls")),
    path("admin/", admin.site.urls),
    path("cms/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("dashboard/makers/", apps.get_app_config("artisans_dashboard").urls),
    path("dashboard/payouts/", apps.get_app_config("payouts_dashboard").urls),
    path("dashboard/csr/", apps.get_app_config("csr_dashboard").urls),
    path("dashboard/bulk-orders/", apps.get_app_config("csr_bulk_dashboard").urls),
    path("dashboard/exhibitions/", apps.get_app_config("exhibitions_dashboard").urls),
    path("dashboard/", apps.get_app_config("dashboard").urls),
    # Before the workshop: the exhibitions' point of sale lives in the same area.
    path("workshop/events/", include("exhibitions.urls")),
    path("workshop/", include("artisans.workshop_urls")),
    # A maker's own page (issue 21): sign-in and consent (artisans), her money (payouts).
    path("me/", include("artisans.maker_urls")),
    path("me/", include("payouts.maker_urls")),
    # CSR partners' area, employee verification links (and bulk orders, their card payment
    # included, under it).
    path("partners/", include("csr_partners.urls")),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}),
]

if settings.SERVE_MEDIA:  # make dev and make demo (settings.base); never in production
    from django.urls import re_path
    from django.views.static import serve

    urlpatterns += [re_path(r"^media/(?P<path>.*)$", serve, {"document_root": settings.MEDIA_ROOT})]

# The public pages, in the visitor's language: English without a prefix (/, /shop/...), Bengali
# under /bn/, Hindi under /hi/ (storefront/i18n.py). Wagtail's catch-all comes last: every path
# not claimed above is an editorial page.
urlpatterns += i18n_patterns(
    path("shop/", include(apps.get_app_config("oscar").urls[0])),
    path("makers/", include("artisans.urls")),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)

# A request whose database connection broke (a restart, a fail-over) gets 503 and a page that
# says what happened to the shopper's money; any other error gets the plain 500 page.
handler500 = "storefront.outage.server_error"
