"""A maker's own sign-in (issue 21): no password, no phone number, no user account.

- Shelter staff of her shelter issue a one-time code for her (``issue_code``): 8 digits, valid
  MAKER_CODE_MINUTES (15), once, locked after MAKER_CODE_MAX_TRIES (5) wrong tries against it.
  Only an HMAC of the code is stored; the row records who issued it and when (the audit), never
  the code. A new code cancels her older ones, and staff may issue at most
  MAKER_CODES_PER_HOUR for one maker.
- With the code she may set a 6-digit PIN for the phone in her hand (``set_pin``): the phone
  keeps a random token in a cookie (several makers may share a phone), the shop a hash of the
  token and of the PIN. MAKER_PIN_MAX_TRIES wrong PINs lock that phone's PIN; a new code then.
- Her session is not Django's user login: the session holds her artisan id under SESSION_KEY
  and the time of her last request; MAKER_IDLE_SECONDS (30 minutes) without a request ends it.
  ``maker_required`` checks it on every request and sets ``request.maker``; her id never
  appears in a URL.
"""

from __future__ import annotations

import datetime
import hashlib
import hmac
import secrets
import time
from functools import wraps

from django.conf import settings
from django.contrib.auth import logout
from django.contrib.auth.hashers import check_password, make_password
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.shortcuts import redirect
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_variables

from .models import Artisan, MakerDevice, MakerSignInCode, ShelterStaff

SESSION_KEY = "_haat_maker"
LANGUAGE_KEY = "_haat_maker_language"
DEVICE_COOKIE = "haat_maker_phone"
DEVICE_COOKIE_DAYS = 365
MAX_DEVICES_ON_A_PHONE = 8
CODE_DIGITS = 8
PIN_DIGITS = 6
# Her page is in Bengali unless she chose another language.
LANGUAGES = ("bn", "en-in", "hi")
DEFAULT_LANGUAGE = "bn"


def _setting(name, default):
    return getattr(settings, name, default)


def code_minutes() -> int:
    return int(_setting("MAKER_CODE_MINUTES", 15))


def code_max_tries() -> int:
    return int(_setting("MAKER_CODE_MAX_TRIES", 5))


def pin_max_tries() -> int:
    return int(_setting("MAKER_PIN_MAX_TRIES", 5))


def idle_seconds() -> int:
    return int(_setting("MAKER_IDLE_SECONDS", 30 * 60))


def codes_per_hour() -> int:
    return int(_setting("MAKER_CODES_PER_HOUR", 5))


def _keyed_hash(purpose: str, value: str) -> str:
    key = f"haat-maker-{purpose}:{settings.SECRET_KEY}".encode()
    return hmac.new(key, value.encode(), hashlib.sha256).hexdigest()


def _clean_digits(value: str) -> str:
    return "".join(ch for ch in str(value or "") if not ch.isspace() and ch != "-")


def _to_ascii_digits(value: str) -> str:
    """Bengali (০-৯) and Devanagari (०-९) digits typed on her phone's keyboard count too."""
    out = []
    for ch in value:
        if ch.isdigit():
            try:
                import unicodedata

                out.append(str(unicodedata.digit(ch)))
                continue
            except (TypeError, ValueError):
                pass
        out.append(ch)
    return "".join(out)


def normalise_code(value: str) -> str:
    return _to_ascii_digits(_clean_digits(value))


def find_maker(name: str) -> Artisan | None:
    """An active maker by the name she goes by (her pseudonym, any case)."""
    name = " ".join((name or "").split())
    if not name:
        return None
    return Artisan.objects.filter(pseudonym__iexact=name, is_active=True).first()


# --- Codes (shelter staff) ---------------------------------------------------------------------
def staff_may_issue_for(user, artisan: Artisan) -> bool:
    return ShelterStaff.objects.filter(user=user, shelter_id=artisan.shelter_id).exists()


@sensitive_variables("code")
@transaction.atomic
def issue_code(*, user, artisan: Artisan, minutes: int | None = None) -> tuple[str, MakerSignInCode]:
    """A new one-time code for ``artisan``, issued by staff of her shelter. Returns the code
    (shown once, to be read out or printed) and its record. ``minutes`` is for the demo data
    only (artisans.demo); production codes last MAKER_CODE_MINUTES."""
    if not (user and user.is_authenticated and staff_may_issue_for(user, artisan)):
        raise PermissionDenied(_("You do not work at this maker's shelter."))
    if not artisan.is_active:
        raise ValidationError(_("This maker is not active."))
    # Lock her row: two staff pressing at once issue one after the other, not past the limit.
    Artisan.objects.select_for_update().filter(pk=artisan.pk).first()
    now = timezone.now()
    recent = MakerSignInCode.objects.filter(
        artisan=artisan, issued_at__gte=now - datetime.timedelta(hours=1)).count()
    if recent >= codes_per_hour():
        raise ValidationError(
            _("Too many codes for this maker in the last hour. Try again later."), code="rate")
    MakerSignInCode.objects.filter(
        artisan=artisan, used_at__isnull=True, cancelled_at__isnull=True
    ).update(cancelled_at=now)
    code = "".join(secrets.choice("0123456789") for _ in range(CODE_DIGITS))
    record = MakerSignInCode.objects.create(
        artisan=artisan, code_hash=_keyed_hash("code", code), issued_by=user,
        expires_at=now + datetime.timedelta(minutes=minutes or code_minutes()),
    )
    return code, record


