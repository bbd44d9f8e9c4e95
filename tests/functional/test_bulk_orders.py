"""Bulk Women's Day orders (issue 8), through the buyer's and staff's pages: quote -> accept
with a PO -> 300 recipients from a file -> one order -> GST invoice (IGST out of state,
CGST+SGST in state) -> shipments -> the bank transfer recorded in the ledger; a card payment of
an invoice, and a tie-up's pledges on a bulk order. Quotes and recipient files on their own:
test_bulk_quotes_and_recipients.py."""

import csv
import datetime
import io
import re
import subprocess
from decimal import Decimal

import pytest
from django.core import mail
from django.db.models import Count
from django.test import TestCase
from django.urls import reverse
from django.utils import timezone
from oscar.core.loading import get_model

from csr_partners.bulk.pricing import quote_totals
from csr_partners.models.bulk import (
    BulkOrder,
    Quote,
    Recipient,
    RecipientUpload,
    TaxInvoice,
)
from payouts import ledger
from payouts.invoices import trade_receivable_code
from payouts.models import Journal
from tests.support.auth import sign_in
from tests.support.bulk import (
    ask_for_quote,
    bag_product,
    bulk_staff,
    company_with_buyer,
    recipients_csv,
    staff_sends,
    upload,
)

pytestmark = [pytest.mark.django_db]
Order = get_model("order", "Order")
StockRecord = get_model("partner", "StockRecord")


def pdf_words(pdf: bytes) -> list[dict]:
    """The words of a PDF with where they stand (pdftotext -bbox), in reading order."""
    html = subprocess.run(["pdftotext", "-bbox", "-", "-"], input=pdf, capture_output=True,
                          check=True).stdout.decode()
    return [{"text": text, "yMin": float(y_min), "xMax": float(x_max)}
            for y_min, x_max, text in re.findall(
                r'<word xMin="[\d.]+" yMin="([\d.]+)" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)</word>',
                html)]


@pytest.fixture
def people(client):
    return bulk_staff()


