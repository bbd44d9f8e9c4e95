"""Finance's pages and files: dated split settings (the rates in force when an order was paid),
"Where your money goes" on the product page, the training fund with approval, the custodian's
bank/UPI exports (audited) and the maker statement PDF (checked by rendering it to PNG)."""

import datetime
import shutil
import subprocess
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from oscar.core.loading import get_model

from artisans.models import Artisan, IdentityAccessLog
from catalogue.money import to_paise
from payouts import fund, ledger, runs, services
from payouts.bank_export import export_run
from payouts.documents import statement_pdf
from payouts.models import FundDisbursement, Journal, Programme, SplitSetting
from payouts.splitting import split
from storefront.demo.accounts import DEMO_EMAIL_DOMAIN, DEMO_PASSWORD
from tests.support.auth import sign_in

Product = get_model("catalogue", "Product")
Order = get_model("order", "Order")

pytestmark = pytest.mark.django_db


def user(role):
    return get_user_model().objects.get(email=f"{role.lower().replace(' ', '-')}@{DEMO_EMAIL_DOMAIN}")


def second_finance():
    other = get_user_model().objects.create_user(
        username="finance-b", email="finance-b@example.test", password=DEMO_PASSWORD,
        is_staff=True,
    )
    other.groups.add(Group.objects.get(name="Finance"))
    return other


def owe(artisans, amount=120_000):
    ledger.post("seed:owe", "piece rates", [
        (ledger.PIECE_RATE_COST, amount * len(artisans)),
        *[(ledger.maker_payable_code(a.pk), -amount) for a in artisans],
    ], event=Journal.BATCH)


# --- Split settings and the product page --------------------------------------------------------
def test_an_order_uses_the_split_in_force_when_it_was_paid():
    from oscar.test.factories import create_order

    old = services.split_setting_at()
    order = create_order()
    later = SplitSetting.objects.create(
        valid_from=timezone.now() + datetime.timedelta(days=30), gst_rate=Decimal("0.12"),
        maker_share=Decimal("0.5"), fund_share=Decimal("0.2"),
    )
    journal = services.post_payment_captured(
        order=order, intent_id="pi_dated", amount_paise=to_paise(order.total_incl_tax)
    )
    assert journal.split_setting == old
    assert services.split_setting_at(later.valid_from + datetime.timedelta(seconds=1)) == later
    # A refund after the change still reverses at the old rates, exactly.
    line = order.lines.get()
    services.post_refund(order=order, lines=[(line, line.quantity)],
                         amount_paise=to_paise(line.unit_price_incl_tax) * line.quantity,
                         refund_id="re_dated")
    assert ledger.balance(ledger.GST_PAYABLE) == 0
    assert ledger.balance(ledger.TRAINING_FUND) == 0


def test_a_refund_larger_than_the_paid_line_is_refused_and_nothing_is_written():
    from oscar.test.factories import create_order

    order = create_order()
    paid = to_paise(order.total_incl_tax)
    services.post_payment_captured(order=order, intent_id="pi_big", amount_paise=paid)
    line = order.lines.get()
    journals = Journal.objects.count()
    with pytest.raises(ValidationError, match="were paid and not yet refunded"):
        services.post_refund(order=order, lines=[(line, line.quantity + 1)], amount_paise=100,
                             refund_id="re_big")
    with pytest.raises(ValidationError, match="larger than"):
        services.post_refund(order=order, lines=[], amount_paise=paid + 1, refund_id="re_big2")
    with pytest.raises(ValidationError, match="positive"):
        services.post_refund(order=order, lines=[], amount_paise=0, refund_id="re_zero")
    assert Journal.objects.count() == journals


def test_finance_adds_dated_split_settings_and_bad_ones_are_refused(client):
    sign_in(client, user("Finance"))
    url = reverse("payouts-dashboard:payouts-split")
    assert client.get(url).status_code == 200
    start = (timezone.localtime() + datetime.timedelta(days=1)).strftime("%Y-%m-%dT%H:%M")
    bad = client.post(url, {"valid_from": start, "gst_rate": "5", "maker_share": "70",
                            "fund_share": "40"})
    assert "cannot exceed 1" in bad.content.decode()
    assert client.post(url, {"valid_from": start, "gst_rate": "12", "maker_share": "35",
                             "fund_share": "10"}).status_code == 302
    assert SplitSetting.objects.order_by("-valid_from").first().gst_rate == Decimal("0.12")


def test_shoppers_and_other_staff_cannot_open_finance_pages(client):
    sign_in(client, user("Editor"))
    for name in ("payouts-run-list", "payouts-fund", "payouts-split"):
        assert client.get(reverse(f"payouts-dashboard:{name}")).status_code in (302, 403)


def test_the_product_page_shows_the_split_of_its_price():
    product = Product.objects.get(upc="HAAT-TOTE-01")
    page = Client().get(product.get_absolute_url())
    html = page.content.decode()
    assert "Where your money goes" in html
    setting = services.split_setting_at()
    parts = split(85_000, setting.gst_rate, setting.maker_share, setting.fund_share)
    for name, paise in parts.as_dict().items():
        rupees = f"{Decimal(paise) / 100:,.2f}"
        assert f'data-part="{name}">₹{rupees}<' in html, (name, rupees)


