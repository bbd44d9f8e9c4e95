"""Sign-in lock-outs (django-axes) counted per account and per client, whatever was typed.

Axes counts failures under a "username" it gets from ``AXES_USERNAME_CALLABLE``. Left alone it
takes the text typed into the form, so ``Finance@…`` and ``finance@…`` and the username
``finance`` at /cms/login/ were three counters for one account. ``account_key`` turns whatever
was typed into the one key of the account it names:

- an email address in any capitals (Oscar's EmailBackend matches ``email__iexact``), or the
  username in any capitals, of exactly one account -> ``account:<pk>``;
- anything else (an unknown string, an email shared by several accounts) -> the text stripped
  and in lower case, so guesses at accounts that do not exist lock as well.

``AccountAndClientHandler`` then locks an account after ``AXES_FAILURE_LIMIT`` wrong passwords
from any address, and a client address after ``HAAT_CLIENT_FAILURE_LIMIT`` wrong passwords for
any accounts (higher: an office or shelter shares one address), each for ``AXES_COOLOFF_TIME``.
"""

from axes.attempts import get_cool_off_threshold
from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username, get_failure_limit
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Sum
from oscar.apps.customer.utils import normalise_email

ACCOUNT_PREFIX = "account:"


def key_for_user(user) -> str:
    """The lock-out key of an account (what the admin's "Unlock sign-in" clears)."""
    return f"{ACCOUNT_PREFIX}{user.pk}"


def _resolve(typed: str) -> str:
    User = get_user_model()
    text = normalise_email(typed)  # strips; lower-cases an email's domain
    if "@" in text:
        by_email = list(User.objects.filter(email__iexact=text).values_list("pk", flat=True)[:2])
        if len(by_email) == 1:
            return f"{ACCOUNT_PREFIX}{by_email[0]}"
    by_name = list(User.objects.filter(**{f"{User.USERNAME_FIELD}__iexact": text})
                   .values_list("pk", flat=True)[:2])
    if len(by_name) == 1:
        return f"{ACCOUNT_PREFIX}{by_name[0]}"
    return text.lower()


def account_key(request, credentials) -> str:
    """AXES_USERNAME_CALLABLE: the account that the typed email or username names."""
    typed = (credentials or {}).get("username")
    if typed is None and request is not None:
        data = getattr(request, "POST", {})
        typed = data.get("username") or data.get("login-username")
    typed = str(typed or "")
    # Axes asks several times per sign-in; one lookup per request and typed text.
    cache = getattr(request, "_haat_account_keys", None) if request is not None else None
    if cache is None:
        cache = {}
        if request is not None:
            request._haat_account_keys = cache
    if typed not in cache:
        cache[typed] = _resolve(typed)
    return cache[typed]


def _sum(attempts) -> int:
    return attempts.aggregate(n=Sum("failures_since_start"))["n"] or 0


def failures(request, credentials=None) -> tuple[int, int]:
    """Wrong passwords within the cool-off time: (for this account, from this client)."""
    recent = AccessAttempt.objects.filter(attempt_time__gte=get_cool_off_threshold(request))
    account = _sum(recent.filter(username=get_client_username(request, credentials)))
    client = _sum(recent.filter(ip_address=request.axes_ip_address))
    return account, client


def client_locked(request, credentials=None) -> bool:
    return failures(request, credentials)[1] >= settings.HAAT_CLIENT_FAILURE_LIMIT


class AccountAndClientHandler(AxesDatabaseHandler):
    """Axes' database handler with a separate, higher limit for a client address.

    Axes compares one number with one limit (``get_failures() >= AXES_FAILURE_LIMIT``), so this
    handler reports the account's failures, or the account limit itself once the client is
    over its own limit.
    """

    def get_failures(self, request, credentials=None) -> int:
        account, client = failures(request, credentials)
        if client >= settings.HAAT_CLIENT_FAILURE_LIMIT:
            return max(account, get_failure_limit(request, credentials))
        return account

    def reset_user_attempts(self, request, credentials=None) -> int:
        """After a right password: forget this account's failures from this client only.

        Axes' own reset deletes every row matching any lock-out parameter, which would let a
        guesser wipe the client's count (and other accounts' rows from that address) by signing
        in to an account of their own between guesses.
        """
        count, _ = AccessAttempt.objects.filter(
            username=get_client_username(request, credentials),
            ip_address=request.axes_ip_address,
        ).delete()
        return count