def test_quote_to_paid_order_for_an_out_of_state_company_with_300_recipients(
        client, people, eager_celery):
    product = bag_product(in_stock=100, capacity=60, tier=(100, 45_000))
    company, buyer = company_with_buyer(
        name="Acme Karnataka Pvt Ltd", gstin="29AAACA1234A1Z5",
        address="5 Residency Road\nBengaluru 560025", state="Karnataka")

    # 1. The buyer asks: 300 totes; 100 in stock, 200 to make at 60 a week -> 4 weeks.
    sign_in(client, buyer)
    quote = ask_for_quote(client, product, 300)
    line = quote.lines.get()
    assert (line.unit_paise, line.in_stock, line.hsn_code) == (45_000, 100, "420222")
    page = client.get(reverse("csr_partners:bulk:quote", args=[quote.pk])).content.decode()
    assert "200 of the 300" in page and "60 pieces a week" in page and "IGST" in page

    # 2. Staff lower the delivery charge with a reason and send; the buyer gets the PDF.
    sign_in(client, people["sales"])
    response = client.post(reverse("bulk-dashboard:bulk-quote", args=[quote.pk]), {
        "action": "adjust", f"price_{line.pk}": "450.00", "delivery_rupees": "15000.00",
        "delivery_on": "", "reason": "Courier contract rate for 300 parcels",
    })
    assert response.status_code == 302
    quote.refresh_from_db()
    assert quote.delivery_paise == 1_500_000
    assert quote.adjustments.get().reason == "Courier contract rate for 300 parcels"
    mail.outbox.clear()
    staff_sends(client, quote)
    assert quote.valid_until == timezone.localdate() + datetime.timedelta(days=14)
    assert mail.outbox[-1].to == [buyer.email]
    assert mail.outbox[-1].attachments[0][2] == "application/pdf"

    # 3. The buyer accepts with the PO number, on net terms.
    sign_in(client, buyer)
    response = client.post(reverse("csr_partners:bulk:accept", args=[quote.pk]),
                           {"po_number": "PO-2027-0042", "payment": "net30"})
    quote.refresh_from_db()
    assert (quote.status, quote.po_number, quote.payment) == ("accepted", "PO-2027-0042", "net30")

    # 4. 300 recipients from a file, checked and saved.
    with TestCase.captureOnCommitCallbacks(execute=True):  # the check runs in Celery
        response = client.post(reverse("csr_partners:bulk:upload", args=[quote.pk]),
                               {"file": upload("staff.csv", recipients_csv(300))})
    assert response.status_code == 302
    assert RecipientUpload.objects.get(quote=quote).status == RecipientUpload.CLEAN
    assert Recipient.objects.filter(quote=quote).count() == 300

    # 5. Placing it: one Oscar order, 100 pieces allocated, 200 to make, 300 shipments.
    record = StockRecord.objects.get(product=product)
    mail.outbox.clear()
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = client.post(reverse("csr_partners:bulk:place", args=[quote.pk]))
    bulk = BulkOrder.objects.get(quote=quote)
    assert response["Location"] == reverse("csr_partners:bulk:order", args=[bulk.pk])
    order = bulk.order
    assert order.lines.count() == 1 and order.lines.get().quantity == 300
    assert order.lines.get().num_allocated == 100 and bulk.pieces_to_make == 200
    record.refresh_from_db()
    assert record.num_allocated == 100
    assert bulk.shipments.count() == 300
    subjects = [m.subject for m in mail.outbox]
    assert subjects == [f"Bulk order {order.number} placed",
                        f"Tax invoice {TaxInvoice.objects.get(bulk_order=bulk).number}"]
    assert mail.outbox[1].attachments[0][0].endswith(".pdf")

    # 6. The invoice: Karnataka is not West Bengal -> IGST only, 5% inside each price.
    invoice = TaxInvoice.objects.get(bulk_order=bulk)
    assert re.fullmatch(r"HAAT/\d{4}/\d{6}", invoice.number)  # 16 characters (rule 46)
    assert not invoice.intra_state and invoice.cgst_paise == invoice.sgst_paise == 0
    goods = 300 * 45_000
    # Tax on each line's taxable value: 5% of 1,28,571.43 on the goods; delivery is a service
    # (SAC 9968, 18%): 18% of 12,711.86 = 2,288.13, so 15,000 comes to 14,999.99, and a
    # round-off of 0.01 takes the invoice to the total quoted and ordered.
    assert invoice.total_paise == goods + 1_500_000 == quote_totals(quote)["totals"].total
    assert invoice.round_off_paise == 1
    assert invoice.igst_paise == 6_428_57 + 2_288_13
    assert order.total_incl_tax == Decimal(invoice.total_paise) / 100
    assert order.total_incl_tax == sum(x.line_price_incl_tax for x in order.lines.all()) \
        + order.shipping_incl_tax
    assert invoice.due_on == invoice.issued_on + datetime.timedelta(days=30)
    assert invoice.buyer_gstin == "29AAACA1234A1Z5" and invoice.place_of_supply == "Karnataka"
    receivable = trade_receivable_code(f"company:{company.pk}")
    assert ledger.balance(receivable) == invoice.total_paise
    pdf = client.get(reverse("csr_partners:bulk:invoice-pdf", args=[invoice.pk]))
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")

    # 7. Shipments: staff pack all, dispatch rows 2-4 with references, deliver row 2.
    sign_in(client, people["sales"])
    url = reverse("bulk-dashboard:bulk-order", args=[bulk.pk])
    client.post(url, {"action": "status", "status": "packed", "rows": ""})
    client.post(url, {"action": "dispatch", "carrier": "India Post",
                      "references": "2, EK100000002IN\n3, EK100000003IN\n4, EK100000004IN"})
    client.post(url, {"action": "status", "status": "delivered", "rows": "2-3"})
    counts = dict(bulk.shipments.values_list("status").annotate(n=Count("pk")).order_by())
    assert counts == {"packed": 297, "dispatched": 1, "delivered": 2}
    sign_in(client, buyer)
    rows = list(csv.DictReader(io.StringIO(client.get(
        reverse("csr_partners:bulk:shipments-csv", args=[bulk.pk])).content.decode())))
    assert len(rows) == 300
    assert rows[0]["status"] == "Delivered" and rows[0]["carrier_reference"] == "EK100000002IN"
    assert rows[2]["status"] == "Dispatched" and rows[5]["status"] == "Packed"

    # 8. Finance records the bank transfer: receivable to bank, order paid.
    sign_in(client, people["finance"])
    client.post(url, {"action": "payment", "invoice": invoice.pk,
                      "amount_rupees": f"{invoice.total_paise / 100:.2f}",
                      "bank_reference": "UTR2027030100042",
                      "received_on": timezone.localdate().isoformat()})
    bulk.refresh_from_db()
    assert bulk.status == BulkOrder.PAID
    assert ledger.balance(receivable) == 0
    paid = Journal.objects.get(event=Journal.INVOICE_PAID, reference=invoice.number)
    assert {e.account.code: e.amount for e in paid.entries.select_related("account")} == {
        ledger.BANK: invoice.total_paise, receivable: -invoice.total_paise}


