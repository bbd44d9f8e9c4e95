"""Who must sign in with a second factor, and where (DESIGN.md section 6).

Every member of staff (Django staff, superusers, and the Shelter staff, Finance, Identity
custodian, Editor and Admin groups) must; anyone else who enrolled a device (a CSR buyer may)
is asked for a code too. The back offices check this on every request; elsewhere the answer
given at sign-in, kept in the session, is used, so a shopper's pages cost no extra query.
"""

from django.conf import settings
from django_otp import user_has_device

from artisans.roles import IDENTITY_CUSTODIAN, SHELTER_STAFF

FINANCE = "Finance"
EDITOR = "Editor"
ADMIN = "Admin"
STAFF_GROUPS = frozenset({SHELTER_STAFF, FINANCE, IDENTITY_CUSTODIAN, EDITOR, ADMIN})

# The back offices: a member of staff reaches none of them before the second factor.
PROTECTED_PREFIXES = ("/dashboard/", "/cms/", "/workshop/", "/admin/")

# Pages a half-signed-in person must still reach: the sign-in and second-factor steps, sign-out,
# assets, the language switch, the health check and Stripe's webhook.
EXEMPT_PREFIXES = (
    "/accounts/second-factor/",
    "/shop/accounts/login/",
    "/shop/accounts/logout/",
    "/dashboard/login/",
    "/dashboard/logout/",
    "/cms/login/",
    "/cms/logout/",
    "/cms/password_reset/",
    "/admin/login/",
    "/admin/logout/",
    "/i18n/",
    "/healthz",
    "/shop/checkout/stripe/webhook/",
    "/favicon.ico",
)

# Session key: "the person who signed in here needs a second factor" (set at sign-in).
SESSION_FLAG = "haat_second_factor"


def is_staff_member(user) -> bool:
    """True for every role that works in a back office."""
    if not (user and user.is_authenticated):
        return False
    if user.is_staff or user.is_superuser:
        return True
    return user.groups.filter(name__in=STAFF_GROUPS).exists()


def needs_second_factor(user) -> bool:
    """Staff always; anyone else once they enrolled a device."""
    return is_staff_member(user) or user_has_device(user, confirmed=True)


def is_exempt(path: str) -> bool:
    # The shop's pages also live under a language prefix (/bn/shop/..., /hi/shop/...).
    code, _sep, rest = path.lstrip("/").partition("/")
    if code in {lang for lang, _name in settings.LANGUAGES}:
        path = "/" + rest
    return path.startswith(EXEMPT_PREFIXES + (settings.STATIC_URL, settings.MEDIA_URL))
