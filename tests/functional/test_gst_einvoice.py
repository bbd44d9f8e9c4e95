"""A bulk order's tax invoice three ways (issue 18): the PDF the buyer reads, the e-invoice JSON
(schema 1.1) finance uploads, and the ledger's posting agree to the paisa, line by line; a
credit note likewise, with its invoice as the preceding document."""

import datetime
import json
import subprocess
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from csr_partners.bulk import (
    credit_notes,
    ordering,
    pricing,
    quoting,
    recipient_lists,
    selectors,
    signals,
)
from csr_partners.bulk.documents import inr
from csr_partners.models.bulk import QuoteRequest, TaxInvoice
from payouts import ledger
from payouts.invoices import trade_receivable_code
from payouts.models import Journal
from payouts.services import split_setting_at
from payouts.splitting import split_line
from payouts.tax import amount_in_words
from tests.support.auth import sign_in
from tests.support.bulk import bag_product, company_with_buyer, staff

pytestmark = [pytest.mark.django_db]


def placed_invoice(*, state, gstin, address, pieces=300, recipients=4, price="765.50"):
    product = bag_product(in_stock=pieces, price=price)
    company, buyer = company_with_buyer(name=f"Buyer in {state}", gstin=gstin,
                                        address=address, state=state)
    sales = staff(f"sales-{company.pk}", "Admin")
    with signals.without_emails():
        quote = quoting.request_quote(
            user=buyer, company=company, lines=[(product, pieces)], delivery=QuoteRequest.MANY,
            wanted_by=timezone.localdate() + datetime.timedelta(days=60))
        quoting.send_quote(user=sales, quote=quote)
        quoting.accept_quote(user=buyer, quote=quote, po_number="PO-18", payment="net30")
        recipient_lists.save_recipients(quote, [
            {"row": i + 2, "name": f"Colleague {i}", "address_line1": f"{i + 1} Office Road",
             "address_line2": "", "city": "Mumbai", "state": "Maharashtra",
             "pin_code": f"4000{i + 1:02d}", "phone": f"+91982000{i:04d}", "gift_message": ""}
            for i in range(recipients)])
        bulk = ordering.place_bulk_order(user=buyer, quote=quote)
    return TaxInvoice.objects.get(bulk_order=bulk, kind=TaxInvoice.INVOICE), buyer, sales


def pdf_text(content: bytes) -> str:
    return subprocess.run(["pdftotext", "-layout", "-", "-"], input=content,
                          capture_output=True, check=True).stdout.decode()


def posted_gst(reference: str, event) -> int:
    journal = Journal.objects.get(event=event, reference=reference)
    return sum(e.amount for e in journal.entries.select_related("account")
               if e.account.code == ledger.GST_PAYABLE)


def get_json(client, url) -> dict:
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "application/json"
    return json.loads(response.content, parse_float=Decimal)