def test_an_in_state_company_gets_cgst_and_sgst(client, people, eager_celery):
    product = bag_product(in_stock=20)
    company, buyer = company_with_buyer(
        name="Bengal Tea Co", gstin="19AABCB1234B1Z2", address="2 Park Street\nKolkata 700016",
        state="West Bengal", net_terms=False)
    sign_in(client, buyer)
    quote = ask_for_quote(client, product, 10, delivery="one")
    sign_in(client, people["sales"])
    staff_sends(client, quote)
    sign_in(client, buyer)
    # Net terms are not open to this company: refused, card accepted.
    client.post(reverse("csr_partners:bulk:accept", args=[quote.pk]),
                {"po_number": "BT/77", "payment": "net30"})
    quote.refresh_from_db()
    assert quote.status == Quote.SENT
    client.post(reverse("csr_partners:bulk:accept", args=[quote.pk]),
                {"po_number": "BT/77", "payment": "card"})
    client.post(reverse("csr_partners:bulk:address", args=[quote.pk]), {
        "name": "Front desk", "address_line1": "2 Park Street", "city": "Kolkata",
        "state": "West Bengal", "pin_code": "700016", "phone": "033 2229 0000"})
    client.post(reverse("csr_partners:bulk:place", args=[quote.pk]))
    invoice = TaxInvoice.objects.get(bulk_order__quote=quote)
    assert invoice.intra_state and invoice.igst_paise == 0
    # 10 x INR 525.00: 5% of 5,000.00; INR 120.00 delivery: 18% of 101.69 = 18.30; each halved.
    assert (invoice.cgst_paise, invoice.sgst_paise) == (125_00 + 9_15, 125_00 + 9_15)
    assert abs(invoice.cgst_paise - invoice.sgst_paise) <= 1
    assert invoice.due_on == invoice.issued_on  # card: due now
    assert invoice.bulk_order.order.shipping_address.postcode == "700016"
    # On the PDF the money columns' headings stand right-aligned over their figures.
    sign_in(client, buyer)
    pdf = client.get(reverse("csr_partners:bulk:invoice-pdf", args=[invoice.pk])).content
    words = pdf_words(pdf)
    headings_at = next(w["yMin"] for w in words if w["text"] == "HSN/SAC")
    heading = next(w for w in words if w["text"] == "Total" and w["yMin"] == headings_at)
    total = next(w for w in words if w["text"] == f"{invoice.total_paise / 100:,.2f}")
    assert abs(heading["xMax"] - total["xMax"]) < 1


