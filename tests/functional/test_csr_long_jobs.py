"""The CSR partners' long jobs (issue 22): a recipients file checked and saved, and the CSR
report, cost the same number of queries whatever the number of rows or pledges (bench/jobs_csr.py
times them at 5,000 rows and 100,000 pledged orders); the report's figures add up line by line,
in exact paise; a file still being checked can be followed without JavaScript."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from oscar.core.loading import get_model

from csr_partners import documents, services
from csr_partners.bulk.recipient_lists import check_upload
from csr_partners.forms import ReportPeriodForm
from csr_partners.models import Pledge, PledgeReversal, TieUp
from csr_partners.models.bulk import Quote, QuoteLine, QuoteRequest, Recipient, RecipientUpload
from tests.support.bulk import company_with_buyer, recipients_csv
from tests.support.csr import make_tieup, pledged_orders

pytestmark = pytest.mark.django_db

Product = get_model("catalogue", "Product")
ProductClass = get_model("catalogue", "ProductClass")


# --- Recipients file ---------------------------------------------------------------------------
def accepted_quote(name, gstin, pieces):
    company, buyer = company_with_buyer(name=name, gstin=gstin, address="Mumbai",
                                        state="Maharashtra")
    pclass, _ = ProductClass.objects.get_or_create(name="Bulk test bags")
    product = Product.objects.create(product_class=pclass, title="Tote", structure="standalone")
    request = QuoteRequest.objects.create(company=company, requested_by=buyer,
                                          wanted_by=timezone.localdate(),
                                          bill_to_state="Maharashtra")
    quote = Quote.objects.create(request=request, status=Quote.ACCEPTED, po_number="PO-1",
                                 payment=Quote.NET30, accepted_by=buyer)
    QuoteLine.objects.create(quote=quote, product=product, title="Tote", quantity=pieces,
                             list_unit_paise=52_500, unit_paise=45_000)
    return quote, buyer


def uploaded(quote, buyer, rows):
    return RecipientUpload.objects.create(
        quote=quote, file=ContentFile(recipients_csv(rows).encode(), name="staff.csv"),
        filename="staff.csv", uploaded_by=buyer)


def test_checking_a_file_of_100_rows_costs_the_queries_of_one_of_10():
    counts, progress = [], []
    for rows, gstin in ((10, "27AAACQ1234F1Z1"), (100, "27AAACQ1234F1Z2")):
        quote, buyer = accepted_quote(f"Counting {rows} Ltd", gstin, pieces=rows * 3)
        upload = uploaded(quote, buyer, rows)
        with CaptureQueriesContext(connection) as ctx:
            done = check_upload(upload.pk)
        assert done.status == RecipientUpload.CLEAN and done.rows_done == rows
        assert quote.recipients.count() == rows
        assert sum(quote.recipients.values_list("pieces", flat=True)) == rows * 3
        # The recipients go in with one bulk INSERT; an engine with a cap on a statement's
        # parameters (SQLite: 999, so 90 recipients a statement) forces one per batch. Those
        # are counted apart: every other query must be the same at both sizes, and the INSERTs
        # exactly the engine's minimum (one on PostgreSQL, whatever the rows).
        inserts = [q for q in ctx.captured_queries
                   if q["sql"].startswith('INSERT INTO "csr_partners_recipient"')]
        fields = [f for f in Recipient._meta.concrete_fields if not f.primary_key]
        per_statement = connection.ops.bulk_batch_size(fields, [None] * rows) or rows
        assert len(inserts) == -(-rows // per_statement), (rows, per_statement, len(inserts))
        counts.append(len(ctx) - len(inserts))
        # Progress is written at each tenth of the file and at its end, whatever its length
        # (the upload's own save at the very end, with its status, is not counted here).
        progress.append(sum(1 for q in ctx.captured_queries
                            if q["sql"].startswith("UPDATE") and "rows_done" in q["sql"]
                            and '"status"' not in q["sql"]))
    assert counts[0] == counts[1], counts
    assert progress == [11, 11]


def test_a_file_being_checked_refreshes_itself_without_javascript(client):
    quote, buyer = accepted_quote("No Script Ltd", "27AAACN1234F1Z1", pieces=40)
    upload = uploaded(quote, buyer, 12)
    client.force_login(buyer)
    url = reverse("csr_partners:bulk:quote", args=[quote.pk])
    page = client.get(url).content.decode()
    assert '<noscript><meta http-equiv="refresh"' in page
    assert "0 of 0 rows checked" in page and f'href="{url}"' in page
    check_upload(upload.pk)
    page = client.get(url).content.decode()
    assert "12 recipients saved." in page and 'http-equiv="refresh"' not in page


# --- CSR report --------------------------------------------------------------------------------
@pytest.fixture
def contact_of():
    def make(company):
        user = get_user_model().objects.create_user(
            username=f"csr-{company.pk}", email=f"csr-{company.pk}@testco.example",
            password="not-used-here-2026")
        services.add_contact(company=company, user=user)
        client = Client()
        client.force_login(user)
        return client
    return make


def report_queries(client, name, period):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(reverse(f"csr_partners:{name}"), period)
    assert response.status_code == 200
    return len(ctx)


@pytest.mark.parametrize("name", ["report", "report-pdf", "report-csv"])
def test_the_csr_report_costs_the_same_queries_for_30_pledges_as_for_3(name, contact_of):
    start, end = ReportPeriodForm.default_period()
    period = {"start": start.isoformat(), "end": end.isoformat()}
    counts = []
    for n, company_name in ((3, "Small Co"), (30, "Large Co")):
        tieup = make_tieup(name=company_name)
        tieup.company.gstin = f"19AABCT{n:04d}K1ZO"
        tieup.company.save()
        pledged_orders(tieup, n)
        client = contact_of(tieup.company)
        report_queries(client, name, period)  # caches warmed (the agency, the fund's heads)
        counts.append(report_queries(client, name, period))
    assert counts[0] == counts[1], counts


def test_the_report_adds_up_tie_up_by_tie_up_in_exact_paise():
    """Two tie-ups of one company, with refunds (whole bags) and part refunds, one of them
    of a bag later refunded whole: each tie-up's line is what its own pledges add up to, and the
    total is the sum of the lines, to the paisa."""
    spring = make_tieup(name="Sums Co")
    autumn = TieUp.objects.create(company=spring.company, name="Diwali week", rate=10,
                                  starts_on=spring.starts_on, ends_on=spring.ends_on,
                                  cap_paise=10**9)
    pledged_orders(spring, 40)
    pledged_orders(autumn, 23, reversed_every=3, part_reversed_every=2)
    today = timezone.localdate()
    r = documents.report(spring.company, today - datetime.timedelta(days=1),
                         today + datetime.timedelta(days=1))

    def expected(tieup):
        kept = Pledge.objects.filter(tieup=tieup, status=Pledge.PLEDGED)
        given_back = sum(x.amount_paise for x in PledgeReversal.objects.filter(pledge__in=kept))
        return {"bags": kept.count(),
                "pledged": sum(p.amount_paise for p in kept) - given_back,
                "given_back": given_back}

    lines = {line["tieup"].name: line for line in r["tieup_lines"]}
    assert set(lines) == {"Women's Day week", "Diwali week"}
    for tieup in (spring, autumn):
        line = lines[tieup.name]
        assert {k: line[k] for k in ("bags", "pledged", "given_back")} == expected(tieup)
    assert r["bags"] == sum(line["bags"] for line in lines.values())
    assert r["pledged"] == sum(line["pledged"] for line in lines.values())
    text = documents.report_csv(spring.company, today - datetime.timedelta(days=1),
                                today + datetime.timedelta(days=1))
    for tieup in (spring, autumn):
        line = lines[tieup.name]
        assert f"{tieup.name}: bags pledged on,{line['bags']}\r\n" in text
        assert f"{tieup.name}: pledged (INR),{line['pledged'] // 100}.{line['pledged'] % 100:02d}" \
            in text
    assert f"pledged (INR),{r['pledged'] // 100}.{r['pledged'] % 100:02d}\r\n" in text