def codes_issued(user, shelter_ids=None):
    """The codes issued for makers of the user's shelters (the audit: who, when; no code)."""
    shelters = ShelterStaff.objects.filter(user=user).values("shelter")
    qs = MakerSignInCode.objects.filter(artisan__shelter__in=shelters)
    return qs.select_related("artisan", "issued_by")


class SignInRefused(Exception):
    """Why a code or PIN did not sign her in, in words she can read (str(exc))."""


@sensitive_variables("code", "entered")
def redeem_code(*, name: str, code: str) -> Artisan:
    """The maker whose open code this is, the code used up; else SignInRefused. A wrong code
    counts against her open code (locked at MAKER_CODE_MAX_TRIES); two people redeeming the
    same code at once: one wins (a conditional update), the other is refused."""
    artisan = find_maker(name)
    entered = normalise_code(code)
    wrong = SignInRefused(_("That name and code do not match. Ask the shelter staff for help."))
    if artisan is None:
        raise wrong
    now = timezone.now()
    current = (
        MakerSignInCode.objects.filter(artisan=artisan, used_at__isnull=True,
                                       cancelled_at__isnull=True)
        .order_by("-issued_at", "-id").first()
    )
    if current is None:
        raise wrong
    if current.wrong_tries >= code_max_tries():
        raise SignInRefused(_("This code is locked after too many tries. Ask for a new code."))
    if current.expires_at <= now:
        raise SignInRefused(_("This code has expired. Ask the shelter staff for a new code."))
    if not hmac.compare_digest(current.code_hash, _keyed_hash("code", entered)):
        MakerSignInCode.objects.filter(pk=current.pk).update(wrong_tries=F("wrong_tries") + 1)
        if current.wrong_tries + 1 >= code_max_tries():
            raise SignInRefused(
                _("This code is locked after too many tries. Ask for a new code."))
        raise wrong
    used = MakerSignInCode.objects.filter(
        pk=current.pk, used_at__isnull=True, cancelled_at__isnull=True,
        wrong_tries__lt=code_max_tries(), expires_at__gt=now,
    ).update(used_at=now)
    if not used:
        raise SignInRefused(_("This code has already been used. Ask for a new code."))
    return artisan


# --- PINs on a phone ---------------------------------------------------------------------------
def device_tokens(request) -> list[str]:
    raw = request.COOKIES.get(DEVICE_COOKIE, "")
    return [t for t in raw.split(".") if 20 <= len(t) <= 64][:MAX_DEVICES_ON_A_PHONE]


def valid_pin(pin: str) -> str:
    pin = normalise_code(pin)
    if len(pin) != PIN_DIGITS or not pin.isdigit():
        raise ValidationError(_("The PIN is 6 numbers."), code="pin")
    if len(set(pin)) == 1 or pin in "0123456789" or pin in "9876543210":
        raise ValidationError(_("Choose a PIN that is harder to guess."), code="pin")
    return pin


@sensitive_variables("pin", "token")
@transaction.atomic
def set_pin(*, request, artisan: Artisan, pin: str) -> str:
    """Her PIN for this phone; returns the phone's new token (the caller sets the cookie).
    Any older PIN of hers on this phone is replaced."""
    pin = valid_pin(pin)
    hashes = [_keyed_hash("device", t) for t in device_tokens(request)]
    MakerDevice.objects.filter(artisan=artisan, token_hash__in=hashes).delete()
    token = secrets.token_urlsafe(32)
    MakerDevice.objects.create(
        artisan=artisan, token_hash=_keyed_hash("device", token), pin_hash=make_password(pin))
    return token


def device_cookie_value(request, new_token: str) -> str:
    tokens = [new_token] + [t for t in device_tokens(request) if t != new_token]
    # Only tokens the shop still knows stay on the phone.
    known = set(MakerDevice.objects.filter(
        token_hash__in=[_keyed_hash("device", t) for t in tokens]).values_list("token_hash",
                                                                               flat=True))
    kept = [t for t in tokens if _keyed_hash("device", t) in known or t == new_token]
    return ".".join(kept[:MAX_DEVICES_ON_A_PHONE])


