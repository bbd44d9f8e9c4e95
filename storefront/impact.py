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
    return {**totals, "computed_at": timezone.now()}


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


def as_of() -> datetime.datetime | None:
    return totals().get("computed_at")
