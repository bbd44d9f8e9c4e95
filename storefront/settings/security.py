"""Sign-in and staff security: authentication backends and password rules, lock-outs
(django-axes), the second factor (django-otp), the audit trail (django-auditlog) and rate limits
(django-ratelimit)."""

from datetime import timedelta

from django.urls import reverse_lazy

from .environment import DJANGO_ENV, env

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
