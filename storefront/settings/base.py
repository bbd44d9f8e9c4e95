from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

import environ
from django.urls import reverse_lazy
from oscar.defaults import *  # noqa: F403
from oscar.defaults import OSCAR_DASHBOARD_NAVIGATION  # noqa: F401

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()
DJANGO_ENV = env.str("DJANGO_ENV", default="dev")
if DJANGO_ENV not in {"dev", "test", "prod"}:
    raise environ.ImproperlyConfigured(f"DJANGO_ENV must be dev, test or prod, not {DJANGO_ENV!r}")

DEBUG = env.bool("DJANGO_DEBUG", default=DJANGO_ENV == "dev")
# A fixed key is fine outside prod; prod.py insists on DJANGO_SECRET_KEY.
SECRET_KEY = env.str("DJANGO_SECRET_KEY", default="dev-only-insecure-key-never-used-in-production")
# The shop's one public address (scheme, host and port): canonical links, sitemap, Open Graph,
# links in emails. The Wagtail Site, the Django Site and OSCAR_URL_SCHEMA all follow it
# (storefront/public_host.py keeps the two Site rows in step after every migrate and load_demo).
HAAT_PUBLIC_URL = env.str("HAAT_PUBLIC_URL", default="http://127.0.0.1:8000").rstrip("/")
_PUBLIC = urlsplit(HAAT_PUBLIC_URL)
if _PUBLIC.scheme not in {"http", "https"} or not _PUBLIC.hostname or _PUBLIC.path:
    raise environ.ImproperlyConfigured(
        f"HAAT_PUBLIC_URL must be like https://haat.example (no path), not {HAAT_PUBLIC_URL!r}")
OSCAR_URL_SCHEMA = _PUBLIC.scheme
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "testserver"])
if _PUBLIC.hostname not in ALLOWED_HOSTS:
    ALLOWED_HOSTS.append(_PUBLIC.hostname)

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

# --- Data stores -------------------------------------------------------------------------------
DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
# The zero-set-up database under a few people at once (issue 19): readers never block the writer
# (WAL), a writer waits up to 20 s for the lock (busy timeout), and every transaction takes the
# write lock when it begins (IMMEDIATE), so one that reads then writes cannot fail at once with
# "database is locked" when another writer got there first. tests/concurrency/test_sqlite_writers.py.
SQLITE_OPTIONS = {
    "timeout": 20,
    "transaction_mode": "IMMEDIATE",
    "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL",
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {}).update(SQLITE_OPTIONS)
else:
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
IS_POSTGRES = DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"
# Oscar's migrations use AutoField; a BigAutoField default would make phantom migrations.
DEFAULT_AUTO_FIELD = "django.db.models.AutoField"

REDIS_URL = env.str("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "pagecache.redis.RedisCache",  # Django's, one client per pool
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env.str("CACHE_KEY_PREFIX", default="haat"),
            # Redis down: each call falls back at once rather than hanging a page (cache.py).
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 1.0},
        }
    }
elif env.str("CACHE_DIR", default=""):
    # make demo without Redis: its two gunicorn processes share one cache on disk, so a stock
    # change in one retires the pages the other keeps (pagecache/filecache.py). The directory
    # is emptied when the demo starts (Makefile); MAX_ENTRIES keeps culling out of a demo's way.
    CACHES = {
        "default": {
            "BACKEND": "pagecache.filecache.SharedFileCache",
            "LOCATION": env.str("CACHE_DIR"),
            "OPTIONS": {"MAX_ENTRIES": 20000},
        }
    }
else:  # tests, make dev: one process
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Whole pages kept for anonymous visitors (pagecache/pages.py). Off by default in tests,
# which change stock behind the shop's back; tests/functional/test_page_cache.py turns it on.
HAAT_PAGE_CACHE = env.bool("HAAT_PAGE_CACHE", default=DJANGO_ENV != "test")
# Seconds a kept page lives: the bound for changes that send no news (a dated split row).
HAAT_PAGE_CACHE_SECONDS = env.int("HAAT_PAGE_CACHE_SECONDS", default=20)