def set_device_cookie(request, response, token: str) -> None:
    response.set_cookie(
        DEVICE_COOKIE, device_cookie_value(request, token),
        max_age=DEVICE_COOKIE_DAYS * 24 * 3600, httponly=True, samesite="Lax",
        secure=settings.SESSION_COOKIE_SECURE, path="/me/",
    )


def phone_makers(request) -> list[Artisan]:
    """The makers who set a PIN on this phone (for the PIN sign-in's list of names)."""
    hashes = [_keyed_hash("device", t) for t in device_tokens(request)]
    if not hashes:
        return []
    return list(Artisan.objects.filter(
        pk__in=MakerDevice.objects.filter(token_hash__in=hashes, locked_at__isnull=True)
        .values("artisan"), is_active=True).order_by("pseudonym"))


@sensitive_variables("pin")
def check_pin(*, request, name: str, pin: str) -> Artisan:
    """The maker signed in with the PIN she set on this phone, else SignInRefused."""
    artisan = find_maker(name)
    wrong = SignInRefused(_("That PIN is not right."))
    if artisan is None:
        raise wrong
    hashes = [_keyed_hash("device", t) for t in device_tokens(request)]
    device = MakerDevice.objects.filter(artisan=artisan, token_hash__in=hashes).first()
    if device is None:
        raise SignInRefused(_("No PIN is set for you on this phone. Sign in with a code."))
    if device.locked_at is not None:
        raise SignInRefused(
            _("Your PIN on this phone is locked. Ask the shelter staff for a new code."))
    if not check_password(normalise_code(pin), device.pin_hash):
        MakerDevice.objects.filter(pk=device.pk).update(wrong_pins=F("wrong_pins") + 1)
        device.refresh_from_db()
        if device.wrong_pins >= pin_max_tries():
            MakerDevice.objects.filter(pk=device.pk, locked_at__isnull=True).update(
                locked_at=timezone.now())
            raise SignInRefused(
                _("Your PIN on this phone is locked. Ask the shelter staff for a new code."))
        raise wrong
    MakerDevice.objects.filter(pk=device.pk).update(wrong_pins=0, last_used_at=timezone.now())
    return artisan


# --- Her session -------------------------------------------------------------------------------
def sign_in(request, artisan: Artisan) -> None:
    """Start her session. Whoever was signed in on this phone before (staff too) is signed out
    first: a shared phone must not carry someone else's session into hers."""
    language = request.session.get(LANGUAGE_KEY)
    if request.user.is_authenticated:
        logout(request)
    request.session.flush()
    request.session[SESSION_KEY] = {"id": artisan.pk, "seen": int(time.time())}
    if language:
        request.session[LANGUAGE_KEY] = language


def sign_out(request) -> None:
    language = request.session.get(LANGUAGE_KEY)
    request.session.flush()
    if language:
        request.session[LANGUAGE_KEY] = language


def current_maker(request) -> Artisan | None:
    """The signed-in maker, or None (never signed in, idle too long, or no longer active). A
    request by her moves her idle clock on."""
    data = request.session.get(SESSION_KEY)
    if not isinstance(data, dict) or "id" not in data:
        return None
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        # Someone signed in with an account on this phone after her: her session is over.
        request.session.pop(SESSION_KEY, None)
        return None
    now = int(time.time())
    if now - int(data.get("seen", 0)) > idle_seconds():
        sign_out(request)
        return None
    artisan = Artisan.objects.filter(pk=data["id"], is_active=True).select_related(
        "shelter").first()
    if artisan is None:
        sign_out(request)
        return None
    if now - int(data.get("seen", 0)) >= 30:  # spare a session write on every click
        request.session[SESSION_KEY] = {"id": artisan.pk, "seen": now}
    return artisan


def maker_language(request) -> str:
    language = request.session.get(LANGUAGE_KEY)
    return language if language in LANGUAGES else DEFAULT_LANGUAGE


def set_maker_language(request, language: str) -> None:
    if language in LANGUAGES:
        request.session[LANGUAGE_KEY] = language


def in_her_language(view):
    """Her pages speak the language she chose on them (Bengali unless she chose another)."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        language = maker_language(request)
        with translation.override(language):
            request.LANGUAGE_CODE = language
            response = view(request, *args, **kwargs)
            if hasattr(response, "render") and not getattr(response, "is_rendered", True):
                response.render()
        response.headers["Content-Language"] = language
        return response

    return wrapper


def maker_required(view):
    """Her pages: only for a signed-in maker (anyone else goes to her sign-in page, a staff
    account too: staff have no business on a maker's own page). Never cached anywhere."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        maker = current_maker(request)
        if maker is None:
            return redirect("maker:sign-in")
        request.maker = maker
        response = view(request, *args, **kwargs)
        response.headers["Cache-Control"] = "no-store"
        response.headers["Referrer-Policy"] = "same-origin"
        return response

    return never_cache(in_her_language(wrapper))
