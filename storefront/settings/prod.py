"""Production: PostgreSQL + Redis, real Stripe, no defaults for secrets.

Must pass `manage.py check --deploy` with zero warnings (tests/functional/test_settings.py).
"""

from django.core.exceptions import ImproperlyConfigured

from .base import env


def _check_fernet_keys(keys):
    from cryptography.fernet import Fernet

    for key in keys:
        try:
            Fernet(key.encode())
        except ValueError:
            raise ImproperlyConfigured("IDENTITY_KEYS holds a value that is not a Fernet key.") from None


DEBUG = False
SECRET_KEY = env.str("DJANGO_SECRET_KEY")
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS")
# The public address is https in production (canonical links, sitemap, emails): by default the
# first allowed host's.
HAAT_PUBLIC_URL = env.str("HAAT_PUBLIC_URL", default=f"https://{ALLOWED_HOSTS[0]}").rstrip("/")
if not HAAT_PUBLIC_URL.startswith("https://"):
    raise ImproperlyConfigured("HAAT_PUBLIC_URL must be the shop's https:// address in production.")
OSCAR_URL_SCHEMA = "https"
WAGTAILADMIN_BASE_URL = env.str("WAGTAILADMIN_BASE_URL", default=HAAT_PUBLIC_URL)
# The identity vault's Fernet keys, newest first: no default, and they must be real keys.
IDENTITY_KEYS = env.list("IDENTITY_KEYS")
if not IDENTITY_KEYS:
    raise ImproperlyConfigured("IDENTITY_KEYS must list at least one Fernet key in production.")
_check_fernet_keys(IDENTITY_KEYS)
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])

SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=True)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = 60 * 60 * 24 * 365
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
OSCAR_BASKET_COOKIE_SECURE = True
OSCAR_RECENTLY_VIEWED_COOKIE_SECURE = True
X_FRAME_OPTIONS = "DENY"

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
EMAIL_BACKEND = env.str("EMAIL_BACKEND", default="django.core.mail.backends.smtp.EmailBackend")

# Real Stripe in production: no test keys and no localstripe to fall back on.
STRIPE_API_BASE = env.str("STRIPE_API_BASE", default="https://api.stripe.com")
STRIPE_JS_URL = env.str("STRIPE_JS_URL", default="https://js.stripe.com/v3/")
STRIPE_JS_FLAVOUR = env.str("STRIPE_JS_FLAVOUR", default="stripe")
STRIPE_SECRET_KEY = env.str("STRIPE_SECRET_KEY")
STRIPE_PUBLISHABLE_KEY = env.str("STRIPE_PUBLISHABLE_KEY")
STRIPE_WEBHOOK_SECRET = env.str("STRIPE_WEBHOOK_SECRET")
