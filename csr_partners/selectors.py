"""Reads of csr_partners. Company scoping for partner users is decided here, once:
``company_for_user`` is the only way a view (ours or the bulk orders') learns which company's
things a CSR contact may see."""

from __future__ import annotations

from decimal import Decimal

from django.core.cache import cache
from django.db.models import Q
from django.utils import timezone

from .models import CampaignPage, Company, EmployeeVerification, Pledge, PledgeReversal, TieUp

CAMPAIGN_FIGURES_KEY = "csr:campaign-figures:{tieup_id}"
CURRENT_CAMPAIGN_KEY = "csr:current-campaign"
FIGURES_TIMEOUT = 10 * 60  # the beat task refreshes every minute; a stale key dies anyway


def company_for_user(user) -> Company | None:
    """The company whose CSR contacts group the user is in, or None (anonymous, inactive,
    not a contact, or, refused as ambiguous, a contact of two companies)."""
    if not (user and user.is_authenticated and user.is_active):
        return None
    companies = list(Company.objects.filter(contacts_group__user=user)[:2])
    return companies[0] if len(companies) == 1 else None


def tieups_for_company(company: Company):
    return TieUp.objects.filter(company=company).order_by("-starts_on")


def pledges_for_company(company: Company, *, year: int | None = None, month: int | None = None):
    qs = Pledge.objects.filter(company=company).select_related("tieup")
    if year and month:
        qs = qs.filter(pledged_at__year=year, pledged_at__month=month)
    return qs.order_by("pledged_at", "id")


