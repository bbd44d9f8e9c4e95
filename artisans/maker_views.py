"""A maker's own sign-in, PIN, language and consent pages (/me/...), and the workshop page where
shelter staff give her a sign-in code. Her money is on payouts' pages (payouts/maker_page.py),
which sit above this app; they share this app's base template and maker_auth."""

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST
from django_ratelimit.decorators import ratelimit

from . import consent_services, maker_auth, selectors
from .models import Consent
from .views import workshop_staff_required

HOME = "/me/"  # her page (payouts.maker_page), above this app


def _rate(group, request):
    return settings.HAAT_RATE_LIMITS.get(group, "30/h")


sign_in_limited = ratelimit(group="maker-sign-in", key="ip", rate=_rate, method="POST",
                            block=True)


class CodeForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("Your name"), max_length=60)
    code = forms.CharField(label=gettext_lazy("Code from the shelter"), max_length=20,
                           widget=forms.TextInput(attrs={"inputmode": "numeric",
                                                         "autocomplete": "one-time-code"}))


class PinForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("Your name"), max_length=60)
    pin = forms.CharField(label=gettext_lazy("Your PIN"), max_length=12,
                          widget=forms.PasswordInput(attrs={"inputmode": "numeric",
                                                            "autocomplete": "off"}))


class NewPinForm(forms.Form):
    pin = forms.CharField(label=gettext_lazy("New PIN (6 numbers)"), max_length=12,
                          widget=forms.PasswordInput(attrs={"inputmode": "numeric",
                                                            "autocomplete": "off"}))
    again = forms.CharField(label=gettext_lazy("The same PIN again"), max_length=12,
                            widget=forms.PasswordInput(attrs={"inputmode": "numeric",
                                                              "autocomplete": "off"}))

    def clean(self):
        data = super().clean()
        try:
            pin = maker_auth.valid_pin(data.get("pin", ""))
        except ValidationError as exc:
            raise ValidationError(exc.messages) from None
        if maker_auth.normalise_code(data.get("again", "")) != pin:
            raise ValidationError(_("The two PINs are not the same."))
        data["pin"] = pin
        return data


def _no_store(response):
    response.headers["Cache-Control"] = "no-store"
    return response


@sensitive_post_parameters("code", "pin")
@never_cache
@sign_in_limited
@maker_auth.in_her_language
def sign_in(request):
    """Her sign-in: a PIN she set on this phone, or a code from the shelter staff."""
    if maker_auth.current_maker(request) is not None:
        return redirect(HOME)
    phone_makers = maker_auth.phone_makers(request)
    if request.method == "POST":
        use_code = "pin" not in request.POST
    else:
        use_code = request.GET.get("with") == "code" or not phone_makers
    form_class = CodeForm if use_code else PinForm
    form = form_class(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            if use_code:
                artisan = maker_auth.redeem_code(name=form.cleaned_data["name"],
                                                 code=form.cleaned_data["code"])
            else:
                artisan = maker_auth.check_pin(request=request, name=form.cleaned_data["name"],
                                               pin=form.cleaned_data["pin"])
        except maker_auth.SignInRefused as exc:
            form.add_error(None, str(exc))
            status = 400
        else:
            maker_auth.sign_in(request, artisan)
            if use_code:
                # A code is for setting a PIN on this phone (or a one-time visit).
                return redirect("maker:set-pin")
            return redirect(HOME)
    elif request.method == "POST":
        status = 400
    return _no_store(render(request, "artisans/maker/sign_in.html", {
        "form": form, "use_code": use_code, "phone_makers": phone_makers,
    }, status=status))


@require_POST
@never_cache
def sign_out(request):
    maker_auth.sign_out(request)
    return redirect("maker:sign-in")


@require_POST
@never_cache
def choose_language(request):
    maker_auth.set_maker_language(request, request.POST.get("language", ""))
    target = request.POST.get("next", "")
    if not target.startswith("/me/") or "//" in target:
        target = HOME
    return redirect(target)


@sensitive_post_parameters("pin", "again")
@maker_auth.maker_required
def set_pin(request):
    form = NewPinForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        token = maker_auth.set_pin(request=request, artisan=request.maker,
                                   pin=form.cleaned_data["pin"])
        messages.success(request, _("Your PIN is set on this phone."))
        response = redirect(HOME)
        maker_auth.set_device_cookie(request, response, token)
        return response
    return render(request, "artisans/maker/set_pin.html", {"form": form},
                  status=400 if form.errors else 200)


@maker_auth.maker_required
def consent(request):
    """Each consent she gave or withdrew, and a button to withdraw what stands. Withdrawal goes
    through the same service as staff's (consent_services.record_consent): the public pages follow it
    on the next request. Granting again is for staff, who record how they asked her."""
    state = selectors.consent_state(request.maker)
    if request.method == "POST":
        kind = request.POST.get("kind", "")
        if kind not in dict(Consent.KINDS):
            raise PermissionDenied
        if state.get(kind):
            consent_services.withdraw_consent_by_maker(artisan=request.maker, kind=kind)
            messages.success(request, _("Done. It is no longer shown to anyone."))
        return redirect("maker:consent")
    icons = {Consent.STORY: "story", Consent.QUOTE: "quote", Consent.HANDS_PHOTO: "photo"}
    words = {
        Consent.STORY: _("Your story"),
        Consent.QUOTE: _("Your words (a quote)"),
        Consent.HANDS_PHOTO: _("Photo of your hands or work"),
    }
    rows = [{"kind": kind, "label": words[kind], "icon": icons[kind], "shown": state[kind]}
            for kind, _label in Consent.KINDS]
    return render(request, "artisans/maker/consent.html", {"rows": rows})


# --- Workshop: shelter staff give a maker a code ---------------------------------------------
@workshop_staff_required
def maker_codes(request):
    """Staff of a shelter give one of its makers a one-time code (read out or printed). The
    list below is the audit: who gave a code to whom and when; codes themselves are never kept."""
    makers = list(selectors.makers_for_staff(request.user))
    issued = None
    if request.method == "POST":
        artisan = get_object_or_404(selectors.makers_for_staff(request.user),
                                    pk=request.POST.get("maker") or 0)
        try:
            code, record = maker_auth.issue_code(user=request.user, artisan=artisan)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
            return redirect("workshop:maker-codes")
        issued = {"maker": artisan, "code": f"{code[:4]} {code[4:]}", "record": record}
    history = list(maker_auth.codes_issued(request.user)[:30])
    response = render(request, "artisans/workshop/maker_codes.html", {
        "makers": makers, "issued": issued, "history": history,
        "minutes": maker_auth.code_minutes(),
    })
    return _no_store(response)
