"""Placing a bulk order costs a fixed number of queries whatever the number of recipients
(bulk inserts), and recipients are saved in a fixed number too."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from csr_partners.bulk import ordering, quoting, recipient_lists
from csr_partners.bulk.recipients import check_recipients
from tests.support.bulk import bag_product, company_with_buyer, recipients_csv, staff

pytestmark = pytest.mark.django_db
PLACE_QUERIES = 75


def accepted_quote(recipients, name):
    product = bag_product(in_stock=1000, title=f"Tote for {name}")
    company, buyer = company_with_buyer(name=name, gstin=f"29AAACQ{recipients:04d}Q1Z1",
                                        address="Bengaluru 560001", state="Karnataka")
    quote = quoting.request_quote(
        user=buyer, company=company, lines=[(product, recipients)], delivery="many",
        wanted_by=timezone.localdate() + datetime.timedelta(days=60))
    quoting.send_quote(user=staff(f"sales-{company.pk}", "Admin"), quote=quote)
    quoting.accept_quote(user=buyer, quote=quote, po_number="PO-1", payment="net30")
    checked = check_recipients(recipients_csv(recipients), pieces=recipients)
    assert checked.ok
    return quote, buyer, checked.rows


def test_placing_a_bulk_order_does_not_grow_with_recipients(django_assert_max_num_queries):
    counts = {}
    for recipients in (20, 200):
        quote, buyer, rows = accepted_quote(recipients, f"Query Co {recipients}")
        with django_assert_max_num_queries(12):
            recipient_lists.save_recipients(quote, rows)
        with CaptureQueriesContext(connection) as queries:
            bulk = ordering.place_bulk_order(user=buyer, quote=quote)
        assert bulk.shipments.count() == recipients
        counts[recipients] = len(queries)
    # The first order also creates the ledger accounts it posts to (a few inserts, once).
    assert counts[200] <= counts[20] <= PLACE_QUERIES
