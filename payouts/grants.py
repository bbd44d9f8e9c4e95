"""Seed grants from application to follow-up (issue 21): the writes.

Finance records each step with the maker (staff sit with her; the screens are phone-first). The
money goes out through the training fund's own disbursement (``fund.request_disbursement`` then
``fund.approve_disbursement`` by another person), so the second approval and the single posting
``fund:N`` are the fund's, not a copy: "disburse later" and "not fund" move no money."""

from __future__ import annotations

import calendar
import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from catalogue.money import format_count

from . import fund
from .grant_models import FOLLOW_UP_MONTHS, GrantFollowUp, GrantRisk, SeedGrant, SeedGrantDecision
from .models import FundDisbursement
from .roles import is_finance

# A follow-up may be recorded from two weeks before its date (she may come to the shelter then);
# a month after its date it is overdue.
EARLY_DAYS = 14
GRACE_DAYS = 30


def may_manage_grants(user) -> bool:
    """Who keeps seed grants: finance, as for the fund's seed-grant disbursement today."""
    return is_finance(user)


def _require(user):
    if not may_manage_grants(user):
        raise PermissionDenied(_("Only finance staff may keep seed grants."))


def _text(value) -> str:
    return " ".join((value or "").split())


def add_months(day: datetime.date, months: int) -> datetime.date:
    """The same day ``months`` later (31 Jan + 1 month is 28 or 29 Feb)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return day.replace(year=year, month=month,
                       day=min(day.day, calendar.monthrange(year, month)[1]))


def _range_message() -> str:
    low, high = fund.seed_grant_range_paise()
    return _("A seed grant is between INR %(low)s and INR %(high)s.") % {
        "low": format_count(low // 100), "high": format_count(high // 100)}


def apply(*, user, artisan, business, where_to_sell, amount_asked_paise,
          already_has="") -> SeedGrant:
    """Her proposal, recorded by staff with her."""
    _require(user)
    business, where_to_sell = _text(business), _text(where_to_sell)
    errors = {}
    if artisan is None or not artisan.is_active:
        errors["artisan"] = _("Choose the maker (by her pseudonym).")
    if not business:
        errors["business"] = _("Say what business she proposes.")
    if not where_to_sell:
        errors["where_to_sell"] = _("Say where she will sell.")
    if (isinstance(amount_asked_paise, bool) or not isinstance(amount_asked_paise, int)
            or amount_asked_paise <= 0):
        errors["amount_asked"] = _("The amount asked must be a positive number of rupees.")
    if errors:
        raise ValidationError(errors)
    return SeedGrant.objects.create(
        artisan=artisan, business=business, where_to_sell=where_to_sell,
        amount_asked_paise=amount_asked_paise, already_has=(already_has or "").strip(),
        recorded_by=user)


def _open_for_changes(grant: SeedGrant):
    if grant.state in (SeedGrant.NOW, SeedGrant.NOT_FUNDED):
        raise ValidationError(_("This grant has already been decided: nothing was changed."))


@transaction.atomic
def save_assessment(*, user, grant: SeedGrant, handled: dict[str, str]) -> list[GrantRisk]:
    """The risks talked through with her: {risk code: how it is handled}. A risk left blank is
    not one for her (a row kept earlier is removed)."""
    _require(user)
    grant = SeedGrant.objects.select_for_update().get(pk=grant.pk)
    _open_for_changes(grant)
    unknown = set(handled) - set(GrantRisk.KIND_OF)
    if unknown:
        raise ValidationError(_("Unknown risk: %(r)s.") % {"r": ", ".join(sorted(unknown))})
    kept = []
    for code, text in handled.items():
        text = (text or "").strip()
        if not text:
            GrantRisk.objects.filter(grant=grant, risk=code).delete()
            continue
        row, _created = GrantRisk.objects.update_or_create(
            grant=grant, risk=code,
            defaults={"kind": GrantRisk.KIND_OF[code], "how_handled": text, "recorded_by": user})
        kept.append(row)
    return kept


def decide(*, user, grant: SeedGrant, outcome: str, amount_paise: int | None = None,
           revisit_on: datetime.date | None = None, reason_told: str = "", note: str = "",
           today: datetime.date | None = None) -> SeedGrant:
    """Disburse now (the fund's disbursement is requested; another person approves it), disburse
    later (a date to revisit) or not fund (the reason as told to her). Decided once: a second
    decision is refused, except after "later" (the revisit)."""
    _require(user)
    today = today or timezone.localdate()
    reason_told = (reason_told or "").strip()
    try:
        with transaction.atomic():
            grant = SeedGrant.objects.select_for_update().select_related("artisan").get(
                pk=grant.pk)
            _open_for_changes(grant)
            fields = {"amount_paise": None, "revisit_on": None, "reason_told": ""}
            if outcome == SeedGrant.NOW:
                low, high = fund.seed_grant_range_paise()
                if (isinstance(amount_paise, bool) or not isinstance(amount_paise, int)
                        or not low <= amount_paise <= high):
                    raise ValidationError({"amount": _range_message()})
                if not grant.risks.exists():
                    raise ValidationError(
                        _("Record the risk assessment with her before deciding to disburse."))
                grant.disbursement = fund.request_disbursement(
                    user=user, head=FundDisbursement.SEED_GRANT, amount_paise=amount_paise,
                    description=f"Seed grant #{grant.pk}: {grant.business}"[:300],
                    artisan=grant.artisan)
                fields["amount_paise"] = amount_paise
            elif outcome == SeedGrant.LATER:
                if revisit_on is None:
                    raise ValidationError({"revisit_on": _("Give a date to revisit.")})
                if revisit_on < today:
                    raise ValidationError(
                        {"revisit_on": _("The date to revisit is in the past.")})
                fields["revisit_on"] = revisit_on
            elif outcome == SeedGrant.NOT_FUNDED:
                if not reason_told:
                    raise ValidationError({"reason_told": _(
                        "Write the reason as it was told to her.")})
                fields["reason_told"] = reason_told
            else:
                raise ValidationError(_("Choose a decision."))
            SeedGrantDecision.objects.create(grant=grant, outcome=outcome, note=(note or "").strip(),
                                             decided_by=user, **fields)
            for name, value in fields.items():
                setattr(grant, name, value)
            grant.state, grant.decided_by, grant.decided_at = outcome, user, timezone.now()
            grant.save()
    except IntegrityError as exc:  # two people deciding at once: the other one was first
        raise ValidationError(
            _("This grant has already been decided: nothing was changed.")) from exc
    return grant


def approve(*, user, grant: SeedGrant) -> FundDisbursement:
    """The second approval of the grant's money: the fund's own, by another person than the one
    who recorded it, posted once as fund:N."""
    _require(user)
    if grant.disbursement_id is None:
        raise ValidationError(_("Only a grant decided as 'disburse now' moves money."))
    return fund.approve_disbursement(user=user, disbursement=grant.disbursement)


def follow_up_due_on(grant: SeedGrant, months: int) -> datetime.date | None:
    start = grant.disbursed_on
    return add_months(start, months) if start else None


def record_follow_up(*, user, grant: SeedGrant, months: int, running: bool,
                     earned_last_month_paise: int, notes: str = "",
                     today: datetime.date | None = None) -> GrantFollowUp:
    _require(user)
    today = today or timezone.localdate()
    grant = SeedGrant.objects.select_related("disbursement").get(pk=grant.pk)
    if months not in FOLLOW_UP_MONTHS:
        raise ValidationError({"months": _("A follow-up is at 3, 6 or 12 months.")})
    if grant.disbursed_on is None:
        raise ValidationError(_("The money has not gone out yet: follow-ups start after the "
                                "grant is disbursed."))
    if (isinstance(earned_last_month_paise, bool) or not isinstance(earned_last_month_paise, int)
            or earned_last_month_paise < 0):
        raise ValidationError({"earned": _("Earnings are zero or more rupees.")})
    due = follow_up_due_on(grant, months)
    opens = due - datetime.timedelta(days=EARLY_DAYS)
    if today < opens:
        raise ValidationError({"months": _(
            "The %(m)d-month follow-up is due on %(due)s: it can be recorded from %(opens)s."
        ) % {"m": months, "due": due.strftime("%d %b %Y"), "opens": opens.strftime("%d %b %Y")}})
    try:
        with transaction.atomic():
            return GrantFollowUp.objects.create(
                grant=grant, months=months, running=bool(running),
                earned_last_month_paise=earned_last_month_paise, notes=(notes or "").strip(),
                recorded_by=user)
    except IntegrityError as exc:
        raise ValidationError({"months": _(
            "The %(m)d-month follow-up is already recorded: nothing was changed.")
            % {"m": months}}) from exc