def test_pdf_json_and_ledger_agree_for_an_out_of_state_invoice(client):
    invoice, buyer, _sales = placed_invoice(state="Maharashtra", gstin="27AAACM5678M1Z1",
                                            address="21 Marine Drive, Mumbai 400002")
    sign_in(client, buyer)
    doc = get_json(client, reverse("csr_partners:bulk:invoice-json", args=[invoice.pk]))
    pdf = pdf_text(client.get(reverse("csr_partners:bulk:invoice-pdf",
                                      args=[invoice.pk])).content)

    # 300 x 765.50 incl. 5%: 2,18,714.29 taxable, 10,935.71 IGST (not 10,935.00 per unit).
    goods, delivery = doc["ItemList"]
    assert (goods["HsnCd"], goods["Qty"], goods["Unit"], goods["IsServc"]) == (
        "420222", Decimal("300.00"), "PCS", "N")
    assert (goods["AssAmt"], goods["GstRt"], goods["IgstAmt"], goods["TotItemVal"]) == (
        Decimal("218714.29"), Decimal("5.00"), Decimal("10935.71"), Decimal("229650.00"))
    assert (delivery["HsnCd"], delivery["IsServc"], delivery["GstRt"]) == (
        "9968", "Y", Decimal("18.00"))
    val = doc["ValDtls"]
    for head in ("AssAmt", "IgstAmt", "CgstAmt", "SgstAmt"):
        assert sum(item[head] for item in doc["ItemList"]) == val[{
            "AssAmt": "AssVal", "IgstAmt": "IgstVal", "CgstAmt": "CgstVal",
            "SgstAmt": "SgstVal"}[head]]
    # Delivery's 36,000.00 at 18% is 35,999.99 on its line; the round-off of 0.01 takes the
    # invoice to the total quoted and ordered, in the JSON's own arithmetic.
    quoted = sum(x.price_paise for x in pricing.quote_totals(invoice.bulk_order.quote)["lines"])
    assert delivery["TotItemVal"] == Decimal("35999.99") and val["RndOffAmt"] == Decimal("0.01")
    assert sum(item["TotItemVal"] for item in doc["ItemList"]) + val["RndOffAmt"] == \
        val["AssVal"] + val["IgstVal"] + val["CgstVal"] + val["SgstVal"] + val["RndOffAmt"] == \
        val["TotInvVal"] == doc["PayDtls"]["PaymtDue"]
    assert val["TotInvVal"] * 100 == invoice.total_paise == quoted == \
        invoice.bulk_order.order.total_incl_tax * 100
    tax = invoice.igst_paise
    assert val["IgstVal"] * 100 == tax and val["RndOffAmt"] * 100 == invoice.round_off_paise
    assert val["CgstVal"] == val["SgstVal"] == 0
    # The ledger: the same GST and the same receivable, the round-off the shop's revenue.
    assert posted_gst(invoice.number, Journal.INVOICE) == -tax
    assert ledger.balance(trade_receivable_code(invoice.bulk_order.company.ledger_key)) == \
        invoice.total_paise
    posted = posted_by_account(invoice.number, Journal.INVOICE)
    assert sum(posted.values()) == 0
    setting = split_setting_at()
    goods_parts = split_line(300 * 765_50, Decimal("0.05"), setting.maker_share,
                             setting.fund_share)
    assert posted[ledger.SALES_REVENUE] == -(goods_parts.platform + int(delivery["AssAmt"] * 100)
                                             + invoice.round_off_paise)
    assert posted[ledger.TRAINING_FUND] == -goods_parts.training_fund  # no paisa of round-off
    # The PDF prints the same figures, the round-off on its own row above the total, the
    # amount in words of that total, the place of supply, reverse charge and where to pay.
    for figure in (val["AssVal"], val["IgstVal"], val["TotInvVal"], goods["IgstAmt"],
                   delivery["IgstAmt"], delivery["AssAmt"], delivery["TotItemVal"]):
        assert inr(int(figure * 100)) in pdf
    rows = pdf.splitlines()
    at = next(i for i, row in enumerate(rows) if "Round off" in row)
    assert rows[at].split()[-1] == "0.01"
    assert next(row for row in rows[at + 1:] if row.strip()).split()[-1] == \
        inr(invoice.total_paise)
    assert f"Amount in words: {amount_in_words(invoice.total_paise)}" in " ".join(pdf.split())
    assert "Maharashtra (27)" in pdf and "Reverse charge" in pdf and "DEMO0001234" in pdf
    assert "9968" in pdf and "PIN" in pdf and pdf.count("400002") == 1
    assert "4 addresses" in pdf  # ship-to: the recipients, apart from the bill-to
    assert doc["DocDtls"] == {"Typ": "INV", "No": invoice.number,
                              "Dt": invoice.issued_on.strftime("%d/%m/%Y")}
    assert len(invoice.number) <= 16
    assert (doc["BuyerDtls"]["Pos"], doc["BuyerDtls"]["Stcd"], doc["BuyerDtls"]["Pin"]) == (
        "27", "27", 400002)
    assert doc["PayDtls"]["FinInsBr"] == "DEMO0001234"


