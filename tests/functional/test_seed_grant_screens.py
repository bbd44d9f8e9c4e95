"""The seed-grant screens (issue 21) as finance uses them on a phone: every bad input is
refused with a message a person understands and changes nothing; the impact page and the CSR
report show the grant outcomes only about 5 or more women."""

import datetime
import re
import shutil
import subprocess

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from artisans.models import Artisan
from payouts import fund, grants, ledger
from payouts.grant_models import GrantFollowUp, GrantRisk, SeedGrant
from payouts.models import FundDisbursement, Journal
from tests.support.auth import demo_user, sign_in

pytestmark = pytest.mark.django_db
LEGAL_NAME = "DEMO-ONLY Not A Real Name"


def url(name, *args):
    return reverse(f"payouts-dashboard:payouts-grant-{name}", args=args)


@pytest.fixture
def finance():
    return sign_in(Client(), demo_user("Finance"))


@pytest.fixture
def approver():
    return sign_in(Client(), demo_user("finance-approver@demo.haat.test"))


@pytest.fixture(autouse=True)
def funded():
    ledger.post("test:fund-in", "fund inflow",
                [(ledger.BANK, 50_000_000), (ledger.TRAINING_FUND, -50_000_000)],
                event=Journal.OTHER)


def text(response):
    return response.content.decode()


def apply_form(**overrides):
    juhi = Artisan.objects.get(pseudonym="Juhi")
    return {"artisan": juhi.pk, "business": "Two goats to raise and sell kids",
            "where_to_sell": "Tuesday haat", "amount_asked": "15000", "already_has": "A shed",
            **overrides}


def test_finance_takes_a_grant_from_application_to_follow_up(finance, approver):
    # Application: a bad amount is refused and nothing is recorded.
    response = finance.post(url("apply"), apply_form(amount_asked="-5"))
    assert response.status_code == 200 and "greater than or equal to 0.01" in text(response)
    response = finance.post(url("apply"), apply_form(business="   "))
    assert "This field is required." in text(response)
    assert not SeedGrant.objects.exists()
    response = finance.post(url("apply"), apply_form())
    grant = SeedGrant.objects.get()
    assert response["Location"] == url("assessment", grant.pk)
    assert grant.amount_asked_paise == 15_000_00 and grant.artisan.pseudonym == "Juhi"

    # Assessment: an empty one is refused; then two risks, one of each kind.
    response = finance.post(url("assessment", grant.pk), {})
    assert response.status_code == 400 and "at least one risk" in text(response)
    assert not GrantRisk.objects.exists()
    finance.post(url("assessment", grant.pk), {
        "family_control": "The money goes to her own account.",
        "livestock_disease": "The vet at the block office vaccinates both goats."})
    page = text(finance.get(url("detail", grant.pk)))
    assert "The vet at the block office" in page and "Risks beyond her control" in page

    # Decision: outside INR 8,000-20,000 is refused, nothing changes.
    for amount in ("7999.99", "20000.01"):
        response = finance.post(url("detail", grant.pk), {"outcome": "now", "amount": amount})
        assert response.status_code == 400
        assert "A seed grant is between INR 8,000 and INR 20,000." in text(response)
    assert SeedGrant.objects.get().state == SeedGrant.APPLIED
    assert not FundDisbursement.objects.exists()
    finance.post(url("detail", grant.pk), {"outcome": "now", "amount": "12000"})
    grant.refresh_from_db()
    assert grant.state == SeedGrant.NOW and grant.disbursement.status == FundDisbursement.REQUESTED
    # A decision twice: refused, and the form is gone.
    response = finance.post(url("detail", grant.pk), {"outcome": "not_funded",
                                                      "reason_told": "No"})
    assert response.status_code == 400 and "already been decided" in text(response)
    assert SeedGrant.objects.get().state == SeedGrant.NOW

    # The preparer cannot approve; another finance user can, once.
    page = text(finance.get(url("detail", grant.pk)))
    assert "Waiting for the second approval" in page and "Approve and pay" not in page
    finance.post(url("detail", grant.pk), {"action": "approve"})
    assert Journal.objects.filter(event=Journal.FUND).count() == 0
    balance = fund.fund_balance()
    assert "Approve and pay INR 12,000.00" in text(approver.get(url("detail", grant.pk)))
    approver.post(url("detail", grant.pk), {"action": "approve"})
    response = approver.post(url("detail", grant.pk), {"action": "approve"}, follow=True)
    assert "already been approved" in text(response)
    assert Journal.objects.filter(event=Journal.FUND).count() == 1
    assert fund.fund_balance() == balance - 12_000_00

    # Follow-up: before its date it is refused; at its date it is recorded.
    response = finance.post(url("follow-up", grant.pk), {"months": "3", "running": "yes",
                                                         "earned": "3000"})
    assert response.status_code == 400 and "can be recorded from" in text(response)
    response = finance.post(url("follow-up", grant.pk), {"months": "3", "running": "yes",
                                                         "earned": "-1"})
    assert response.status_code == 400
    assert not GrantFollowUp.objects.exists()
    FundDisbursement.objects.filter(pk=grant.disbursement_id).update(
        approved_at=timezone.now() - datetime.timedelta(days=95))
    response = finance.post(url("follow-up", grant.pk), {
        "months": "3", "running": "yes", "earned": "3250.50", "notes": "One kid sold"})
    assert response.status_code == 302
    item = GrantFollowUp.objects.get()
    assert (item.running, item.earned_last_month_paise) == (True, 3_250_50)
    page = text(finance.get(url("detail", grant.pk)))
    assert "earned INR 3,250.50 last month" in page
    assert LEGAL_NAME not in page