# --- Campaign figures (cached; the Celery task and pledge writes refresh them) -----------------
def compute_campaign_figures(tieup_id: int) -> dict | None:
    """The figures from the database: two queries. Only tasks.refresh_campaign_figures and the
    on-commit refresh call this; pages read ``campaign_figures``."""
    from django.db.models import Count, Sum

    tieup = TieUp.objects.filter(pk=tieup_id).select_related("company").first()
    if tieup is None:
        return None
    totals = Pledge.objects.filter(tieup_id=tieup_id, status=Pledge.PLEDGED).aggregate(
        bags=Count("id"), pledged=Sum("amount_paise"))
    given_back = PledgeReversal.objects.filter(  # refunds by amount (issue 18)
        pledge__tieup_id=tieup_id, pledge__status=Pledge.PLEDGED).aggregate(
        s=Sum("amount_paise"))["s"] or 0
    pledged = (totals["pledged"] or 0) - given_back
    today = timezone.localdate()
    return {
        "tieup_id": tieup.pk,
        "company": tieup.company.name,
        "rate": tieup.rate,
        "basis": tieup.basis,
        "bags": totals["bags"],
        "pledged_paise": pledged,
        "cap_paise": tieup.cap_paise,
        "remaining_paise": max(tieup.cap_paise - pledged, 0),
        # One decimal, rounded down: ₹170 of ₹50,000 is "0.3%", never a rounded-up "full".
        "percent_of_cap": (Decimal(min(pledged * 1000 // tieup.cap_paise, 1000)) / 10
                           if tieup.cap_paise else Decimal(0)),
        "cap_reached": pledged >= tieup.cap_paise,
        "starts_on": tieup.starts_on,
        "ends_on": tieup.ends_on,
        "is_open": tieup.is_open_on(today) and pledged < tieup.cap_paise,
        "has_ended": today > tieup.ends_on,
        "updated_at": timezone.now(),
    }


def refresh_campaign_figures(tieup_id: int) -> dict | None:
    figures = compute_campaign_figures(tieup_id)
    if figures is not None:
        cache.set(CAMPAIGN_FIGURES_KEY.format(tieup_id=tieup_id), figures, FIGURES_TIMEOUT)
    cache.delete(CURRENT_CAMPAIGN_KEY)
    return figures


def campaign_figures(tieup_id: int) -> dict | None:
    """The cached figures; on a cold cache (first visitor after a restart) computed once and
    stored, so the next visitors read the cache."""
    figures = cache.get(CAMPAIGN_FIGURES_KEY.format(tieup_id=tieup_id))
    if figures is None:
        figures = refresh_campaign_figures(tieup_id)
    return figures


def current_campaign() -> dict | None:
    """The live campaign page for the home page: {"page", "figures"}, or None. The page whose
    tie-up is open today (the latest starting, if several); cached with the figures."""
    found = cache.get(CURRENT_CAMPAIGN_KEY)
    if found is None:
        today = timezone.localdate()
        page = (
            CampaignPage.objects.live().public()
            .filter(tieup__active=True, tieup__starts_on__lte=today, tieup__ends_on__gte=today)
            .order_by("-tieup__starts_on", "pk").first()
        )
        found = {"page_id": page.pk if page else None}
        cache.set(CURRENT_CAMPAIGN_KEY, found, 60)
    if not found["page_id"]:
        return None
    page = CampaignPage.objects.filter(pk=found["page_id"]).live().first()
    if page is None:
        return None
    return {"page": page, "figures": campaign_figures(page.tieup_id)}


# --- Verified employees, and the bags their tie-ups cover ------------------------------------
def verified_tieups(*, user=None, email: str = "", on=None) -> list[TieUp]:
    """The tie-ups a shopper is a verified employee for on ``on`` (today by default)."""
    on = on or timezone.localdate()
    who = Q()
    if user is not None and user.is_authenticated:
        who |= Q(user=user)
    if email:
        who |= Q(guest_email=(email or "").strip().lower())
    if not who:
        return []
    ids = (EmployeeVerification.objects.filter(who, confirmed_at__isnull=False,
                                               valid_until__gte=on)
           .values_list("tieup_id", flat=True))
    return list(TieUp.objects.filter(pk__in=ids, active=True, starts_on__lte=on, ends_on__gte=on)
                .select_related("company").order_by("starts_on", "pk"))


# --- Eligibility ---------------------------------------------------------------------------------
def eligible_product_ids(tieup: TieUp, product_ids) -> set[int]:
    """Which of ``product_ids`` the tie-up covers: listed products, products in a listed
    category or one below it, and the variants of covered parents."""
    from catalogue.selectors import products_in_categories

    product_ids = set(product_ids)
    chosen = set(tieup.products.values_list("pk", flat=True))
    categories = list(tieup.categories.all())
    if categories:
        chosen |= products_in_categories(categories, product_ids)
    return {pid for pid in product_ids if pid in chosen}


def tieup_for_lines(tieups: list[TieUp], product_ids) -> dict[int, TieUp]:
    """{product id: the tie-up that pledges on it}: the first (earliest starting) of the
    shopper's tie-ups covering it. Overlaps for one company are refused when tie-ups are
    saved, so at most one per company applies."""
    found: dict[int, TieUp] = {}
    for tieup in tieups:
        for pid in eligible_product_ids(tieup, product_ids):
            found.setdefault(pid, tieup)
    return found


# --- What a company adds, for the basket and the confirmation page ------------------------------
def contributions_for_basket(basket, *, user=None, email: str = "") -> dict[int, dict]:
    """{basket line id: {"company", "amount_paise", "partial"}} for a verified employee's
    eligible lines: the same pledge_quotes the capture uses, the cap left now applied in line
    order. Nothing for anyone else (one query to learn that)."""
    from catalogue.money import to_paise
    from payouts.services import pledge_quotes

    tieups = verified_tieups(user=user, email=email)
    if not tieups:
        return {}
    lines = [line for line in basket.all_lines() if line.product_id]
    by_product = tieup_for_lines(tieups, {line.product_id for line in lines})
    out: dict[int, dict] = {}
    cap_left = {t.pk: t.remaining_paise for t in tieups}
    for line in lines:
        tieup = by_product.get(line.product_id)
        if tieup is None or line.unit_price_incl_tax is None:
            continue
        quote = pledge_quotes([(line.product_id, to_paise(line.unit_price_incl_tax))],
                              rate=tieup.rate, basis=tieup.basis)[0]
        total = 0
        for _unit in range(line.quantity):
            amount = min(quote.full, cap_left[tieup.pk])
            cap_left[tieup.pk] -= amount
            total += amount
        if total:
            out[line.pk] = {"company": tieup.company.name, "amount_paise": total,
                            "per_bag_paise": quote.full, "quantity": line.quantity,
                            "partial": total < quote.full * line.quantity}
    return out


def contributions_for_order(order) -> dict[int, dict]:
    """{order line id: {"company", "amount_paise", "bags", "partial"}} from the order's pledges
    (not reversed); one query."""
    out: dict[int, dict] = {}
    for item in (Pledge.objects.filter(order_number=order.number, status=Pledge.PLEDGED)
                 .select_related("company").order_by("order_line_id", "unit")):
        row = out.setdefault(item.order_line_id, {"company": item.company.name,
                                                  "amount_paise": 0, "bags": 0,
                                                  "partial": False})
        row["amount_paise"] += item.amount_paise
        row["bags"] += 1
        row["partial"] = row["partial"] or item.is_partial
    return out


def statement_months(company: Company) -> list:
    """The months in which the company pledged (newest first), for its statements."""
    from django.db.models.functions import TruncMonth

    months = (Pledge.objects.filter(company=company).annotate(m=TruncMonth("pledged_at"))
              .values_list("m", flat=True).distinct().order_by("-m"))
    return [m.date() if hasattr(m, "date") else m for m in months]


def open_tieup_for_basket(basket, *, user=None, email: str = "") -> TieUp | None:
    """An open tie-up (today in its window, cap not reached) covering a product in the basket,
    for which this shopper is not verified yet; None otherwise."""
    today = timezone.localdate()
    open_ = list(TieUp.objects.filter(active=True, starts_on__lte=today, ends_on__gte=today)
                 .select_related("company"))
    open_ = [t for t in open_ if not t.cap_reached]
    if not open_:
        return None
    mine = {t.pk for t in verified_tieups(user=user, email=email)}
    product_ids = {line.product_id for line in basket.all_lines() if line.product_id}
    for tieup in open_:
        if tieup.pk not in mine and eligible_product_ids(tieup, product_ids):
            return tieup
    return None
