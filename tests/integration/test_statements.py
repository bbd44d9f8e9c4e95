"""The maker's monthly statement (issue 18): one line per posting, named in her words; "earned"
counts every kind of earning and drives the living-income flag; English and Bengali PDFs with
the Noto Bengali font embedded; no legal name on the pseudonymous copy."""

import datetime
import re
import shutil
import subprocess
import uuid
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import TestCase, override_settings
from django.urls import reverse
from django.utils import timezone
from oscar.core.loading import get_class, get_model

from artisans import identity_services
from artisans.models import BatchLine, ProductionBatch, ProductMaker
from catalogue.money import to_paise
from exhibitions import reconciliation, transfers
from exhibitions import sales as stall_sales
from exhibitions.models import Event, EventStock
from payouts import ledger, runs, selectors, services, statement_document
from payouts.documents import statement_pdf
from storefront.demo.accounts import DEMO_EMAIL_DOMAIN
from tests.support.auth import sign_in
from tests.support.bulk import bag_product, company_with_buyer, staff

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("eager_celery")]
Basket = get_model("basket", "Basket")
StockRecord = get_model("partner", "StockRecord")
Selector = get_class("partner.strategy", "Selector")

LEGAL_NAME = "Rupa Statementtest Legalname"
needs_poppler = pytest.mark.skipif(not (shutil.which("pdftotext") and shutil.which("pdffonts")),
                                   reason="poppler-utils (pdftotext, pdffonts) is not installed")


def demo_user(role):
    return get_user_model().objects.get(email=f"{role}@{DEMO_EMAIL_DOMAIN}")


def finance(name):
    person = get_user_model().objects.create_user(
        username=name, email=f"{name}@example.test", password="pw-for-tests", is_staff=True)
    person.groups.add(Group.objects.get_or_create(name="Finance")[0])
    return person


def maker_of(product):
    return ProductMaker.objects.get(product=product).artisan


def piece_rate(product, pieces, rate="40.00"):
    maker = maker_of(product)
    batch = ProductionBatch.objects.create(
        shelter=maker.shelter, product=product, made_on=timezone.localdate(),
        piece_rate=Decimal(rate), status=ProductionBatch.STOCKED,
        recorded_by=demo_user("shelter-staff"), checked_at=timezone.now())
    BatchLine.objects.create(batch=batch, artisan=maker, pieces=pieces, accepted_pieces=pieces)
    services.post_batch_accepted(batch)
    return batch


def online_sale(product, number):
    from oscar.test.factories import create_order

    basket = Basket.objects.create()
    basket.strategy = Selector().strategy()
    basket.add_product(product, 1)
    order = create_order(number=number, basket=basket)
    services.post_payment_captured(order=order, intent_id=f"pi_stmt_{number}",
                                   amount_paise=to_paise(order.total_incl_tax))
    return order


def bulk_order(product, pieces):
    from csr_partners.bulk import ordering, quoting, recipient_lists

    company, buyer = company_with_buyer(name="Statement Ltd", gstin="29AAACS1234S1Z1",
                                        address="Bengaluru", state="Karnataka")
    sales = staff("stmt-sales", "Admin")
    today = timezone.localdate()
    quote = quoting.request_quote(user=buyer, company=company, lines=[(product, pieces)],
                                  delivery="one", wanted_by=today + datetime.timedelta(days=30))
    quoting.send_quote(user=sales, quote=quote)
    quoting.accept_quote(user=buyer, quote=quote, po_number="PO-STMT-1", payment="net30")
    recipient_lists.set_single_address(user=buyer, quote=quote, data={
        "name": "Front desk", "address_line1": "1 MG Road", "city": "Bengaluru",
        "state": "Karnataka", "pin_code": "560001", "phone": "9845012345"})
    with TestCase.captureOnCommitCallbacks(execute=True):
        return ordering.place_bulk_order(user=buyer, quote=quote)