# --- Celery ------------------------------------------------------------------------------------
# Without Redis every task runs in the calling process (zero set-up); with Redis they go
# through the broker to a worker.
CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_RESULT_BACKEND = REDIS_URL or None
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# With acks_late a task's message stays in Redis, unacknowledged, until the task ends; if its
# worker dies (a machine lost, a SIGKILL), another worker is given the message once it has been
# out this long. Longer than the longest task (the statement PDFs' batch), or a slow task would
# be handed to a second worker while the first is still at it. bench/scale.sh lowers it.
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": env.int("CELERY_VISIBILITY_TIMEOUT",
                                                                 default=3600)}
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TIMEZONE = "Asia/Kolkata"
# The test run on PostgreSQL + Redis uses its own queue so no other worker takes its tasks.
CELERY_TASK_DEFAULT_QUEUE = env.str("CELERY_QUEUE", default="haat")
from celery.schedules import crontab  # noqa: E402  (beat schedules below)

CELERY_BEAT_SCHEDULE = {
    # The public impact figures (storefront.impact), from the ledger into the cache.
    "refresh-impact-figures": {
        "task": "storefront.tasks.refresh_impact_figures",
        "schedule": 900.0,
    },
    # Payments a lost browser, webhook or process left half done (commerce.checkout).
    "sweep-payment-attempts": {
        "task": "commerce.checkout.tasks.sweep_payment_attempts",
        "schedule": 300.0,
    },
    # Campaign pages' live figures (csr_partners): cached, recomputed every minute.
    "refresh-campaign-figures": {
        "task": "csr_partners.tasks.refresh_campaign_figures",
        "schedule": 60.0,
    },
    # Last month's pledge statement to each company's CSR contacts, on the 1st (IST).
    "send-monthly-pledge-statements": {
        "task": "csr_partners.tasks.send_monthly_statements",
        "schedule": crontab(day_of_month="1", hour="7", minute="0"),
    },
}

# --- Stripe (localstripe in development, tests and the demo) ------------------------------------
STRIPE_API_BASE = env.str("STRIPE_API_BASE", default="http://127.0.0.1:8420")
_REAL_STRIPE = STRIPE_API_BASE.startswith("https://api.stripe.com")
STRIPE_JS_URL = env.str(
    "STRIPE_JS_URL",
    default="https://js.stripe.com/v3/" if _REAL_STRIPE else f"{STRIPE_API_BASE}/js.stripe.com/v3/",
)
STRIPE_SECRET_KEY = env.str("STRIPE_SECRET_KEY", default="sk_test_haat_local")
STRIPE_PUBLISHABLE_KEY = env.str("STRIPE_PUBLISHABLE_KEY", default="pk_test_haat_local")
STRIPE_WEBHOOK_SECRET = env.str("STRIPE_WEBHOOK_SECRET", default="whsec_haat_local")
# Which browser-side flow storefront/static/storefront/js/payment.js uses: "localstripe" (its fake
# Stripe.js: createToken, confirmCardPayment) or "stripe" (createPaymentMethod, handleNextAction).
STRIPE_JS_FLAVOUR = env.str("STRIPE_JS_FLAVOUR", default="stripe" if _REAL_STRIPE else "localstripe")
# Seconds a signed webhook stays acceptable (Stripe's own default tolerance).
STRIPE_WEBHOOK_TOLERANCE = 300

# --- Identity vault ----------------------------------------------------------------------------
# Fernet keys, newest first. Unset outside prod: artisans/vault.py uses a fixed dev-only key.
IDENTITY_KEYS = env.list("IDENTITY_KEYS", default=[])

