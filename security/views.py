"""The second-factor pages (enrol, enter a code, new backup codes) and the refusal pages for
lock-outs (django-axes) and rate limits (django-ratelimit).

No inline script or style: the Content Security Policy allows neither.
"""

import segno
from django.conf import settings
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django_otp import devices_for_user, user_has_device
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from . import lockout, services
from .forms import TokenForm
from .policy import is_staff_member


def _throttled_message(devices):
    """django-otp waits longer after each wrong code (1, 2, 4... seconds); say so plainly."""
    if devices and not any(device.verify_is_allowed()[0] for device in devices):
        return _("Too many wrong codes in a row. Wait a minute, then type the newest code.")
    return None


def _next_url(request):
    url = request.POST.get("next") or request.GET.get("next") or ""
    if url and url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return url
    return str(settings.LOGIN_REDIRECT_URL)


@method_decorator([never_cache, sensitive_post_parameters("token")], name="dispatch")
class VerifyView(LoginRequiredMixin, View):
    """After the password: a code from the authenticator app or a backup code."""

    template_name = "security/verify.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            if request.user.is_verified():
                return redirect(_next_url(request))
            if not user_has_device(request.user, confirmed=True):
                return redirect(f"{reverse('second-factor:setup')}?{request.GET.urlencode()}")
        return super().dispatch(request, *args, **kwargs)

    def get(self, request):
        return self._render(TokenForm())

    def post(self, request):
        form = TokenForm(request.POST)
        if form.is_valid():
            token = form.cleaned_data["token"]
            # An app code goes to the app, a backup code to the backup codes: a backup code
            # must not count as a wrong app code (django-otp slows down after wrong ones).
            kind = TOTPDevice if (token.isdigit() and len(token) == 6) else StaticDevice
            devices = [d for d in devices_for_user(request.user) if isinstance(d, kind)]
            waiting = _throttled_message(devices)
            device = None if waiting else next(
                (d for d in devices if d.verify_token(token)), None)
            if device is not None:
                otp_login(request, device)
                return redirect(_next_url(request))
            form.add_error("token", waiting or _(
                "That code is not right, or was already used. Try the newest code from your "
                "app, or a backup code."))
        return self._render(form, status=200)

    def _render(self, form, status=200):
        return render(self.request, self.template_name,
                      {"form": form, "next": _next_url(self.request)}, status=status)


@method_decorator([never_cache, sensitive_post_parameters("token")], name="dispatch")
class SetupView(LoginRequiredMixin, View):
    """Enrolment: scan the QR code, confirm one code, and see the backup codes once.

    Someone who already has a device must pass it first: a stolen password alone must never be
    enough to add a new authenticator.
    """

    template_name = "security/setup.html"

    def dispatch(self, request, *args, **kwargs):
        user = request.user
        if user.is_authenticated and not user.is_verified() and user_has_device(user):
            return redirect(f"{reverse('second-factor:verify')}?{request.GET.urlencode()}")
        return super().dispatch(request, *args, **kwargs)

    def get(self, request):
        return self._render(TokenForm())

    def post(self, request):
        device = services.pending_app_device(request.user)
        form = TokenForm(request.POST)
        waiting = _throttled_message([device])
        if form.is_valid() and not waiting and device.verify_token(form.cleaned_data["token"]):
            services.confirm_app_device(device)
            codes = services.new_backup_codes(request.user)
            otp_login(request, device)
            return render(request, "security/backup_codes.html",
                          {"codes": codes, "next": _next_url(request), "enrolled": True})
        if form.is_valid():
            form.add_error("token", waiting or _(
                "That code does not match. Check the clock on your phone and type the newest "
                "code."))
        return self._render(form)

    def _render(self, form):
        device = services.pending_app_device(self.request.user)
        qr = segno.make(device.config_url, error="m")
        return render(self.request, self.template_name, {
            "form": form,
            "next": _next_url(self.request),
            "qr_svg": qr.svg_inline(scale=5, dark="#000", light="#fff", border=4),
            "secret": services.base32_secret(device),
            "required": is_staff_member(self.request.user),
        })


@method_decorator(never_cache, name="dispatch")
class BackupCodesView(LoginRequiredMixin, View):
    """New backup codes (the old ones stop working), for someone already past the code step."""

    def get(self, request):
        if not request.user.is_verified():
            return redirect(f"{reverse('second-factor:verify')}?next={request.path}")
        return render(request, "security/backup_codes.html", {"codes": None})

    def post(self, request):
        if not request.user.is_verified():
            return redirect(f"{reverse('second-factor:verify')}?next={request.path}")
        codes = services.new_backup_codes(request.user)
        return render(request, "security/backup_codes.html",
                      {"codes": codes, "next": _next_url(request)})


def locked_out(request, original_response=None, credentials=None):
    """django-axes' AXES_LOCKOUT_CALLABLE: the refusal, at the login form's own address."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    # Which lock: the account typed (any capitals, any form) or this client address.
    account_failures, _client = lockout.failures(request, credentials)
    return render(request, "security/locked_out.html",
                  {"minutes": minutes, "back": request.get_full_path(),
                   "account_locked": account_failures >= settings.AXES_FAILURE_LIMIT},
                  status=settings.AXES_HTTP_RESPONSE_CODE)


def rate_limited(request, exception=None):
    """django-ratelimit's RATELIMIT_VIEW: 429 with a plain explanation."""
    if request.path.startswith("/shop/checkout/stripe/webhook/"):
        return HttpResponse("rate limited", status=429, content_type="text/plain")
    return render(request, "security/rate_limited.html", status=429)