def stall_sale(product, event_name="Winter craft fair"):
    today = timezone.localdate()
    seller = demo_user("shelter-staff")
    event = Event.objects.create(name=event_name, place="Salt Lake stadium grounds",
                                 starts_on=today, ends_on=today)
    record = StockRecord.objects.get(product=product)
    transfers.transfer_to_event(event=event, user=seller, lines=[(record.pk, 2)])
    sale, _created = stall_sales.record_sale(
        event=event, user=seller, sale_id=uuid.uuid4(), made_at=timezone.now(), method="cash",
        lines=[(product.pk, 1)])
    day = sale.day
    reconciliation.close_day(day=day, user=seller, counted_cash_paise=sale.total_paise,
                             counted_upi_paise=0)
    assert EventStock.objects.get(event=event).quantity == 1
    return sale


def pay_everyone():
    run = runs.create_run(user=finance("stmt-prep"), period=timezone.localdate())
    runs.approve_run(user=finance("stmt-appr"), run=run)
    runs.pay_run(user=run.prepared_by, run=run, paid_on=timezone.localdate(),
                 reference="HDFC bulk STMT")
    return run


@pytest.fixture
def product():
    return bag_product(title="Statement test tote", price="525.00", in_stock=50)


def test_every_posting_is_one_line_in_her_words_and_earned_counts_every_kind(product):
    maker = maker_of(product)
    batch = piece_rate(product, 30)
    order = online_sale(product, "100045")
    bulk = bulk_order(product, 10)
    sale = stall_sale(product)
    run = pay_everyone()
    paid = run.lines.get(artisan=maker).amount_paise

    s = selectors.statement(maker, timezone.localdate())
    labels = [line.label for line in s["lines"]]
    assert labels == [
        f"Piece rate, batch {batch.pk} (30 pieces)",
        "Sale share, order 100045",
        f"Bulk order {bulk.order.number} share",
        "Stall sale, Winter craft fair",
        "Paid to you by bank transfer",
    ]
    by_kind = {kind: paise for kind, _label, paise in s["by_kind"]}
    assert by_kind["piece_rate"] == 30 * 4000
    assert all(by_kind[k] > 0 for k in ("sale_share", "bulk_share", "stall"))
    # Earned: every kind; the lines add up to it, and the balance to the ledger.
    assert s["earned"] == sum(by_kind.values()) == sum(
        x.paise for x in s["lines"] if x.kind != "payout")
    assert s["earned"] == paid and s["payouts"] == paid and s["other"] == 0
    assert s["opening"] == 0 and s["closing"] == 0 == -ledger.balance(
        ledger.maker_payable_code(maker.pk))
    assert run.lines.get(artisan=maker).earned_paise == s["earned"]
    # The ledger's own record of the stall sale and the bulk order is the one named.
    assert sale.order.number not in " ".join(labels)
    assert order.number in labels[1]


def test_only_her_bulk_order_share_lifts_her_above_the_floor(product):
    maker = maker_of(product)
    piece_rate(product, 10, rate="100.00")  # INR 1,000
    bulk_order(product, 20)
    s = selectors.statement(maker, timezone.localdate())
    bulk_share = s["bulk_shares"]
    assert bulk_share > 0 and s["earned"] == 100_000 + bulk_share
    floor = 100_000 + bulk_share // 2  # above her piece rates, below piece rates and bulk share
    with override_settings(PAYOUTS_LIVING_INCOME_FLOOR_PAISE=floor):
        s = selectors.statement(maker, timezone.localdate())
        assert s["below_floor"] is False
        run = runs.create_run(user=finance("floor-prep"), period=timezone.localdate())
        line = next(x for x in selectors.run_lines(run) if x.artisan_id == maker.pk)
        assert line.earned_paise == s["earned"] and line.below_floor is False
    with override_settings(PAYOUTS_LIVING_INCOME_FLOOR_PAISE=s["earned"] + 1):
        assert selectors.statement(maker, timezone.localdate())["below_floor"] is True