# --- Auth --------------------------------------------------------------------------------------
AUTHENTICATION_BACKENDS = (
    # First, so a locked-out username+address is refused before any password is checked
    # (axes' own backend, standing aside for Oscar's request-less sign-in after registering).
    "security.backends.AxesBackend",
    "oscar.apps.customer.auth_backends.EmailBackend",
    "django.contrib.auth.backends.ModelBackend",
)
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    # Staff passwords guard survivors' identities and money: 12 characters at least.
    {"NAME": "security.validators.StaffMinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = reverse_lazy("customer:login")
LOGIN_REDIRECT_URL = reverse_lazy("customer:summary")

# django-axes (security/lockout.py): 5 wrong passwords for one account (its email in
# any capitals or its username, on any login form, from any address) lock the account, and 20
# from one address (for any accounts) lock the address, for 15 minutes (an admin can unlock
# sooner: README, "Staff sign-in and roles").
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
HAAT_CLIENT_FAILURE_LIMIT = env.int("AXES_CLIENT_FAILURE_LIMIT", default=20)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = [["username"], ["ip_address"]]
AXES_USERNAME_CALLABLE = "security.lockout.account_key"
AXES_HANDLER = "security.lockout.AccountAndClientHandler"
AXES_RESET_ON_SUCCESS = True
AXES_HTTP_RESPONSE_CODE = 429
AXES_LOCKOUT_CALLABLE = "security.views.locked_out"
# Never store what was typed as a password, even a wrong one.
AXES_SENSITIVE_PARAMETERS = ["password", "login-password", "token"]
# django-otp: the issuer shown in authenticator apps; TOTP codes drift at most one step.
OTP_TOTP_ISSUER = "Haat"
# django-auditlog: what is written on each change of these (who, when, old -> new), read-only
# for admins at /admin/auditlog/logentry/ and refused UPDATE/DELETE by PostgreSQL. Identity reads
# stay in the vault's own log (artisans.IdentityAccessLog: it records the reason typed in).
AUDITLOG_INCLUDE_TRACKING_MODELS = (
    # Roles: group membership, staff and superuser flags, and which shelter a staffer works for.
    {"model": "auth.user", "include_fields": ["is_staff", "is_superuser", "is_active", "email"],
     "m2m_fields": ["groups", "user_permissions"]},
    {"model": "auth.group", "m2m_fields": ["permissions"]},
    "artisans.shelterstaff",
    # Money: payout approvals and payments, disbursements, the fund, the split, prices, refunds.
    "payouts.payoutrun",
    "payouts.disbursement",
    "payouts.funddisbursement",
    "payouts.splitsetting",
    "payouts.gstrate",
    {"model": "partner.stockrecord", "include_fields": ["price", "price_currency"]},
    "checkout.striperefund",
)
AUDITLOG_DISABLE_REMOTE_ADDR = False
# django-ratelimit: refusals become a 429 page instead of a bare 403. Rates per named limit
# (security.ratelimits): per address for the webhook, per person elsewhere.
RATELIMIT_VIEW = "security.views.rate_limited"
HAAT_RATE_LIMITS = {
    "stripe-webhook": env.str("RATE_LIMIT_STRIPE_WEBHOOK", default="300/m"),
    "verification-email": env.str("RATE_LIMIT_VERIFICATION_EMAIL", default="5/h"),
    "quote-request": env.str("RATE_LIMIT_QUOTE_REQUEST", default="10/h"),
    # A maker's sign-in (a code or a PIN), per address: a shelter's phones share one.
    "maker-sign-in": env.str("RATE_LIMIT_MAKER_SIGN_IN", default="30/h"),
}

if DJANGO_ENV == "test":
    # Tests create many users; a slow hash buys nothing there.
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# --- Languages and money -----------------------------------------------------------------------
LANGUAGE_CODE = "en-in"
LANGUAGES = [("en-in", "English"), ("bn", "বাংলা"), ("hi", "हिन्दी")]
LOCALE_PATHS = [BASE_DIR / "locale"]
# Products' and categories' own text in each language (django-modeltranslation, catalogue/
# translation.py): title_en_in, title_bn, title_hi; an empty translation shows the English.
MODELTRANSLATION_DEFAULT_LANGUAGE = "en-in"
MODELTRANSLATION_LANGUAGES = ("en-in", "bn", "hi")
MODELTRANSLATION_FALLBACK_LANGUAGES = ("en-in",)
TIME_ZONE = "Asia/Kolkata"
USE_I18N = True
USE_TZ = True

# --- Static and media --------------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "static_root"
STATICFILES_DIRS = [BASE_DIR / "storefront" / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default=str(BASE_DIR / "media")))
# Files only some staff may see (workshop batch photos), outside MEDIA_ROOT so the web server
# never serves them; a view hands them out after checking who asks (artisans/private_files.py).
PRIVATE_MEDIA_ROOT = Path(env.str("PRIVATE_MEDIA_ROOT", default=str(BASE_DIR / "private_media")))
# "" (Django sends the file), "X-Accel-Redirect" (nginx: an internal location at
# PRIVATE_MEDIA_INTERNAL_URL aliased to PRIVATE_MEDIA_ROOT) or "X-Sendfile" (Apache, lighttpd).
PRIVATE_MEDIA_SENDFILE_HEADER = env.str("PRIVATE_MEDIA_SENDFILE_HEADER", default="")
PRIVATE_MEDIA_INTERNAL_URL = env.str("PRIVATE_MEDIA_INTERNAL_URL", default="/private-media/")
# Uploaded photos served by Django itself: `make dev` (DEBUG) and `make demo` (DEBUG off, on
# loopback); never in production, where the web server in front serves /media/.
SERVE_MEDIA = env.bool("DJANGO_SERVE_MEDIA", default=DEBUG) and DJANGO_ENV != "prod"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Handmade pieces are photographed on phones; 15 MB covers a full-size phone photo.
DATA_UPLOAD_MAX_MEMORY_SIZE = 15 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