# --- The training fund -------------------------------------------------------------------------
def test_fund_disbursements_need_a_second_finance_user_and_a_balance():
    preparer, approver = user("Finance"), second_finance()
    ledger.post("seed:fund", "fund inflow", [(ledger.STRIPE_CLEARING, 3_000_000),
                                              (ledger.TRAINING_FUND, -3_000_000)],
                event=Journal.CAPTURE)
    programme = fund.add_programme(user=preparer, name="Kantha stitch course",
                                   schedule_vii_head="ii")
    maker = Artisan.objects.first()
    journals = Journal.objects.count()
    for kwargs, message in [
        (dict(head="trainer_fees", amount_paise=0, programme=programme), "positive"),
        (dict(head="trainer_fees", amount_paise=-5, programme=programme), "positive"),
        (dict(head="seed_grant", amount_paise=500_000, artisan=maker), "between INR 8,000"),
        (dict(head="seed_grant", amount_paise=2_500_000, artisan=maker), "between INR 8,000"),
        (dict(head="materials", amount_paise=100_000, artisan=maker), "programme"),
        (dict(head="trainer_fees", amount_paise=4_000_000, programme=programme), "cannot pay"),
    ]:
        with pytest.raises(ValidationError, match=message):
            fund.request_disbursement(user=preparer, description="x", **kwargs)
    grant = fund.request_disbursement(user=preparer, head="seed_grant", amount_paise=1_500_000,
                                      artisan=maker, description="Sewing machine")
    with pytest.raises(ValidationError, match="another finance user"):
        fund.approve_disbursement(user=preparer, disbursement=grant)
    assert Journal.objects.count() == journals
    fund.approve_disbursement(user=approver, disbursement=grant)
    with pytest.raises(ValidationError, match="already been approved"):
        fund.approve_disbursement(user=approver, disbursement=grant)
    assert fund.fund_balance() == 1_500_000
    # A request that fitted the balance when recorded but no longer does is refused at approval.
    fees = fund.request_disbursement(user=preparer, head="trainer_fees", amount_paise=1_000_000,
                                     programme=programme, description="Trainer, March")
    more = fund.request_disbursement(user=preparer, head="materials", amount_paise=1_000_000,
                                     programme=programme, description="Thread and cloth")
    fund.approve_disbursement(user=approver, disbursement=fees)
    with pytest.raises(ValidationError, match="cannot pay"):
        fund.approve_disbursement(user=approver, disbursement=more)
    assert FundDisbursement.objects.get(pk=more.pk).status == FundDisbursement.REQUESTED
    assert Journal.objects.filter(event=Journal.FUND).count() == 2


def test_the_fund_page_shows_balance_inflows_and_outflows(client):
    preparer, approver = user("Finance"), second_finance()
    ledger.post("seed:fund2", "fund inflow", [(ledger.STRIPE_CLEARING, 2_000_000),
                                               (ledger.TRAINING_FUND, -2_000_000)],
                event=Journal.CAPTURE)
    fund.post_pledge(pledge_id=1, company_key="company:1", amount_paise=500_000)
    programme = Programme.objects.create(name="Block printing", schedule_vii_head="iii")
    item = fund.request_disbursement(user=preparer, head="materials", amount_paise=300_000,
                                     programme=programme, description="Blocks")
    sign_in(client, approver)
    response = client.post(reverse("payouts-dashboard:payouts-fund"),
                           {"action": "approve", "disbursement": item.pk})
    assert response.status_code == 302
    html = client.get(reverse("payouts-dashboard:payouts-fund")).content.decode()
    assert "Balance: INR 22,000.00" in html
    assert "20,000.00" in html and "5,000.00" in html and "3,000.00" in html
    assert "Block printing" in html


# --- Exports and statements --------------------------------------------------------------------
def approved_run_for(makers):
    owe(makers)
    run = runs.create_run(user=user("Finance"), period=timezone.localdate())
    return runs.approve_run(user=second_finance(), run=run)


def test_bank_and_upi_exports_are_for_the_custodian_only_and_audited(client):
    """The files themselves: tests/functional/test_bank_files.py. The demo's bank details are
    fake but well-formed, so the demo makers are in the file."""
    makers = list(Artisan.objects.order_by("pk")[:3])
    run = approved_run_for(makers)
    with pytest.raises(PermissionDenied):
        export_run(user=user("Finance"), run=run, method="bank")
    sign_in(client, user("Finance"))
    url = reverse("payouts-dashboard:payouts-run-export", kwargs={"pk": run.pk, "method": "bank"})
    assert client.post(url).status_code == 403
    custodian = user("Identity custodian")
    before = IdentityAccessLog.objects.filter(user=custodian).count()
    exported = export_run(user=custodian, run=run, method="bank")
    assert exported.count == 3 and exported.left_out == []
    assert exported.content.count(",HAAT0DEMO") == 3
    assert IdentityAccessLog.objects.filter(user=custodian).count() == before + 3


