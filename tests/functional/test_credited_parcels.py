"""Credit notes reach the parcels (issue 18): crediting 10 of 60 pieces leaves 50 to pack and
dispatch sends 50; a parcel holding pieces still being made cannot be dispatched."""

import csv
import datetime
import io

import pytest
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import TestCase
from django.urls import reverse
from django.utils import timezone

from csr_partners.bulk import credit_notes, ordering, quoting, recipient_lists, shipments
from csr_partners.models.bulk import Shipment, TaxInvoice
from tests.support.auth import sign_in
from tests.support.bulk import bag_product, company_with_buyer, recipients_csv, staff

pytestmark = pytest.mark.django_db


@pytest.fixture
def order_of_60(eager_celery):
    """60 totes to one office: 40 in stock, 20 to be made."""
    sales = staff("parcel-sales", "Admin")
    product = bag_product(in_stock=40)
    company, buyer = company_with_buyer(name="Gamma Weaves Ltd", gstin="29AAACG3333G1Z3",
                                        address="3 MG Road, Bengaluru", state="Karnataka")
    quote = quoting.request_quote(user=buyer, company=company, lines=[(product, 60)],
                                  delivery="one",
                                  wanted_by=timezone.localdate() + datetime.timedelta(days=60))
    quoting.send_quote(user=sales, quote=quote)
    quoting.accept_quote(user=buyer, quote=quote, po_number="GW-60", payment="net30")
    recipient_lists.set_single_address(user=buyer, quote=quote, data={
        "name": "Front desk", "address_line1": "3 MG Road", "city": "Bengaluru",
        "state": "Karnataka", "pin_code": "560001", "phone": "080 2558 0000"})
    with TestCase.captureOnCommitCallbacks(execute=True):
        bulk = ordering.place_bulk_order(user=buyer, quote=quote)
    invoice = TaxInvoice.objects.get(bulk_order=bulk, kind=TaxInvoice.INVOICE)
    return {"sales": sales, "buyer": buyer, "bulk": bulk, "invoice": invoice}


def page(client, bulk):
    return client.get(reverse("bulk-dashboard:bulk-order", args=[bulk.pk])).content.decode()


def post(client, bulk, data):
    response = client.post(reverse("bulk-dashboard:bulk-order", args=[bulk.pk]), data)
    return [str(m) for m in get_messages(response.wsgi_request)]


def goods_line(invoice):
    return invoice.lines.exclude(order_line_id=None).get()


def test_crediting_10_of_60_leaves_50_to_pack_and_dispatch_sends_50(client, order_of_60):
    bulk, invoice = order_of_60["bulk"], order_of_60["invoice"]
    assert bulk.pieces_to_make == 20
    sign_in(client, order_of_60["sales"])
    said = post(client, bulk, {"action": "credit", "invoice": invoice.pk,
                               f"credit_{goods_line(invoice).pk}": "10",
                               "reason": "Ten totes cancelled by the buyer"})
    assert any(m.startswith("Credit note") for m in said), said
    parcel = bulk.shipments.get()
    assert parcel.pieces == 50
    bulk.refresh_from_db()
    assert bulk.pieces_to_make == 10  # the pieces not supplied need not be made
    html = page(client, bulk)
    assert "Pieces to pack and send: <strong>50</strong>" in html
    assert "row 1: 10 pieces" in html  # the credit note says which parcel it applies to

    # 10 of the 50 are still being made: the parcel cannot leave, and nothing changes.
    said = post(client, bulk, {"action": "dispatch", "carrier": "India Post",
                               "references": "1, EK200000001IN"})
    assert any("still being made" in m for m in said), said
    parcel.refresh_from_db()
    assert parcel.status == Shipment.WAITING and parcel.carrier_reference == ""

    # The workshop's 10 arrive: the parcel of 50 goes.
    post(client, bulk, {"action": "made", "pieces": "10"})
    said = post(client, bulk, {"action": "dispatch", "carrier": "India Post",
                               "references": "1, EK200000001IN"})
    assert "1 parcels dispatched." in said
    parcel.refresh_from_db()
    assert (parcel.status, parcel.pieces) == (Shipment.DISPATCHED, 50)
    sign_in(client, order_of_60["buyer"])
    rows = list(csv.DictReader(io.StringIO(client.get(
        reverse("csr_partners:bulk:shipments-csv", args=[bulk.pk])).content.decode())))
    assert [(r["pieces"], r["status"]) for r in rows] == [("50", "Dispatched")]


def test_a_credit_for_more_than_is_left_to_pack_is_refused_and_issues_no_note(order_of_60):
    bulk, invoice = order_of_60["bulk"], order_of_60["invoice"]
    bulk.pieces_to_make = 0
    bulk.save()
    parcel = bulk.shipments.get()
    shipments.dispatch_parcels(user=order_of_60["sales"], bulk_order=bulk, carrier="India Post",
                               references=[(1, "EK1")])
    with pytest.raises(Exception, match="still to be packed"):
        credit_notes.credit_cancelled_lines(user=order_of_60["sales"], invoice=invoice,
                                            quantities={goods_line(invoice).pk: 10}, reason="Late")
    assert not invoice.credit_notes.exists()
    parcel.refresh_from_db()
    assert parcel.pieces == 60


def test_a_credit_note_names_the_parcel_it_applies_to(eager_celery):
    sales = staff("parcel-sales-2", "Admin")
    product = bag_product(in_stock=8)
    company, buyer = company_with_buyer(name="Delta Jute Ltd", gstin="29AAACD4444D1Z4",
                                        address="4 Brigade Road, Bengaluru", state="Karnataka")
    quote = quoting.request_quote(user=buyer, company=company, lines=[(product, 8)],
                                  delivery="many",
                                  wanted_by=timezone.localdate() + datetime.timedelta(days=60))
    quoting.send_quote(user=sales, quote=quote)
    quoting.accept_quote(user=buyer, quote=quote, po_number="DJ-8", payment="net30")
    checked = recipient_lists.start_upload(user=buyer, quote=quote, uploaded=SimpleUploadedFile(
        "staff.csv", recipients_csv(4).encode()))
    recipient_lists.check_upload(checked.pk)
    with TestCase.captureOnCommitCallbacks(execute=True):
        bulk = ordering.place_bulk_order(user=buyer, quote=quote)
    invoice = TaxInvoice.objects.get(bulk_order=bulk, kind=TaxInvoice.INVOICE)
    shipments.update_shipments(user=sales, bulk_order=bulk, status=Shipment.PACKED,
                               shipment_ids=bulk.shipments.values_list("pk", flat=True))
    # Every parcel is packed: a credit must name the parcel the pieces come out of.
    with pytest.raises(Exception, match="name the parcel"):
        credit_notes.credit_cancelled_lines(user=sales, invoice=invoice,
                                            quantities={goods_line(invoice).pk: 2}, reason="Torn")
    note = credit_notes.credit_cancelled_lines(user=sales, invoice=invoice, parcel_row=3,
                                               quantities={goods_line(invoice).pk: 2}, reason="Torn")
    by_row = {s.recipient.row: (s.pieces, s.status) for s in bulk.shipments.all()}
    assert by_row[3] == (0, Shipment.CREDITED)
    assert [v[0] for r, v in sorted(by_row.items()) if r != 3] == [2, 2, 2]
    assert [(c.shipment.recipient.row, c.pieces) for c in note.credited_parcels.all()] == [(3, 2)]
    with pytest.raises(Exception, match="every piece was credited"):
        shipments.dispatch_parcels(user=sales, bulk_order=bulk, carrier="India Post",
                                   references=[(3, "EK3")])