def test_a_follow_up_before_the_money_went_out_is_refused(finance):
    grant = grants.apply(user=demo_user("Finance"), artisan=Artisan.objects.get(pseudonym="Bakul"),
                         business="Cushion covers", where_to_sell="Neighbours",
                         amount_asked_paise=10_000_00)
    response = finance.post(url("follow-up", grant.pk), {"months": "3", "running": "yes",
                                                         "earned": "100"})
    assert response.status_code == 400 and "has not gone out yet" in text(response)
    assert not GrantFollowUp.objects.exists()


def test_later_needs_a_date_not_in_the_past_and_not_funded_a_reason(finance):
    grant = grants.apply(user=demo_user("Finance"), artisan=Artisan.objects.get(pseudonym="Champa"),
                         business="Pickles", where_to_sell="Two shops", amount_asked_paise=8_000_00)
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    response = finance.post(url("detail", grant.pk), {"outcome": "later",
                                                      "revisit_on": yesterday.isoformat()})
    assert response.status_code == 400 and "The date to revisit is in the past." in text(response)
    response = finance.post(url("detail", grant.pk), {"outcome": "not_funded"})
    assert response.status_code == 400 and "Write the reason as it was told to her." in text(response)
    assert SeedGrant.objects.get().state == SeedGrant.APPLIED
    soon = timezone.localdate() + datetime.timedelta(days=14)
    finance.post(url("detail", grant.pk), {"outcome": "later", "revisit_on": soon.isoformat(),
                                           "note": "Talk with her husband and mother"})
    grant.refresh_from_db()
    assert (grant.state, grant.revisit_on) == (SeedGrant.LATER, soon)
    assert f"Later: revisit {soon.day} " in text(finance.get(url("list")))
    assert FundDisbursement.objects.count() == 0


def test_the_list_shows_due_overdue_and_revisits_from_the_demo(finance):
    from payouts import demo_grants

    demo_grants.load()
    page = text(finance.get(url("list")))
    assert page.count('data-todo="overdue"') >= 1 and page.count('data-todo="due"') >= 1
    assert 'data-todo="revisit"' in page
    assert "Not funded" in page and "disbursed" in page
    assert LEGAL_NAME not in page
    refused = SeedGrant.objects.get(state=SeedGrant.NOT_FUNDED)
    assert "Two tea stalls on one corner" in text(finance.get(url("detail", refused.pk)))


@pytest.mark.parametrize("role", ["Shelter staff", "Identity custodian", "Editor", "Shopper"])
def test_other_roles_cannot_record_anything(role):
    client = sign_in(Client(), demo_user(role))
    grant = grants.apply(user=demo_user("Finance"), artisan=Artisan.objects.get(pseudonym="Juhi"),
                         business="Goats", where_to_sell="Haat", amount_asked_paise=9_000_00)
    assert client.post(url("apply"), apply_form()).status_code == 403
    assert client.post(url("detail", grant.pk), {"outcome": "not_funded",
                                                 "reason_told": "No"}).status_code == 403
    assert client.post(url("assessment", grant.pk), {"debts": "x"}).status_code == 403
    assert SeedGrant.objects.count() == 1 and not GrantRisk.objects.exists()
    assert SeedGrant.objects.get().state == SeedGrant.APPLIED


def test_the_impact_page_shows_grant_outcomes_only_about_five_or_more():
    from payouts import demo_grants
    from storefront import impact

    impact.refresh()
    section = text(Client().get("/impact/")).split('data-testid="seed-grant-outcomes"')[1]
    assert "Businesses still running at 6 months" in section
    assert section.count("fewer than 5") == 4  # no grant yet

    demo_grants.load()  # 6 women funded, 5 followed up at 6 months (4 running), 1 at 12
    impact.refresh()
    section = text(Client().get("/impact/")).split('data-testid="seed-grant-outcomes"')[1]
    section = section.split("</section>")[0]
    assert re.search(r'data-figure="grants_made">\s*<span class="impact-figure__value">6<', section)
    assert section.count("fewer than 5") == 2  # running at 6 (4) and at 12 months (1)
    assert "₹3,600.00" in section  # median of 0, 2,500, 3,600, 4,100, 4,800


def test_the_csr_report_has_the_grant_outcomes_section(tmp_path):
    if not shutil.which("pdftotext"):
        pytest.skip("poppler-utils (pdftotext) is missing")
    from csr_partners import documents
    from csr_partners.models import Company
    from payouts import demo_grants

    demo_grants.load()
    today = timezone.localdate()
    pdf = documents.report_pdf(Company.objects.get(name="Acme"), today.replace(day=1), today)
    (tmp_path / "r.pdf").write_bytes(pdf)
    subprocess.run(["pdftotext", "-layout", str(tmp_path / "r.pdf"), str(tmp_path / "r.txt")],
                   check=True)
    report = " ".join((tmp_path / "r.txt").read_text().split())
    assert "Seed grants: what became of the businesses" in report
    assert "Women given a seed grant for their own business, to" in report
    assert "Businesses still running at the 6-month follow-up fewer than 5" in report
    assert "Median monthly earnings reported at the latest follow-up INR 3,600.00" in report
    csv = documents.report_csv(Company.objects.get(name="Acme"), today.replace(day=1), today)
    assert "seed grants to date,women given a seed grant,6" in csv
