"""The CSR report a company's CSR contact downloads from /partners/: rendered to PNG in the
test (pdftoppm) and read back as text (pdftotext) for its totals; figures about fewer than 5
people say so; the CSV neutralises spreadsheet formulas."""

import shutil
import subprocess
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from artisans.models import Artisan
from csr_partners import documents, services
from csr_partners.models import Company
from payouts import fund, ledger
from payouts.models import Journal
from tests.functional.test_csr_tieups import EMPLOYEE, GUEST, buy
from tests.support.auth import demo_user, sign_in
from tests.support.csr import make_tieup, verify

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("eager_celery")]

RESULTS = Path(__file__).resolve().parents[2] / "test-results" / "csr-report"


def pdf_text(pdf: bytes, tmp_path) -> str:
    path = tmp_path / "report.pdf"
    path.write_bytes(pdf)
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True,
                          text=True, check=True).stdout


@pytest.fixture
def company_with_a_year(stripe_server):
    """Testco: two bags pledged (₹152), ₹100 received; the fund paid a course that trained 12,
    a workshop that trained 3 and one seed grant."""
    tieup = make_tieup()
    shopper = Client()
    verify(shopper, tieup, EMPLOYEE, guest_email=GUEST)
    buy(shopper, stripe_server)
    finance, approver = demo_user("Finance"), get_user_model().objects.get(
        username="finance-approver")
    services.record_payment(user=finance, company=tieup.company, amount_paise=10_000,
                            bank_reference="UTR-TESTCO-1", received_on=timezone.localdate())
    ledger.post("test:fund-inflow", "donation", [(ledger.BANK, 5_000_000),
                                                 (ledger.TRAINING_FUND, -5_000_000)],
                event=Journal.OTHER)
    course = fund.add_programme(user=finance, name="Kantha course", schedule_vii_head="ii",
                                trainees=12)
    workshop = fund.add_programme(user=finance, name="Rights workshop", schedule_vii_head="iii",
                                  trainees=3)
    for kwargs in (dict(head="trainer_fees", amount_paise=1_200_000, programme=course),
                   dict(head="materials", amount_paise=300_000, programme=workshop),
                   dict(head="seed_grant", amount_paise=1_000_000,
                        artisan=Artisan.objects.first())):
        item = fund.request_disbursement(user=finance, description="x", **kwargs)
        fund.approve_disbursement(user=approver, disbursement=item)
    return tieup.company


def test_the_csr_report_pdf_shows_the_totals(company_with_a_year, tmp_path):
    if not (shutil.which("pdftoppm") and shutil.which("pdftotext")):
        pytest.skip("poppler-utils (pdftoppm, pdftotext) are missing")
    contact = get_user_model().objects.create_user(
        username="ravi", email="ravi@testco.example", password="not-used-here-2026")
    services.add_contact(company=company_with_a_year, user=contact)
    client = sign_in(Client(), contact)
    today = timezone.localdate()
    response = client.get(reverse("csr_partners:report-pdf"),
                          {"start": today.replace(day=1), "end": today})
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    pdf = response.content

    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "report.pdf").write_bytes(pdf)
    subprocess.run(["pdftoppm", "-png", "-r", "60", str(RESULTS / "report.pdf"),
                    str(RESULTS / "page")], check=True)
    pages = sorted(RESULTS.glob("page-*.png"))
    assert pages and all(p.stat().st_size > 10_000 for p in pages)

    text = " ".join(pdf_text(pdf, tmp_path).split())
    assert "CSR report" in text and "Testco" in text and "19AABCT5678K1ZO" in text
    assert "Pledged on 2 bags bought by employees INR 152.00" in text
    assert "Received INR 100.00" in text
    assert "Outstanding at the end of the period INR 52.00" in text
    assert "(ii) Education and vocational skills, livelihood enhancement INR 22,000.00" in text
    assert "(iii) Empowering women, gender equality INR 3,000.00" in text
    assert "Artisans trained 15" in text
    # A workshop of 3: no programme's count is shown, or 15 - 12 would give it away.
    assert "Rights workshop (iii) —" in text and "Kantha course (ii) —" in text
    assert "Women given micro-business seed grants fewer than 5" in text
    assert "CSR-1 registration: CSR00000000" in text and "Utilisation certificate" in text
    assert GUEST not in text and EMPLOYEE not in text


def test_the_report_csv_has_the_same_totals_and_no_formula(company_with_a_year):
    company = company_with_a_year
    Company.objects.filter(pk=company.pk).update(name="=HYPERLINK(\"http://x\")")
    company.refresh_from_db()
    today = timezone.localdate()
    text = documents.report_csv(company, today.replace(day=1), today)
    assert "pledged (INR),152.00" in text and "received (INR),100.00" in text
    assert "outstanding at the end (INR),52.00" in text
    assert "'=HYPERLINK" in text and ",=HYPERLINK" not in text


def test_another_companys_contact_cannot_download_it(company_with_a_year):
    acme = sign_in(Client(), demo_user("CSR buyer"))
    today = timezone.localdate()
    response = acme.get(reverse("csr_partners:report-csv"),
                        {"start": today.replace(day=1), "end": today})
    assert response.status_code == 200
    assert "Testco" not in response.content.decode() and "Acme" in response.content.decode()


def test_the_monthly_statement_is_emailed_to_the_csr_contacts(company_with_a_year):
    from django.core import mail

    from csr_partners.tasks import send_monthly_statements

    contact = get_user_model().objects.create_user(
        username="ravi", email="ravi@testco.example", password="not-used-here-2026")
    services.add_contact(company=company_with_a_year, user=contact)
    mail.outbox.clear()
    today = timezone.localdate()
    assert send_monthly_statements(today.year, today.month) >= 1
    message = next(m for m in mail.outbox if m.to == ["ravi@testco.example"])
    names = [a[0] for a in message.attachments]
    assert names == [f"pledge-statement-{today:%Y-%m}.pdf", f"pledge-statement-{today:%Y-%m}.csv"]
    assert message.attachments[0][1][:4] == b"%PDF"
    assert GUEST not in message.attachments[1][1]