SITE_ID = 1

# --- Email -------------------------------------------------------------------------------------
EMAIL_BACKEND = env.str(
    "EMAIL_BACKEND",
    default="django.core.mail.backends.console.EmailBackend",
)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="Haat <hello@haat.example>")

# --- Oscar -------------------------------------------------------------------------------------
OSCAR_SHOP_NAME = "Haat"
OSCAR_SHOP_TAGLINE = "Handmade by survivors, paid fairly"
OSCAR_DEFAULT_CURRENCY = "INR"
# ₹1,23,456.00 in every language: Oscar's currency filter makes catalogue.money's babel call.
OSCAR_CURRENCY_FORMAT = {"INR": {"locale": "en_IN", "format": "¤#,##,##0.00",
                                 "currency_digits": False}}
OSCAR_FROM_EMAIL = DEFAULT_FROM_EMAIL
OSCAR_ALLOW_ANON_CHECKOUT = True
OSCAR_PRODUCTS_PER_PAGE = 24
OSCAR_MISSING_IMAGE_URL = "image_not_found.jpg"
OSCAR_REQUIRED_ADDRESS_FIELDS = (
    "first_name", "last_name", "line1", "line4", "state", "postcode", "country", "phone_number",
)
# An order is placed once its payment is authorised and is paid once captured (DESIGN.md 5).
OSCAR_INITIAL_ORDER_STATUS = "Authorised"
OSCAR_INITIAL_LINE_STATUS = "Authorised"
OSCAR_ORDER_STATUS_PIPELINE = {
    "Authorised": ("Paid", "Payment failed", "Cancelled"),
    "Paid": ("Shipped", "Refunded"),
    "Shipped": ("Delivered", "Refunded"),
    "Delivered": ("Refunded",),
    "Payment failed": ("Paid", "Cancelled"),
    "Cancelled": (),
    "Refunded": (),
}
OSCAR_LINE_STATUS_PIPELINE = OSCAR_ORDER_STATUS_PIPELINE
# Nobody browses through Haystack (see commerce/search); the simple backend stays
# configured only because Oscar's search app imports Haystack at start-up.
HAYSTACK_CONNECTIONS = {"default": {"ENGINE": "haystack.backends.simple_backend.SimpleEngine"}}
HAYSTACK_SIGNAL_PROCESSOR = "haystack.signals.BaseSignalProcessor"
# Makers and production (artisans.dashboard, mounted at /dashboard/makers/ by storefront.urls).
OSCAR_DASHBOARD_NAVIGATION = OSCAR_DASHBOARD_NAVIGATION + [  # noqa: F405
    {
        "label": "Makers",
        "icon": "fas fa-hands",
        "children": [
            {"label": "Makers", "url_name": "artisans-dashboard:artisans-maker-list"},
            {"label": "Production batches", "url_name": "artisans-dashboard:artisans-batch-list"},
            {"label": "Production and capacity", "url_name": "artisans-dashboard:artisans-production"},
        ],
    },
    # Payouts, ledger and the training fund (payouts.dashboard, at /dashboard/payouts/).
    {
        "label": "Payouts",
        "icon": "fas fa-rupee-sign",
        "children": [
            {"label": "Payout runs", "url_name": "payouts-dashboard:payouts-run-list"},
            {"label": "Statements of a month",
             "url_name": "payouts-dashboard:payouts-statement-batches"},
            {"label": "Training fund", "url_name": "payouts-dashboard:payouts-fund"},
            {"label": "Seed grants", "url_name": "payouts-dashboard:payouts-grant-list"},
            {"label": "Split settings", "url_name": "payouts-dashboard:payouts-split"},
        ],
    },
    # CSR partners: companies, tie-ups, pledges, payments (csr_partners.dashboard, /dashboard/csr/).
    {
        "label": "CSR partners",
        "icon": "fas fa-handshake",
        "children": [
            {"label": "Companies", "url_name": "csr-dashboard:csr-company-list"},
            {"label": "Tie-ups", "url_name": "csr-dashboard:csr-tieup-list"},
            {"label": "Pledges", "url_name": "csr-dashboard:csr-pledge-list"},
        ],
    },
    # Companies' bulk orders (csr_partners.bulk_dashboard, at /dashboard/bulk-orders/).
    {
        "label": "Bulk orders",
        "icon": "fas fa-boxes",
        "children": [
            {"label": "Quotes", "url_name": "bulk-dashboard:bulk-quote-list"},
            {"label": "Orders and parcels", "url_name": "bulk-dashboard:bulk-order-list"},
            {"label": "Price tiers", "url_name": "bulk-dashboard:bulk-tiers"},
            {"label": "GST rates", "url_name": "bulk-dashboard:bulk-gst-rates"},
        ],
    },
]
# Exhibitions and pop-up stalls (exhibitions, at /dashboard/exhibitions/).
OSCAR_DASHBOARD_NAVIGATION = OSCAR_DASHBOARD_NAVIGATION + [
    {
        "label": "Exhibitions",
        "icon": "fas fa-store",
        "children": [
            {"label": "Events", "url_name": "exhibitions-dashboard:event-list"},
        ],
    },
]
# UPI at the stall: the organisation's VPA and payee name put in the QR code for the amount.
EXHIBITIONS_UPI_VPA = env.str("EXHIBITIONS_UPI_VPA", default="haat.collective@upi")
EXHIBITIONS_UPI_PAYEE = env.str("EXHIBITIONS_UPI_PAYEE", default="Haat Collective")
# Payouts (DESIGN.md section 4): the living-income floor a maker's monthly earnings are checked
# against, and the range of a micro-business seed grant, in paise.
PAYOUTS_LIVING_INCOME_FLOOR_PAISE = env.int("PAYOUTS_LIVING_INCOME_FLOOR_PAISE", default=300_000)
# The supplier on GST tax invoices (bulk orders): legal name, GSTIN, state (place of supply
# is compared with it: CGST+SGST within it, IGST outside), address.
HAAT_SUPPLIER = {
    "legal_name": env.str("HAAT_SUPPLIER_NAME", default="Haat Livelihoods Foundation"),
    "gstin": env.str("HAAT_SUPPLIER_GSTIN", default="19AAATH1234K1Z5"),
    "state": env.str("HAAT_SUPPLIER_STATE", default="West Bengal"),
    "address": env.str("HAAT_SUPPLIER_ADDRESS",
                       default="Hub: 14 College Street, Kolkata 700073, West Bengal"),
    "location": env.str("HAAT_SUPPLIER_LOCATION", default="Kolkata"),
    "pin_code": env.str("HAAT_SUPPLIER_PIN", default="700073"),
    # Where a net-terms buyer pays: the organisation's own current account (no maker's).
    "bank_name": env.str("HAAT_SUPPLIER_BANK_NAME", default="Demo Bank, College Street branch"),
    "bank_account": env.str("HAAT_SUPPLIER_BANK_ACCOUNT", default="000123456789"),
    "ifsc": env.str("HAAT_SUPPLIER_IFSC", default="DEMO0001234"),
    "upi_id": env.str("HAAT_SUPPLIER_UPI", default="haat.collective@upi"),
    # Delivery is a service: its SAC code (9968 courier, or 9965 goods transport) and GST rate
    # (used when the dated rate table has no row for that code).
    "delivery_sac": env.str("HAAT_DELIVERY_SAC", default="9968"),
    "delivery_gst_rate": env.str("HAAT_DELIVERY_GST_RATE", default="0.18"),
    # HSN digits printed on goods lines: 6, or 8 for sellers whose turnover requires it.
    "hsn_digits": env.int("HAAT_HSN_DIGITS", default=6),
}
PAYOUTS_SEED_GRANT_RANGE_PAISE = (
    env.int("PAYOUTS_SEED_GRANT_MIN_PAISE", default=800_000),
    env.int("PAYOUTS_SEED_GRANT_MAX_PAISE", default=2_000_000),
)
THUMBNAIL_DEBUG = False
THUMBNAIL_PRESERVE_FORMAT = True

