"""Seed grants from application to follow-up (issue 21): the lifecycle through payouts.grants,
the range check, the fund's second approval by another person, one posting whatever is
retried, the follow-up schedule, and the k >= 5 aggregates with their median."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from artisans import services as artisan_services
from artisans.models import Artisan
from payouts import demo_grants, fund, grants, ledger
from payouts.grant_models import GrantFollowUp, GrantRisk, SeedGrant, SeedGrantDecision
from payouts.grant_selectors import follow_up_schedule, grants_for_staff
from payouts.models import FundDisbursement, Journal
from payouts.selectors import seed_grant_outcomes
from tests.support.auth import demo_user

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 12, 7)


@pytest.fixture
def finance():
    return demo_user("Finance")


@pytest.fixture
def approver():
    return demo_user("finance-approver@demo.haat.test")


@pytest.fixture
def funded():
    """INR 5,00,000 in the training fund (a CSR pledge's worth, posted directly)."""
    ledger.post("test:fund-in", "fund inflow",
                [(ledger.BANK, 50_000_000), (ledger.TRAINING_FUND, -50_000_000)],
                event=Journal.OTHER)


def makers(n):
    """n active makers (the demo has 6; more are registered when needed)."""
    have = list(Artisan.objects.filter(is_active=True).order_by("pk"))
    shelter = have[0].shelter
    for i in range(len(have), n):
        have.append(artisan_services.register_artisan(
            shelter=shelter, pseudonym=f"Grantee{i}", craft="Tailoring", bio="",
            joined_on=datetime.date(2025, 1, 1)))
    return have[:n]


def applied(finance, artisan=None, asked=15_000_00):
    return grants.apply(user=finance, artisan=artisan or makers(1)[0],
                        business="Two goats to raise", where_to_sell="Tuesday haat",
                        amount_asked_paise=asked, already_has="A shed")


def assessed(finance, grant):
    grants.save_assessment(user=finance, grant=grant, handled={
        "family_control": "Money in her own account.", "price_falls": "Sells at two haats.",
        "debts": ""})
    return grant


def disbursed(finance, approver, artisan=None, amount=12_000_00):
    grant = assessed(finance, applied(finance, artisan))
    grant = grants.decide(user=finance, grant=grant, outcome=SeedGrant.NOW,
                          amount_paise=amount)
    grants.approve(user=approver, grant=grant)
    grant.refresh_from_db()
    return grant


def fund_journals():
    return Journal.objects.filter(event=Journal.FUND).count()


def test_the_lifecycle_from_application_to_follow_up(finance, approver, funded):
    before = fund.fund_balance()
    grant = applied(finance)
    assert grant.state == SeedGrant.APPLIED and grant.amount_asked_paise == 15_000_00
    assessed(finance, grant)
    kinds = {r.risk: r.kind for r in grant.risks.all()}
    assert kinds == {"family_control": GrantRisk.HERS, "price_falls": GrantRisk.BEYOND}

    grant = grants.decide(user=finance, grant=grant, outcome=SeedGrant.NOW,
                          amount_paise=12_500_00)
    assert grant.state == SeedGrant.NOW and grant.decided_by == finance
    assert grant.decided_at is not None
    d = grant.disbursement
    assert (d.head, d.artisan_id, d.amount_paise, d.status) == (
        FundDisbursement.SEED_GRANT, grant.artisan_id, 12_500_00, FundDisbursement.REQUESTED)
    assert fund.fund_balance() == before  # nothing moves before the second approval
    assert follow_up_schedule(grant) == []

    grants.approve(user=approver, grant=grant)
    grant.refresh_from_db()
    assert fund.fund_balance() == before - 12_500_00
    journal = Journal.objects.get(idempotency_key=f"fund:{d.pk}")
    assert {e.account.code: e.amount for e in journal.entries.all()} == {
        ledger.TRAINING_FUND: 12_500_00, ledger.BANK: -12_500_00}
    assert grant.disbursed_on == timezone.localdate()

    schedule = follow_up_schedule(grant)
    assert [(p.months, p.due_on, p.status) for p in schedule] == [
        (m, grants.add_months(grant.disbursed_on, m), "later") for m in (3, 6, 12)]
    at_3 = grants.follow_up_due_on(grant, 3)
    grants.record_follow_up(user=finance, grant=grant, months=3, running=True,
                            earned_last_month_paise=3_200_00, notes="Going well", today=at_3)
    assert [p.status for p in follow_up_schedule(grant, at_3)] == ["done", "later", "later"]


def test_a_grant_outside_inr_8000_to_20000_is_refused_and_nothing_changes(finance, funded):
    grant = assessed(finance, applied(finance))
    for amount in (7_999_99, 20_000_01, 0, -1):
        with pytest.raises(ValidationError, match="between INR 8,000 and INR 20,000"):
            grants.decide(user=finance, grant=grant, outcome=SeedGrant.NOW, amount_paise=amount)
    grant.refresh_from_db()
    assert grant.state == SeedGrant.APPLIED and grant.disbursement is None
    assert not SeedGrantDecision.objects.filter(grant=grant).exists()
    assert not FundDisbursement.objects.filter(artisan=grant.artisan).exists()
    for amount in (8_000_00, 20_000_00):  # both ends are allowed
        other = assessed(finance, applied(finance))
        assert grants.decide(user=finance, grant=other, outcome=SeedGrant.NOW,
                             amount_paise=amount).amount_paise == amount


def test_disburse_now_needs_the_assessment_done_with_her(finance, funded):
    grant = applied(finance)
    with pytest.raises(ValidationError, match="risk assessment"):
        grants.decide(user=finance, grant=grant, outcome=SeedGrant.NOW, amount_paise=10_000_00)
    assert SeedGrant.objects.get(pk=grant.pk).state == SeedGrant.APPLIED


def test_the_second_approval_is_by_another_person(finance, approver, funded):
    grant = grants.decide(user=finance, grant=assessed(finance, applied(finance)),
                          outcome=SeedGrant.NOW, amount_paise=10_000_00)
    with pytest.raises(ValidationError, match="another finance user must approve"):
        grants.approve(user=finance, grant=grant)
    assert fund_journals() == 0
    grants.approve(user=approver, grant=grant)
    assert fund_journals() == 1


def test_retried_approvals_post_once(finance, approver, funded):
    grant = grants.decide(user=finance, grant=assessed(finance, applied(finance)),
                          outcome=SeedGrant.NOW, amount_paise=10_000_00)
    balance = fund.fund_balance()
    grants.approve(user=approver, grant=grant)
    for _ in range(3):  # a double click, a retried request, the fund page's own button
        with pytest.raises(ValidationError, match="already been approved"):
            grants.approve(user=approver, grant=grant)
        with pytest.raises(ValidationError, match="already been approved"):
            fund.approve_disbursement(user=approver, disbursement=grant.disbursement)
    assert fund_journals() == 1 and fund.fund_balance() == balance - 10_000_00
    # The ledger itself refuses a second posting of the same key: it returns the first.
    first = Journal.objects.get(idempotency_key=f"fund:{grant.disbursement_id}")
    again = ledger.post(first.idempotency_key, "again",
                        [(ledger.TRAINING_FUND, 10_000_00), (ledger.BANK, -10_000_00)],
                        event=Journal.FUND)
    assert again.pk == first.pk and fund_journals() == 1


def test_later_and_not_funded_move_no_money_and_keep_who_and_when(finance, approver, funded):
    balance, requested = fund.fund_balance(), FundDisbursement.objects.count()
    later = grants.decide(user=finance, grant=applied(finance), outcome=SeedGrant.LATER,
                          revisit_on=TODAY + datetime.timedelta(days=20), today=TODAY,
                          note="Talk with her mother first")
    refused = grants.decide(user=approver, grant=applied(finance), outcome=SeedGrant.NOT_FUNDED,
                            reason_told="Two tea stalls on one corner would split the customers.")
    assert (later.state, later.revisit_on) == (SeedGrant.LATER, TODAY + datetime.timedelta(20))
    assert refused.reason_told.startswith("Two tea stalls") and refused.decided_by == approver
    assert fund.fund_balance() == balance and FundDisbursement.objects.count() == requested
    assert later.disbursement is None and refused.disbursement is None


def test_bad_decisions_are_refused_and_change_nothing(finance, funded):
    grant = applied(finance)
    with pytest.raises(ValidationError, match="in the past"):
        grants.decide(user=finance, grant=grant, outcome=SeedGrant.LATER,
                      revisit_on=TODAY - datetime.timedelta(days=1), today=TODAY)
    with pytest.raises(ValidationError, match="date to revisit"):
        grants.decide(user=finance, grant=grant, outcome=SeedGrant.LATER, today=TODAY)
    with pytest.raises(ValidationError, match="as it was told to her"):
        grants.decide(user=finance, grant=grant, outcome=SeedGrant.NOT_FUNDED, reason_told="  ")
    assert not SeedGrantDecision.objects.filter(grant=grant).exists()
    assert SeedGrant.objects.get(pk=grant.pk).state == SeedGrant.APPLIED


def test_a_grant_is_decided_once_except_after_later(finance, funded):
    grant = assessed(finance, applied(finance))
    grants.decide(user=finance, grant=grant, outcome=SeedGrant.LATER,
                  revisit_on=TODAY, today=TODAY)
    # The revisit: after "later" she and her family decided; now the grant goes ahead.
    grants.decide(user=finance, grant=grant, outcome=SeedGrant.NOW, amount_paise=9_000_00)
    for outcome, extra in ((SeedGrant.NOT_FUNDED, {"reason_told": "No"}),
                           (SeedGrant.NOW, {"amount_paise": 10_000_00})):
        with pytest.raises(ValidationError, match="already been decided"):
            grants.decide(user=finance, grant=grant, outcome=outcome, **extra)
    with pytest.raises(ValidationError, match="already been decided"):
        grants.save_assessment(user=finance, grant=grant, handled={"debts": "x"})
    assert list(grant.decisions.values_list("outcome", flat=True)) == ["later", "now"]
    assert FundDisbursement.objects.filter(seed_grant=grant).count() == 1


def test_one_final_decision_even_if_the_check_is_passed_twice(finance, funded):
    """Two people deciding at once: the database keeps one final decision."""
    grant = applied(finance)
    SeedGrantDecision.objects.create(grant=grant, outcome=SeedGrant.NOT_FUNDED,
                                     reason_told="x", decided_by=finance)
    with pytest.raises(ValidationError, match="already been decided"):
        grants.decide(user=finance, grant=grant, outcome=SeedGrant.NOT_FUNDED, reason_told="y")
    assert grant.decisions.count() == 1


def test_only_finance_keeps_grants():
    for role in ("Shelter staff", "Identity custodian", "Editor", "Shopper", "CSR buyer"):
        with pytest.raises(PermissionDenied):
            grants.apply(user=demo_user(role), artisan=makers(1)[0], business="x",
                         where_to_sell="y", amount_asked_paise=1_000_00)
    assert not SeedGrant.objects.exists()


def test_follow_ups_before_disbursement_early_twice_or_negative_are_refused(
        finance, approver, funded):
    waiting = grants.decide(user=finance, grant=assessed(finance, applied(finance)),
                            outcome=SeedGrant.NOW, amount_paise=10_000_00)
    with pytest.raises(ValidationError, match="has not gone out yet"):
        grants.record_follow_up(user=finance, grant=waiting, months=3, running=True,
                                earned_last_month_paise=0)
    grant = disbursed(finance, approver)
    start = grant.disbursed_on
    with pytest.raises(ValidationError, match="can be recorded from"):
        grants.record_follow_up(user=finance, grant=grant, months=6, running=True,
                                earned_last_month_paise=100, today=start + datetime.timedelta(90))
    with pytest.raises(ValidationError, match="3, 6 or 12"):
        grants.record_follow_up(user=finance, grant=grant, months=4, running=True,
                                earned_last_month_paise=100)
    at_3 = grants.follow_up_due_on(grant, 3)
    with pytest.raises(ValidationError, match="zero or more"):
        grants.record_follow_up(user=finance, grant=grant, months=3, running=True,
                                earned_last_month_paise=-1, today=at_3)
    grants.record_follow_up(user=finance, grant=grant, months=3, running=False,
                            earned_last_month_paise=0, today=at_3)
    with pytest.raises(ValidationError, match="already recorded"):
        grants.record_follow_up(user=finance, grant=grant, months=3, running=True,
                                earned_last_month_paise=500_00, today=at_3)
    assert GrantFollowUp.objects.filter(grant=grant).count() == 1
    assert GrantFollowUp.objects.get(grant=grant).running is False


def test_the_list_shows_follow_ups_due_and_overdue_and_revisits(finance, approver, funded):
    grant = disbursed(finance, approver)
    start = grant.disbursed_on
    due_3 = grants.add_months(start, 3)
    shown = grants_for_staff(due_3)
    assert [(g.pk, p.months) for g, p in shown["due"]] == [(grant.pk, 3)]
    assert shown["overdue"] == []
    late = due_3 + datetime.timedelta(days=grants.GRACE_DAYS + 1)
    shown = grants_for_staff(late)
    assert [(g.pk, p.months) for g, p in shown["overdue"]] == [(grant.pk, 3)]
    grants.record_follow_up(user=finance, grant=grant, months=3, running=True,
                            earned_last_month_paise=1_000_00, today=late)
    assert grants_for_staff(late)["overdue"] == []
    # 31 January + 1 month is the end of February; 12 months is the same day next year.
    assert grants.add_months(datetime.date(2027, 1, 31), 1) == datetime.date(2027, 2, 28)
    assert grants.add_months(datetime.date(2026, 12, 7), 12) == datetime.date(2027, 12, 7)

    later = grants.decide(user=finance, grant=applied(finance), outcome=SeedGrant.LATER,
                          revisit_on=TODAY + datetime.timedelta(days=10), today=TODAY)
    assert later not in grants_for_staff(TODAY)["revisit"]
    assert later in grants_for_staff(TODAY + datetime.timedelta(days=10))["revisit"]
    pending = grants.decide(user=finance, grant=assessed(finance, applied(finance)),
                            outcome=SeedGrant.NOW, amount_paise=8_000_00)
    assert pending in grants_for_staff(TODAY)["approval"]


def grantees_with_follow_ups(finance, approver, earnings_at_6, first=0):
    """One disbursed grant a woman (makers from the `first`-th on), each with a 6-month
    follow-up (earnings in INR)."""
    women = makers(first + len(earnings_at_6))[first:]
    for artisan, earned in zip(women, earnings_at_6, strict=True):
        grant = disbursed(finance, approver, artisan)
        grants.record_follow_up(
            user=finance, grant=grant, months=6, running=earned > 0,
            earned_last_month_paise=earned * 100, today=grants.follow_up_due_on(grant, 6))


def test_four_women_are_fewer_than_five_five_are_shown(finance, approver, funded):
    grantees_with_follow_ups(finance, approver, [3000, 1000, 0, 4000])
    figures = seed_grant_outcomes()
    assert figures["grants_made"] == 4 and figures["median_earnings_paise"] is None

    from csr_partners import documents
    from storefront import impact

    shown = impact.grant_outcomes({"seed_grant_outcomes": figures})
    assert shown["grants_made"].value == "fewer than 5" and shown["grants_made"].suppressed
    assert shown["median_earnings"].value == "fewer than 5"
    csr = documents.grant_outcomes(TODAY + datetime.timedelta(days=400))
    assert csr["grants_made"] == "fewer than 5" and csr["median_earnings"] == "fewer than 5"

    grantees_with_follow_ups(finance, approver, [2500], first=4)  # a fifth woman
    figures = seed_grant_outcomes()
    assert (figures["grants_made"], figures["followed_6"], figures["running_6"]) == (5, 5, 4)
    # Earnings 0, 1000, 2500, 3000, 4000: the median is the middle one.
    assert figures["median_earnings_paise"] == 2_500_00
    shown = impact.grant_outcomes({"seed_grant_outcomes": figures})
    assert shown["grants_made"].value == "5" and not shown["grants_made"].suppressed
    assert shown["running_6"].value == "fewer than 5"  # one business stopped: 4 running
    assert shown["median_earnings"].value == "₹2,500.00"
    csr = documents.grant_outcomes(TODAY + datetime.timedelta(days=400))
    assert csr["grants_made"] == "5" and csr["median_earnings"] == "INR 2,500.00"


def test_the_median_of_an_even_count_is_the_mean_of_the_middle_two(finance, approver, funded):
    grantees_with_follow_ups(finance, approver, [1000, 7000, 2000, 5000, 3000, 9000])
    # Sorted 1000, 2000, 3000, 5000, 7000, 9000: (3000 + 5000) / 2.
    assert seed_grant_outcomes()["median_earnings_paise"] == 4_000_00


def test_the_median_uses_each_womans_latest_follow_up(finance, approver, funded):
    grantees_with_follow_ups(finance, approver, [1000, 1000, 1000, 1000, 1000])
    grant = SeedGrant.objects.filter(state=SeedGrant.NOW).first()
    grants.record_follow_up(user=finance, grant=grant, months=12, running=True,
                            earned_last_month_paise=90_000_00,
                            today=grants.follow_up_due_on(grant, 12))
    figures = seed_grant_outcomes()
    assert figures["earnings_reports"] == 5 and figures["median_earnings_paise"] == 1_000_00
    assert (figures["followed_12"], figures["running_12"]) == (1, 1)


def test_grants_not_yet_approved_are_not_counted(finance, approver, funded):
    for artisan in makers(5):
        grants.decide(user=finance, grant=assessed(finance, applied(finance, artisan)),
                      outcome=SeedGrant.NOW, amount_paise=8_000_00)
    assert seed_grant_outcomes()["grants_made"] == 0


def test_the_demo_has_every_decision_state_and_shows_some_aggregates():
    demo_grants.load()
    states = set(SeedGrant.objects.values_list("state", flat=True))
    assert {SeedGrant.NOW, SeedGrant.LATER, SeedGrant.NOT_FUNDED, SeedGrant.APPLIED} <= states
    assert SeedGrant.objects.filter(state=SeedGrant.NOT_FUNDED).exclude(reason_told="").exists()
    figures = seed_grant_outcomes()
    assert figures["grants_made"] >= 5 and figures["median_earnings_paise"] is not None
    assert figures["followed_12"] < 5  # and one figure the demo keeps hidden
    shown = grants_for_staff()
    assert shown["due"] and shown["overdue"] and shown["revisit"]
    assert GrantFollowUp.objects.exists()
    demo_grants.load()  # loading twice adds nothing
    assert Journal.objects.filter(event=Journal.FUND).count() == figures["grants_made"]
