"""The impact figures shown on the home page's strip, the impact page and ImpactCounter blocks.

Computed from the ledger (payouts.selectors.impact_totals) and never typed in by editors; kept in
the cache and recomputed by a Celery beat task (storefront.tasks.refresh_impact_figures, every
IMPACT_REFRESH_SECONDS), so a page view never costs the ledger's aggregate queries. A figure about
fewer than MIN_PEOPLE people is shown as "fewer than 5", and a sum of money that would be about
so few (what makers earned, seed grants paid) is not shown at all (DESIGN.md section 7, rule 4).
"""

import datetime
from dataclasses import dataclass

from django.core.cache import cache
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from catalogue.money import format_count, format_paise
from payouts import selectors as payouts_selectors

CACHE_KEY = "storefront:impact:v1"
# The beat task runs every 15 minutes; the cached value outlives two missed runs.
CACHE_SECONDS = 60 * 60
MIN_PEOPLE = 5
# "Makers earning": makers credited earnings in the last year (a maker who stopped long ago is
# not "earning"). Everything else is all time.
EARNING_WINDOW = datetime.timedelta(days=365)


@dataclass(frozen=True)
class Figure:
    key: str
    label: str
    value: str  # already formatted for the active language
    suppressed: bool = False  # true when the figure is about fewer than MIN_PEOPLE people


# The figures an ImpactCounter block may show: key -> label (for editors' choice).
FIGURE_CHOICES = [
    ("units_sold", _("Bags and pouches sold")),
    ("makers_earning", _("Makers earning")),
    ("maker_earnings", _("Earned by makers")),
    ("fund_inflow", _("To the training fund")),
    ("seed_grants", _("Seed grants made")),
]
LABELS = dict(FIGURE_CHOICES)


def compute() -> dict:
    totals = payouts_selectors.impact_totals(since=timezone.now() - EARNING_WINDOW)
    return {**totals, "seed_grant_outcomes": payouts_selectors.seed_grant_outcomes(),
            "computed_at": timezone.now()}


def refresh() -> dict:
    figures = compute()
    cache.set(CACHE_KEY, figures, CACHE_SECONDS)
    return figures


def totals() -> dict:
    """The cached totals; a cold cache (first view after a restart) computes them once."""
    figures = cache.get(CACHE_KEY)
    if figures is None:
        figures = refresh()
    return figures


def fewer_than_five() -> str:
    return ngettext("fewer than %(n)d", "fewer than %(n)d", MIN_PEOPLE) % {"n": MIN_PEOPLE}


def _people(n: int) -> tuple[str, bool]:
    if n < MIN_PEOPLE:
        return fewer_than_five(), True
    return format_count(n), False


def figures(data: dict | None = None) -> dict[str, Figure]:
    """Every public figure, formatted in the active language."""
    data = data if data is not None else totals()
    makers, few_makers = _people(data["makers_earning"])
    grants, few_grantees = (
        _people(data["seed_grants"]) if data["seed_grantees"] >= MIN_PEOPLE
        else (fewer_than_five(), True)
    )
    earnings = "" if few_makers else format_paise(data["maker_earnings_paise"])
    return {
        "units_sold": Figure("units_sold", LABELS["units_sold"], format_count(data["units_sold"])),
        "makers_earning": Figure("makers_earning", LABELS["makers_earning"], makers, few_makers),
        "maker_earnings": Figure("maker_earnings", LABELS["maker_earnings"], earnings, few_makers),
        "fund_inflow": Figure("fund_inflow", LABELS["fund_inflow"],
                              format_paise(data["fund_inflow_paise"])),
        "seed_grants": Figure("seed_grants", LABELS["seed_grants"], grants, few_grantees),
    }


# What became of the seed grants (issue 21), on the impact page only (the ImpactCounter block's
# choices stay as they are). The figures come from payouts.selectors.seed_grant_outcomes.
GRANT_OUTCOME_LABELS = {
    "grants_made": _("Women given a seed grant for their own business"),
    "running_6": _("Businesses still running at 6 months"),
    "running_12": _("Businesses still running at 12 months"),
    "median_earnings": _("Median monthly earnings reported by their businesses"),
}


def grant_outcomes(data: dict | None = None) -> dict[str, Figure]:
    """The seed-grant figures, formatted; counts under MIN_PEOPLE and a median of fewer than
    MIN_PEOPLE reports are shown as "fewer than 5"."""
    data = data if data is not None else totals()
    outcomes = data.get("seed_grant_outcomes")
    if outcomes is None:  # a cache filled before this figure existed
        outcomes = payouts_selectors.seed_grant_outcomes()
    shown = {key: Figure(key, GRANT_OUTCOME_LABELS[key], *_people(outcomes[key]))
             for key in ("grants_made", "running_6", "running_12")}
    median = outcomes["median_earnings_paise"]
    shown["median_earnings"] = (
        Figure("median_earnings", GRANT_OUTCOME_LABELS["median_earnings"], fewer_than_five(), True)
        if median is None or outcomes["earnings_reports"] < MIN_PEOPLE
        else Figure("median_earnings", GRANT_OUTCOME_LABELS["median_earnings"],
                    format_paise(median)))
    return shown


def as_of() -> datetime.datetime | None:
    return totals().get("computed_at")
