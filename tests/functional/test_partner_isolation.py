"""One company's CSR contact never reaches another company's tie-ups, statements, reports,
quotes, orders, shipment lists, invoices, credit notes or invoice payment page (issue 11).

Company A gets one of everything under /partners/ and /partners/bulk/; each of its addresses
must open for A's contact and answer 404 (or 403) to company B's contact, whose own pages must
not mention A's tie-up either. Every POST B tries on A's quote changes nothing.
"""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client, TestCase
from django.urls import reverse
from django.utils import timezone

from csr_partners.bulk import credit_notes, ordering, quoting, recipient_lists
from csr_partners.models import TieUp
from csr_partners.models.bulk import Quote, RecipientUpload, TaxInvoice
from tests.support.auth import sign_in
from tests.support.bulk import (
    bag_product,
    company_with_buyer,
    recipients_csv,
    staff,
    upload,
)

pytestmark = pytest.mark.django_db

TIEUP_NAME = "Alpha Diwali pledge"  # no apostrophe: pages escape it


@pytest.fixture
def company_a(eager_celery):
    """Company A with a tie-up that pledges on bulk orders, a placed bulk order from a file of
    recipients (with its tax invoice and a credit note), and a second quote sent, not accepted."""
    sales = staff("isolation-sales", "Admin")
    product = bag_product(in_stock=20)
    company, buyer = company_with_buyer(name="Alpha Textiles Ltd", gstin="29AAACA1111A1Z1",
                                        address="1 Residency Road, Bengaluru", state="Karnataka")
    today = timezone.localdate()
    tieup = TieUp.objects.create(company=company, name=TIEUP_NAME, rate=20, basis="paid",
                                 starts_on=today, ends_on=today + datetime.timedelta(days=6),
                                 cap_paise=500_000, includes_bulk_orders=True)
    tieup.products.add(product)
    wanted_by = today + datetime.timedelta(days=30)
    quote = quoting.request_quote(user=buyer, company=company, lines=[(product, 8)],
                                  delivery="many", wanted_by=wanted_by)
    quoting.send_quote(user=sales, quote=quote)
    quoting.accept_quote(user=buyer, quote=quote, po_number="ALPHA-1", payment="card")
    recipients = recipient_lists.start_upload(user=buyer, quote=quote,
                                              uploaded=SimpleUploadedFile(
                                                  "staff.csv", recipients_csv(4).encode()))
    recipient_lists.check_upload(recipients.pk)
    with TestCase.captureOnCommitCallbacks(execute=True):
        bulk = ordering.place_bulk_order(user=buyer, quote=quote)
    invoice = TaxInvoice.objects.get(bulk_order=bulk, kind=TaxInvoice.INVOICE)
    line = invoice.lines.first()
    credit = credit_notes.credit_cancelled_lines(user=sales, invoice=invoice,
                                                 quantities={line.pk: 1}, reason="One bag damaged")
    open_quote = quoting.request_quote(user=buyer, company=company, lines=[(product, 3)],
                                       delivery="one", wanted_by=wanted_by)
    quoting.send_quote(user=sales, quote=open_quote)
    return {"buyer": buyer, "tieup": tieup, "quote": quote, "upload": recipients,
            "bulk": bulk, "invoice": invoice, "credit": credit, "open_quote": open_quote}


@pytest.fixture
def buyer_b():
    _company, buyer = company_with_buyer(name="Beta Foods Ltd", gstin="07AAACB2222B1Z2",
                                         address="2 Janpath, New Delhi", state="Delhi")
    return buyer


def a_addresses(a):
    quote, bulk = a["quote"].pk, a["bulk"].pk
    return [
        reverse("csr_partners:tieup", args=[a["tieup"].pk]),
        reverse("csr_partners:bulk:quote", args=[quote]),
        reverse("csr_partners:bulk:quote-pdf", args=[quote]),
        reverse("csr_partners:bulk:quote", args=[a["open_quote"].pk]),
        reverse("csr_partners:bulk:upload-status", args=[a["upload"].pk]),
        reverse("csr_partners:bulk:upload-faults", args=[a["upload"].pk]),
        reverse("csr_partners:bulk:order", args=[bulk]),
        reverse("csr_partners:bulk:shipments-csv", args=[bulk]),
        reverse("csr_partners:bulk:invoice-pdf", args=[a["invoice"].pk]),
        reverse("csr_partners:bulk:invoice-pdf", args=[a["credit"].pk]),
        reverse("csr_partners:bulk:pay", args=[a["invoice"].pk]),
    ]


def test_company_b_is_refused_every_object_of_company_a(company_a, buyer_b):
    a_client = sign_in(Client(), company_a["buyer"])
    b_client = sign_in(Client(), buyer_b)
    for url in a_addresses(company_a):
        assert a_client.get(url).status_code < 400, url
        assert b_client.get(url).status_code in (403, 404), url


def test_company_b_cannot_act_on_company_a_quote(company_a, buyer_b):
    b_client = sign_in(Client(), buyer_b)
    open_quote = company_a["open_quote"]
    posts = [
        ("csr_partners:bulk:accept", {"po_number": "BETA-1", "payment": "card"}),
        ("csr_partners:bulk:address", {"name": "Beta desk", "address_line1": "2 Janpath",
                                       "city": "New Delhi", "state": "Delhi",
                                       "pin_code": "110001", "phone": "9811012345"}),
        ("csr_partners:bulk:upload", {"file": upload("beta.csv", recipients_csv(2))}),
        ("csr_partners:bulk:place", {}),
    ]
    for name, data in posts:
        response = b_client.post(reverse(name, args=[open_quote.pk]), data)
        assert response.status_code in (403, 404), name
    for name in ("csr_partners:bulk:pay", "csr_partners:bulk:pay-return"):
        response = b_client.post(reverse(name, args=[company_a["invoice"].pk]))
        assert response.status_code in (403, 404), name
    open_quote.refresh_from_db()
    assert (open_quote.status, open_quote.po_number) == (Quote.SENT, "")
    assert not open_quote.recipients.exists()
    assert not RecipientUpload.objects.filter(quote=open_quote).exists()


def test_statements_and_reports_show_each_company_only_its_own(company_a, buyer_b):
    today = timezone.localdate()
    pages = [
        reverse("csr_partners:home"),
        reverse("csr_partners:statement", kwargs={"year": today.year, "month": today.month}),
        reverse("csr_partners:statement-csv", kwargs={"year": today.year, "month": today.month}),
        reverse("csr_partners:report"),
        reverse("csr_partners:report-csv"),
        reverse("csr_partners:bulk:home"),
    ]
    a_client = sign_in(Client(), company_a["buyer"])
    b_client = sign_in(Client(), buyer_b)
    order_number = company_a["bulk"].order.number
    for url in pages:
        a_page = a_client.get(url)
        b_page = b_client.get(url)
        assert a_page.status_code == b_page.status_code == 200, url
        b_text = b_page.content.decode()
        assert TIEUP_NAME not in b_text and order_number not in b_text, url
        assert "Alpha Textiles" not in b_text, url
    assert TIEUP_NAME in a_client.get(pages[0]).content.decode()
    assert order_number in a_client.get(pages[1]).content.decode()  # its pledges
    assert order_number in a_client.get(reverse("csr_partners:bulk:home")).content.decode()
