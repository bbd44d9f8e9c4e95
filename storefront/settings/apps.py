"""The installed apps (their order decides whose templates and static files win), the
middleware (in order), the URLs and the templates."""

from .environment import BASE_DIR

INSTALLED_APPS = [
    # Our apps first so their templates and static files win over Oscar's and Wagtail's.
    "storefront.apps.StorefrontConfig",
    "artisans.apps.ArtisansConfig",
    "payouts.apps.PayoutsConfig",
    "csr_partners.apps.CsrPartnersConfig",
    "exhibitions.apps.ExhibitionsConfig",
    "pagecache.apps.PageCacheConfig",
    # Translated product and category titles (catalogue/translation.py); before the admin.
    "modeltranslation",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sites",
    "django.contrib.flatpages",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    # Oscar, with the dashboard served at /dashboard/ (commerce.config.HaatShop).
    "commerce.config.HaatShop",
    "commerce.analytics.apps.AnalyticsConfig",  # one-statement basket counter
    "commerce.checkout.apps.CheckoutConfig",
    "oscar.apps.address.apps.AddressConfig",
    "commerce.shipping.apps.ShippingConfig",
    "catalogue.apps.CatalogueConfig",
    "oscar.apps.catalogue.reviews.apps.CatalogueReviewsConfig",
    "oscar.apps.communication.apps.CommunicationConfig",
    "commerce.partner.apps.PartnerConfig",
    "commerce.basket.apps.BasketConfig",
    "oscar.apps.payment.apps.PaymentConfig",
    "oscar.apps.offer.apps.OfferConfig",
    "oscar.apps.order.apps.OrderConfig",
    "oscar.apps.customer.apps.CustomerConfig",
    "commerce.search.apps.SearchConfig",
    "oscar.apps.voucher.apps.VoucherConfig",
    "oscar.apps.wishlists.apps.WishlistsConfig",
    "oscar.apps.dashboard.apps.DashboardConfig",
    "oscar.apps.dashboard.reports.apps.ReportsDashboardConfig",
    "oscar.apps.dashboard.users.apps.UsersDashboardConfig",
    "commerce.dashboard.orders.apps.OrdersDashboardConfig",
    "commerce.dashboard.catalogue.apps.CatalogueDashboardConfig",
    "oscar.apps.dashboard.offers.apps.OffersDashboardConfig",
    "oscar.apps.dashboard.partners.apps.PartnersDashboardConfig",
    "commerce.dashboard.pages.apps.PagesDashboardConfig",
    "oscar.apps.dashboard.ranges.apps.RangesDashboardConfig",
    "oscar.apps.dashboard.reviews.apps.ReviewsDashboardConfig",
    "oscar.apps.dashboard.vouchers.apps.VouchersDashboardConfig",
    "oscar.apps.dashboard.communications.apps.CommunicationsDashboardConfig",
    "oscar.apps.dashboard.shipping.apps.ShippingDashboardConfig",
    "artisans.dashboard.apps.ArtisansDashboardConfig",
    "payouts.dashboard.apps.PayoutsDashboardConfig",
    "csr_partners.dashboard.apps.CsrDashboardConfig",
    "csr_partners.bulk_dashboard.apps.BulkDashboardConfig",
    "exhibitions.dashboard.apps.ExhibitionsDashboardConfig",
    "widget_tweaks",
    # Haystack stays installed only because Oscar's search app imports it; no page browses
    # through it (DESIGN.md section 10). It must come before wagtail.search, whose
    # update_index command would otherwise hide Haystack's.
    "haystack",
    "treebeard",
    "sorl.thumbnail",
    "django_tables2",
    # Wagtail, serving the editorial site at / and its admin at /cms/.
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.sitemaps",
    # Pages in English, Bengali and Hindi: wagtail-localize (README, "Languages"): editors
    # translate a page segment by segment in /cms/ and see what is left to translate.
    "wagtail_localize",
    "wagtail_localize.locales",  # replaces wagtail.locales (adds "sync from English")
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    # Staff sign-in: second factor, lock-outs, audit trail (security; README).
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    "auditlog",
    "security.apps.SecurityConfig",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # Django's, except that staff areas outside i18n_patterns keep the language chosen.
    "storefront.i18n.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    # Whole pages for anonymous visitors (issue 10): after the language and the CSRF cookie are
    # known, before authentication and the basket, which a stored page skips.
    "pagecache.pages.AnonymousPageCacheMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    # Staff (and anyone who enrolled a device) go through the second factor before anything else.
    "security.middleware.SecondFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "commerce.basket.middleware.BasketMiddleware",  # Oscar's, with flat line queries
    "django.contrib.flatpages.middleware.FlatpageFallbackMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "security.audit_middleware.AuditActorMiddleware",  # auditlog's, one receiver
    # Turns django-ratelimit's refusals into a 429 page (security.views.rate_limited).
    "django_ratelimit.middleware.RatelimitMiddleware",
    # Last, as django-axes asks: it swaps a locked-out login's response for the lock-out page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "storefront.urls"
WSGI_APPLICATION = "storefront.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "oscar.apps.search.context_processors.search_form",
                "oscar.apps.checkout.context_processors.checkout",
                "oscar.apps.communication.notifications.context_processors.notifications",
                "oscar.core.context_processors.metadata",
                "storefront.context_processors.shop",
                # After Django's csrf processor: pages kept whole get a placeholder token.
                "pagecache.pages.csrf_placeholder",
            ],
        },
    },
]