# --- Wagtail -----------------------------------------------------------------------------------
WAGTAIL_SITE_NAME = "Haat"
WAGTAILADMIN_BASE_URL = env.str("WAGTAILADMIN_BASE_URL", default=HAAT_PUBLIC_URL)
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 15 * 1024 * 1024
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
# A page in Bengali or Hindi that is not translated yet (missing, a draft, an alias, or a
# wagtail-localize translation with segments left) is served as the English page with a notice
# in the visitor's language (storefront/translation.py); never a 404, never half translated.
# Editors translate with wagtail-localize: "Translate" on a page, then segment by segment.
WAGTAIL_LOCALIZE_DEFAULT_TRANSLATION_MODE = "synced"
# Alt text (the image's description) is required on upload and edit.
WAGTAILIMAGES_IMAGE_FORM_BASE = "storefront.forms.ImageForm"
# Gravatar would send a hash of every editor's email to a third party, and our pages load
# nothing from outside hosts.
WAGTAIL_GRAVATAR_PROVIDER_URL = None

# --- Logging -----------------------------------------------------------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    # Identity-vault values, phone numbers, bank and ID numbers never reach a log line: every
    # handler has this filter (tests/functional/test_log_scrubbing.py walks them all), so Django's
    # own unfiltered ones are replaced below; gunicorn's are in ops/gunicorn.conf.py.
    "filters": {"scrub_vault": {"()": "artisans.log_filters.ScrubVaultValues"}},
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "plain",
            "filters": ["scrub_vault"],
        }
    },
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {
        # Oscar logs every missing thumbnail source at error level in a demo without images.
        "sorl.thumbnail": {"level": "CRITICAL"},
        "oscar.alerts": {"level": "WARNING"},
        "django_tasks": {"level": "WARNING"},
        "kombu.connection": {"level": "ERROR"},
        # django-axes logs every start and every login at INFO; failures stay visible.
        "axes": {"level": "WARNING"},
        # Django's defaults give these handlers of their own without the filter ("Not Found:
        # /path", runserver's request lines, error emails): through the filtered one instead.
        "django": {"handlers": [], "level": "INFO", "propagate": True},
        "django.server": {"handlers": ["console"], "level": "INFO", "propagate": False},
        # redis-py gives this logger an unfiltered console handler of its own at its first
        # connection, unless the logger exists already: it does now, and propagates to ours.
        "push_response": {"level": "INFO"},
    },
}
