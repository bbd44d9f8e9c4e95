"""Seed grants (issue 21): the reads. The staff list (what is due: revisits, approvals,
follow-ups) and the public aggregates, which storefront's impact page and csr_partners' CSR
report call and only format (privacy rule 4: a figure about fewer than 5 people is not shown)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.utils import timezone

from .grant_models import FOLLOW_UP_MONTHS, GrantFollowUp, SeedGrant
from .models import FundDisbursement

MIN_PEOPLE = 5


@dataclass(frozen=True)
class FollowUpPoint:
    months: int
    due_on: datetime.date
    follow_up: GrantFollowUp | None
    status: str  # "done", "due", "overdue", "later"


def follow_up_schedule(grant: SeedGrant, today: datetime.date | None = None) -> list[FollowUpPoint]:
    """The 3-, 6- and 12-month follow-ups of a disbursed grant with where each stands."""
    from .grants import EARLY_DAYS, GRACE_DAYS, add_months

    start = grant.disbursed_on
    if start is None:
        return []
    today = today or timezone.localdate()
    done = {f.months: f for f in grant.follow_ups.all()}
    points = []
    for months in FOLLOW_UP_MONTHS:
        due = add_months(start, months)
        if months in done:
            status = "done"
        elif today > due + datetime.timedelta(days=GRACE_DAYS):
            status = "overdue"
        elif today >= due - datetime.timedelta(days=EARLY_DAYS):
            status = "due"
        else:
            status = "later"
        points.append(FollowUpPoint(months, due, done.get(months), status))
    return points


def grants_for_staff(today: datetime.date | None = None) -> dict:
    """Every grant with what needs doing, newest first: {"rows": [(grant, schedule)],
    "revisit": grants decided "later" whose date has come, "approval": grants waiting for the
    second approval, "due"/"overdue": (grant, point) follow-ups}."""
    today = today or timezone.localdate()
    grants = list(SeedGrant.objects.select_related("artisan", "disbursement", "decided_by")
                  .prefetch_related("follow_ups", "risks"))
    rows, due, overdue = [], [], []
    for grant in grants:
        schedule = follow_up_schedule(grant, today)
        rows.append((grant, schedule))
        for point in schedule:
            if point.status == "due":
                due.append((grant, point))
            elif point.status == "overdue":
                overdue.append((grant, point))
    return {
        "rows": rows,
        "revisit": [g for g in grants if g.state == SeedGrant.LATER and g.revisit_on <= today],
        "approval": [g for g in grants if g.disbursement is not None
                     and g.disbursement.status == FundDisbursement.REQUESTED],
        "due": sorted(due, key=lambda gp: gp[1].due_on),
        "overdue": sorted(overdue, key=lambda gp: gp[1].due_on),
    }


def _median(values: list[int]) -> int:
    ordered = sorted(values)
    mid = len(ordered) // 2
    if len(ordered) % 2:
        return ordered[mid]
    # Two middle values: their mean, to the nearest paisa (half a paisa rounds up).
    return (ordered[mid - 1] + ordered[mid] + 1) // 2


def seed_grant_outcomes(*, since: datetime.date | None = None,
                        until: datetime.date | None = None) -> dict:
    """The public figures about seed grants disbursed from ``since`` to ``until`` (the second
    approval's date; open ends mean all time), with their follow-ups recorded by ``until``:

    {"grants_made": grants disbursed (one woman each),
     "followed_6"/"running_6": businesses followed up at 6 months / of them running,
     "followed_12"/"running_12": the same at 12 months,
     "earnings_reports": grants with a follow-up saying what the business earned last month
     (the latest one each), "median_earnings_paise": their median, or None when fewer than
     MIN_PEOPLE reported (the median of so few would be about one or two women)}.

    Counts are of people; callers show a count under MIN_PEOPLE as "fewer than 5"."""
    disbursed = SeedGrant.objects.filter(disbursement__status=FundDisbursement.PAID)
    if since is not None:
        disbursed = disbursed.filter(disbursement__approved_at__date__gte=since)
    if until is not None:
        disbursed = disbursed.filter(disbursement__approved_at__date__lte=until)
    follow_ups = GrantFollowUp.objects.filter(grant__in=disbursed)
    if until is not None:
        follow_ups = follow_ups.filter(recorded_at__date__lte=until)
    latest: dict[int, GrantFollowUp] = {}
    counts = {m: [0, 0] for m in FOLLOW_UP_MONTHS}
    for item in follow_ups.only("grant_id", "months", "running", "earned_last_month_paise"):
        counts[item.months][0] += 1
        counts[item.months][1] += int(item.running)
        if item.grant_id not in latest or latest[item.grant_id].months < item.months:
            latest[item.grant_id] = item
    earnings = [f.earned_last_month_paise for f in latest.values()]
    return {
        "grants_made": disbursed.values("artisan_id").distinct().count(),
        "followed_6": counts[6][0], "running_6": counts[6][1],
        "followed_12": counts[12][0], "running_12": counts[12][1],
        "earnings_reports": len(earnings),
        "median_earnings_paise": _median(earnings) if len(earnings) >= MIN_PEOPLE else None,
    }
