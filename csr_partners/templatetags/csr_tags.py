"""What a company adds to the training fund, shown on the basket and the confirmation page.

    {% load csr_tags %}
    {% csr_basket_contributions request basket as csr %}   (once, before the lines)
    {% csr_line_contribution csr line as c %}              (per line; c is None if none)
    {% csr_order_contributions order as csr %}             (confirmation page)

and, on a campaign page, its live figures and the work-email form:

    {% campaign_figures tieup as figures %}
    {% campaign_verification request tieup as verification %}  (.form, .verified)

Basket figures depend on the visitor (a verified employee or not). A verified employee always
has a session, and a visitor with a session never gets a basket page from the page cache
(pagecache/pages.py), so a kept basket page never shows a contribution."""

from django import template
from django.utils import timezone
from django.utils.translation import gettext as _

from catalogue.money import rupees

from .. import selectors
from ..forms import VerificationForm

register = template.Library()

SESSION_EMAIL_KEY = "csr_verified_email"


@register.simple_tag
def csr_basket_contributions(request, basket):
    if basket is None or not getattr(basket, "pk", None):
        return {}
    user = getattr(request, "user", None)
    email = request.session.get(SESSION_EMAIL_KEY, "") if hasattr(request, "session") else ""
    return selectors.contributions_for_basket(basket, user=user, email=email)


@register.simple_tag
def csr_order_contributions(order):
    return selectors.contributions_for_order(order) if order is not None else {}


@register.simple_tag
def csr_line_contribution(contributions, line):
    return (contributions or {}).get(getattr(line, "pk", None))


@register.filter
def paise_rupees(paise):
    """Integer paise as a rupee figure for display (e.g. 29980 -> "299.80")."""
    try:
        value = rupees(int(paise))
    except (TypeError, ValueError):
        return ""
    return f"{value:,.2f}".removesuffix(".00")


@register.inclusion_tag("csr_partners/_contribution_line.html")
def csr_contribution_note(contribution, order_placed=False):
    return {"c": contribution, "order_placed": order_placed, "label": _("training fund")}


@register.inclusion_tag("csr_partners/_checkout_offer.html", takes_context=True)
def csr_checkout_offer(context, basket):
    """At checkout: "Work at Acme?" with the work-email form, when an open tie-up covers a bag
    in the basket and the shopper is not yet verified for it."""
    request = context.get("request")
    if request is None or basket is None or not getattr(basket, "pk", None):
        return {"tieup": None}
    email = request.session.get(SESSION_EMAIL_KEY, "")
    guest_email = (request.session.get("checkout_data", {}).get("guest", {}) or {}).get(
        "email", "")
    tieup = selectors.open_tieup_for_basket(basket, user=request.user,
                                             email=email or guest_email)
    if tieup is None:
        return {"tieup": None}
    form = VerificationForm(signed_in=request.user.is_authenticated,
                            initial={"next": request.get_full_path(), "guest_email": guest_email})
    return {"tieup": tieup, "form": form, "guest_email": guest_email,
            "csrf_token": context.get("csrf_token")}


@register.simple_tag
def campaign_figures(tieup):
    """The tie-up's live figures, from the cache (selectors.campaign_figures)."""
    return selectors.campaign_figures(tieup.pk)


@register.simple_tag
def campaign_verification(request, tieup) -> dict:
    """For the campaign page: the form, and whether this visitor is verified."""
    email = request.session.get(SESSION_EMAIL_KEY, "") if hasattr(request, "session") else ""
    verified = any(t.pk == tieup.pk for t in selectors.verified_tieups(
        user=request.user, email=email)) if tieup.ends_on >= timezone.localdate() else False
    return {"form": VerificationForm(signed_in=request.user.is_authenticated,
                                     initial={"next": request.get_full_path()}),
            "verified": verified}