def test_a_tie_up_that_includes_bulk_orders_pledges_on_the_donation_side(people, eager_celery):
    """The invoice covers goods only; the pledge is the tie-up's, on the donation statement."""
    from csr_partners.bulk import ordering, quoting, recipient_lists
    from csr_partners.models import Pledge, TieUp

    product = bag_product(in_stock=10)
    company, buyer = company_with_buyer(name="Pledging Ltd", gstin="29AAACP7777P1Z1",
                                        address="Bengaluru", state="Karnataka")
    today = timezone.localdate()
    tieup = TieUp.objects.create(company=company, name="Women's Day", rate=20, basis="paid",
                                 starts_on=today, ends_on=today + datetime.timedelta(days=6),
                                 cap_paise=200_000, includes_bulk_orders=True)
    tieup.products.add(product)
    quote = quoting.request_quote(user=buyer, company=company, lines=[(product, 25)],
                                  delivery="one", wanted_by=today + datetime.timedelta(days=30))
    quoting.send_quote(user=people["sales"], quote=quote)
    quoting.accept_quote(user=buyer, quote=quote, po_number="P-9", payment="net30")
    recipient_lists.set_single_address(user=buyer, quote=quote, data={
        "name": "Front desk", "address_line1": "1 MG Road", "city": "Bengaluru",
        "state": "Karnataka", "pin_code": "560001", "phone": "9845012345"})
    with TestCase.captureOnCommitCallbacks(execute=True):
        bulk = ordering.place_bulk_order(user=buyer, quote=quote)
    pledges = Pledge.objects.filter(order_number=bulk.order.number)
    # 20% of INR 525.00 is INR 105.00 a piece; the cap of INR 2,000 stops it at 19 pieces.
    assert pledges.count() == 20 and pledges.last().amount_paise == 200_000 - 19 * 10_500
    assert sum(p.amount_paise for p in pledges) == 200_000
    tieup.refresh_from_db()
    assert tieup.pledged_paise == tieup.cap_paise
    assert ledger.balance(ledger.csr_receivable_code(company.ledger_key)) == 200_000
    invoice = TaxInvoice.objects.get(bulk_order=bulk)
    # goods only (delivery's INR 120.00 at 18% comes to 119.99: no whole-paisa taxable value
    # with its tax makes 120.00; the invoice's round-off of 0.01 brings it to the quote's)
    assert invoice.total_paise == 25 * 52_500 + quote.delivery_paise
    assert invoice.round_off_paise == 1


def test_card_payment_of_an_invoice_is_captured_once_and_posted(
        client, people, stripe_server, eager_celery):
    """Card now: the invoice is paid through Stripe (localstripe), recorded once even when the
    page is submitted twice, posted from Stripe clearing against the receivable."""
    from csr_partners.bulk import ordering, quoting, recipient_lists
    from csr_partners.models.bulk import CardPayment, InvoicePayment
    from tests.support.stripe import CARD_OK, card_reference

    product = bag_product(in_stock=10)
    company, buyer = company_with_buyer(name="Card Paying Ltd", gstin="19AAACC5555C1Z1",
                                        address="Kolkata", state="West Bengal", net_terms=False)
    today = timezone.localdate()
    quote = quoting.request_quote(user=buyer, company=company, lines=[(product, 4)],
                                  delivery="one", wanted_by=today + datetime.timedelta(days=30))
    quoting.send_quote(user=people["sales"], quote=quote)
    quoting.accept_quote(user=buyer, quote=quote, po_number="C-1", payment="card")
    recipient_lists.set_single_address(user=buyer, quote=quote, data={
        "name": "Office", "address_line1": "1 Park St", "city": "Kolkata",
        "state": "West Bengal", "pin_code": "700016", "phone": "9830012345"})
    bulk = ordering.place_bulk_order(user=buyer, quote=quote)
    invoice = TaxInvoice.objects.get(bulk_order=bulk)
    sign_in(client, buyer)
    url = reverse("csr_partners:bulk:pay", args=[invoice.pk])
    assert client.get(url).status_code == 200
    reference = card_reference(stripe_server, CARD_OK)
    response = client.post(url, {"payment_method": reference})
    assert response["Location"] == reverse("csr_partners:bulk:order", args=[bulk.pk])
    client.post(url, {"payment_method": reference})  # a second submit: nothing more is taken
    payment = InvoicePayment.objects.get(invoice=invoice)
    assert payment.method == "card" and payment.amount_paise == invoice.total_paise
    assert CardPayment.objects.get(invoice=invoice).state == "paid"
    receivable = trade_receivable_code(company.ledger_key)
    assert ledger.balance(receivable) == 0
    assert ledger.balance(ledger.STRIPE_CLEARING) >= invoice.total_paise
    bulk.refresh_from_db()
    assert bulk.status == BulkOrder.PAID
