"""Admin actions for the people who help a locked-out colleague (Django admin, superusers)."""

from axes.utils import reset
from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from .lockout import key_for_user


@admin.action(description=_("Unlock sign-in (clear failed attempts)"))
def unlock_sign_in(modeladmin, request, queryset):
    for user in queryset:
        # Lock-outs are kept per account (security.lockout), or per the lower-cased
        # email when several accounts share it.
        for name in {key_for_user(user), user.email.lower()} - {""}:
            reset(username=name)
    count = queryset.count()
    messages.success(request, ngettext("Unlocked %d account.", "Unlocked %d accounts.", count)
                     % count)


@admin.action(description=_("Reset second factor (they enrol again at next sign-in)"))
def reset_second_factor(modeladmin, request, queryset):
    TOTPDevice.objects.filter(user__in=queryset).delete()
    StaticDevice.objects.filter(user__in=queryset).delete()
    count = queryset.count()
    messages.success(request, ngettext(
        "%d person will set up a new authenticator at next sign-in.",
        "%d people will set up a new authenticator at next sign-in.", count) % count)


_user_admin = admin.site._registry.get(get_user_model())
if _user_admin is not None:
    _user_admin.actions = [*(_user_admin.actions or []), unlock_sign_in, reset_second_factor]