def test_the_run_page_shows_pseudonyms_never_identities(client):
    run = approved_run_for(list(Artisan.objects.order_by("pk")[:2]))
    sign_in(client, user("Finance"))
    html = client.get(reverse("payouts-dashboard:payouts-run-detail",
                              kwargs={"pk": run.pk})).content.decode()
    assert Artisan.objects.order_by("pk").first().pseudonym in html
    assert "DEMO-ONLY" not in html and "DEMO-ACCOUNT" not in html


@pytest.mark.skipif(not shutil.which("pdftoppm"), reason="poppler-utils (pdftoppm) is not installed")
def test_the_statement_pdf_renders_with_the_pseudonym_only(tmp_path, client):
    maker = Artisan.objects.order_by("pk").first()
    owe([maker], amount=345_600)
    sign_in(client, user("Finance"))
    today = timezone.localdate()
    response = client.get(reverse("payouts-dashboard:payouts-statement", kwargs={
        "artisan": maker.pk, "year": today.year, "month": today.month}))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    pdf = tmp_path / "statement.pdf"
    pdf.write_bytes(response.content)
    subprocess.run(["pdftoppm", "-png", "-r", "60", "-singlefile", str(pdf),
                    str(tmp_path / "statement")], check=True, timeout=60)
    from PIL import Image

    image = Image.open(tmp_path / "statement.png").convert("L")
    assert image.size[1] > image.size[0]  # A4, portrait
    assert image.getextrema()[0] < 100  # there is dark text on the page
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    assert maker.pseudonym in text and "3,456.00" in text.replace("3456.00", "3,456.00")
    assert "DEMO-ONLY" not in text
    # The custodian's copy carries the legal name, and the read is audited.
    custodian = user("Identity custodian")
    named = statement_pdf(maker, today, user=custodian,
                          legal_name_reason="Statement copy for the bank")
    (tmp_path / "named.pdf").write_bytes(named)
    named_text = subprocess.run(["pdftotext", str(tmp_path / "named.pdf"), "-"],
                                capture_output=True, text=True, check=True).stdout
    assert "DEMO-ONLY Not A Real Name" in named_text
    assert IdentityAccessLog.objects.filter(user=custodian, artisan=maker,
                                            reason="Statement copy for the bank").exists()
    with pytest.raises(PermissionDenied):
        statement_pdf(maker, today, user=user("Finance"), legal_name_reason="Just looking here")


@pytest.mark.usefixtures("eager_celery")
def test_finance_approves_and_pays_a_run_in_the_dashboard(django_capture_on_commit_callbacks):
    makers = list(Artisan.objects.order_by("pk")[:2])
    owe(makers)
    preparer, approver = Client(), Client()
    sign_in(preparer, user("Finance"))
    sign_in(approver, second_finance())
    with django_capture_on_commit_callbacks(execute=True):  # the draft's task (eager)
        response = preparer.post(reverse("payouts-dashboard:payouts-run-list"),
                                 {"period": timezone.localdate().isoformat()})
    assert response.status_code == 302
    run_url = response.url
    page = preparer.get(run_url).content.decode()
    assert "Another finance user must approve this run." in page
    preparer.post(run_url, {"action": "approve"})
    assert "Approve this run" in approver.get(run_url).content.decode()
    approver.post(run_url, {"action": "approve"})
    with django_capture_on_commit_callbacks(execute=True):
        preparer.post(run_url, {"action": "pay", "paid_on": timezone.localdate().isoformat(),
                                "reference": "HDFC 77"})
        preparer.post(run_url, {"action": "pay", "paid_on": timezone.localdate().isoformat(),
                                "reference": "HDFC 77"})  # a double click
    assert Journal.objects.filter(event=Journal.PAYOUT).count() == 2
    page = preparer.get(run_url).content.decode()
    assert "Paid" in page and "HDFC 77" in page


def test_a_one_off_piece_shows_the_piece_rate_its_maker_was_paid(media_root):
    from artisans import batch_services
    from tests import workshop_support as ws

    ProductClass = get_model("catalogue", "ProductClass")
    maker = Artisan.objects.filter(shelter=ws.shelter_a(), is_active=True).first()
    batch = batch_services.save_batch(
        user=ws.recorder(), shelter=ws.shelter_a(), made_on=datetime.date.today(),
        piece_rate=Decimal("210.00"), pieces={maker: 1},
        product_class=ProductClass.objects.get(is_one_off=True), price=Decimal("1450.00"),
        photos=[ws.jpeg()], submit=True,
    )
    batch_services.check_batch(user=ws.checker(), batch=batch, accepted={})
    piece = Product.objects.get(upc=f"HAAT-B{batch.pk}-1")
    html = Client().get(piece.get_absolute_url()).content.decode()
    assert "Her piece rate of ₹210.00 for this piece was paid" in html
    assert ledger.maker_payables()[maker.pk] == 21_000
