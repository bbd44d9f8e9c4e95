"""The settings shared by every environment, by subject: environment.py (DJANGO_ENV, the public
address), apps.py (apps, middleware, templates), security.py (sign-in, lock-outs, second factor,
audit, rate limits), shop.py (email, Oscar, payouts, stalls); the data stores, Celery, Stripe,
languages, files, Wagtail and logging here. Each is star-imported below in the order of its
subject, after oscar.defaults so that our OSCAR_* values win; none of them sets a name another
sets."""

from pathlib import Path

from oscar.defaults import *  # noqa: F403

from .apps import *  # noqa: F403
from .environment import *  # noqa: F403
from .environment import BASE_DIR, DEBUG, DJANGO_ENV, HAAT_PUBLIC_URL, env

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

from .security import *  # noqa: F403, E402

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

from .shop import *  # noqa: F403, E402

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