def test_an_in_state_invoice_halves_each_line_and_its_credit_note_follows(client):
    invoice, _buyer, sales = placed_invoice(
        state="West Bengal", gstin="19AABCB1234B1Z2", address="2 Park Street\nKolkata 700016",
        pieces=301, recipients=1, price="525.01")
    assert invoice.intra_state and invoice.igst_paise == 0
    sign_in(client, sales)
    doc = get_json(client, reverse("bulk-dashboard:bulk-invoice-json", args=[invoice.pk]))
    pdf = pdf_text(client.get(reverse("bulk-dashboard:bulk-invoice-pdf",
                                      args=[invoice.pk])).content)
    for item in doc["ItemList"]:
        assert item["CgstAmt"] + item["SgstAmt"] == (
            item["AssAmt"] * item["GstRt"] / 100).quantize(Decimal("0.01"))
        assert item["CgstAmt"] - item["SgstAmt"] in (0, Decimal("0.01"))  # odd paisa: CGST
    assert "2.5%" in pdf and "9%" in pdf and "IGST" not in pdf
    assert doc["ShipDtls"]["Pin"] == 400001  # one address: shipped there, billed to Kolkata
    assert (doc["ValDtls"]["CgstVal"] + doc["ValDtls"]["SgstVal"]) * 100 == \
        invoice.cgst_paise + invoice.sgst_paise == -posted_gst(invoice.number, Journal.INVOICE)

    line = invoice.lines.get(hsn_code="420222")
    note = credit_notes.credit_cancelled_lines(user=sales, invoice=invoice,
                                               quantities={line.pk: 101}, reason="Fewer staff")
    credit = get_json(client, reverse("bulk-dashboard:bulk-invoice-json", args=[note.pk]))
    assert credit["DocDtls"]["Typ"] == "CRN"
    assert credit["RefDtls"]["PrecDocDtls"] == [{
        "InvNo": invoice.number, "InvDt": invoice.issued_on.strftime("%d/%m/%Y")}]
    assert credit["ValDtls"]["TotInvVal"] * 100 == note.total_paise == 101 * 525_01
    assert (credit["ValDtls"]["CgstVal"] + credit["ValDtls"]["SgstVal"]) * 100 == \
        posted_gst(invoice.number, Journal.CREDIT_NOTE)
    # A part credited states its own round-off: the price of the pieces, exactly.
    v = credit["ValDtls"]
    assert v["AssVal"] + v["CgstVal"] + v["SgstVal"] + v["RndOffAmt"] == v["TotInvVal"]
    assert v["RndOffAmt"] * 100 == note.round_off_paise


def test_a_credit_note_of_the_whole_invoice_reverses_it_and_its_round_off(client):
    invoice, _buyer, sales = placed_invoice(state="Maharashtra", gstin="27AAACM5678M1Z1",
                                            address="21 Marine Drive, Mumbai 400002")
    assert invoice.round_off_paise == 1  # delivery 36,000.00 at 18% is 35,999.99 on its line
    note = credit_notes.credit_cancelled_lines(
        user=sales, invoice=invoice, quantities={x.pk: x.quantity for x in invoice.lines.all()},
        reason="Order cancelled")
    assert (note.total_paise, note.round_off_paise) == (invoice.total_paise, 1)
    sign_in(client, sales)
    val = get_json(client, reverse("bulk-dashboard:bulk-invoice-json", args=[note.pk]))["ValDtls"]
    assert (val["RndOffAmt"], val["TotInvVal"] * 100) == (Decimal("0.01"), invoice.total_paise)
    pdf = pdf_text(client.get(reverse("bulk-dashboard:bulk-invoice-pdf", args=[note.pk])).content)
    assert "Round off" in pdf and inr(note.total_paise) in pdf
    # The two journals cancel account by account: receivable, GST, makers, fund, revenue.
    issued = posted_by_account(invoice.number, Journal.INVOICE)
    credited = posted_by_account(invoice.number, Journal.CREDIT_NOTE)
    assert issued.keys() == credited.keys()
    assert all(issued[code] + credited[code] == 0 for code in issued)
    assert selectors.amount_outstanding(invoice) == 0


def posted_by_account(reference: str, event) -> dict[str, int]:
    journal = Journal.objects.get(event=event, reference=reference)
    out = {}
    for e in journal.entries.select_related("account"):
        out[e.account.code] = out.get(e.account.code, 0) + e.amount
    return out


def test_a_four_digit_hsn_code_stops_the_quote_with_a_clear_message():
    product = bag_product(hsn="4202")
    company, buyer = company_with_buyer(name="Short Code Ltd", gstin="29AAACS1234S1Z1",
                                        address="Bengaluru 560001", state="Karnataka")
    with signals.without_emails():
        quote = quoting.request_quote(
            user=buyer, company=company, lines=[(product, 10)], delivery=QuoteRequest.ONE,
            wanted_by=timezone.localdate() + datetime.timedelta(days=60))
        with pytest.raises(ValidationError, match="is 4202: tax invoices need 6 digits"):
            quoting.send_quote(user=staff("sales-short", "Admin"), quote=quote)
    quote.refresh_from_db()
    assert quote.status == quote.DRAFT


def test_delivery_takes_its_sac_codes_rate_from_the_dated_table_when_it_has_one():
    from csr_partners.bulk.invoice_rules import delivery_line
    from payouts.models import GstRate

    assert (delivery_line(12_000).hsn_code, delivery_line(12_000).gst_rate) == (
        "9968", Decimal("0.18"))  # settings' rate: no row yet
    GstRate.objects.create(hsn_code="9968", rate=Decimal("0.12"),
                           valid_from=datetime.date(2017, 7, 1))
    assert delivery_line(12_000).gst_rate == Decimal("0.12")