def pdf_text(pdf: bytes, tmp_path, name) -> str:
    path = tmp_path / f"{name}.pdf"
    path.write_bytes(pdf)
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True,
                          text=True, check=True, timeout=60).stdout


@needs_poppler
def test_no_payout_reads_in_words_and_no_minus_zero_appears(product, tmp_path):
    maker = maker_of(product)
    piece_rate(product, 12)
    text = pdf_text(statement_pdf(maker, timezone.localdate()), tmp_path, "en")
    assert "No payout this month" in text
    assert not re.search(r"[−-]\s*0\.00", text)
    assert "Piece rate, batch" in text and "(12 pieces)" in text
    assert "Other" not in text


@needs_poppler
def test_the_bengali_statement_is_translated_and_embeds_noto_bengali(product, tmp_path):
    maker = maker_of(product)
    batch = piece_rate(product, 30)
    online_sale(product, "100046")
    custodian = demo_user("identity-custodian")
    identity_services.save_identity(user=custodian, artisan=maker,
                                   data={"legal_name": LEGAL_NAME}, reason="Statement test setup")
    pdf = statement_pdf(maker, timezone.localdate(), language="bn")
    text = pdf_text(pdf, tmp_path, "bn")
    # The labels as written, in the page the PDF is made from...
    page = statement_document.html(maker, timezone.localdate(), language="bn")
    for bengali in ("মাসিক হিসাব", "এই মাসে আপনার আয়", f"পিস রেট, ব্যাচ {batch.pk} (30টি পিস)",
                    "বিক্রির ভাগ, অর্ডার 100046", "এ মাসে কোনো টাকা দেওয়া হয়নি",
                    "মাসের শেষে আপনার পাওনা", "হাট · হিসাব · পৃষ্ঠা"):
        assert bengali in page, bengali
    # ...and in the PDF's text. pdftotext reads Bengali back through the font's glyph-to-text
    # map, which garbles vowel signs written before their consonant (the PNG shows them
    # right), so only words without such signs are compared.
    for word in ("আপনার পাওনার", "(টাকা)", "ভাগ, ", "দেওয়া", "পৃষ্ঠা", "1,200.00"):
        assert word in text, word
    # Every word on the page is Bengali but the pseudonym and the shelter's public label.
    latin = set(re.findall(r"[A-Za-z]{2,}", text))
    allowed = set(re.findall(r"[A-Za-z]{2,}", f"{maker.pseudonym} {maker.shelter.public_label}"))
    assert latin <= allowed, latin - allowed
    fonts = subprocess.run(["pdffonts", str(tmp_path / "bn.pdf")], capture_output=True,
                           text=True, check=True).stdout
    assert re.search(r"Noto-?Sans-?Bengali\S*\s+CID TrueType\s+\S+\s+yes", fonts), fonts
    assert LEGAL_NAME not in text
    named = statement_pdf(maker, timezone.localdate(), language="bn", user=custodian,
                          legal_name_reason="Statement copy for the bank")
    assert LEGAL_NAME in pdf_text(named, tmp_path, "bn-named")  # only the custodian's copy


@needs_poppler
def test_the_statement_view_answers_in_bengali_and_refuses_other_languages(product, client,
                                                                          tmp_path):
    maker = maker_of(product)
    piece_rate(product, 5)
    sign_in(client, demo_user("finance"))
    today = timezone.localdate()
    url = reverse("payouts-dashboard:payouts-statement", kwargs={
        "artisan": maker.pk, "year": today.year, "month": today.month})
    english, bengali = client.get(url), client.get(url + "?lang=bn")
    assert english.status_code == bengali.status_code == 200
    assert bengali["Content-Type"] == "application/pdf"
    assert "আপনার পাওনার" in pdf_text(bengali.content, tmp_path, "view-bn")
    assert "What you earned this month" in pdf_text(english.content, tmp_path, "view-en")
    wrong = client.get(url + "?lang=xx")
    assert wrong.status_code == 400 and "English (en) or Bengali (bn)" in wrong.content.decode()
