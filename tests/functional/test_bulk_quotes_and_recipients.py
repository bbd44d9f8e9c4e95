"""Bulk quotes and recipient files (issue 8), on the buyer's pages: a file with faults is
reported row by row and saves nothing, a check finishing mid-page shows the saved recipients,
another company's buyer sees nothing, an expired quote cannot be accepted. The whole order
journey: test_bulk_orders.py."""

import datetime

import pytest
from django.test import TestCase
from django.urls import reverse
from django.utils import timezone
from oscar.core.loading import get_model

from csr_partners.models.bulk import (
    BulkOrder,
    Quote,
    Recipient,
    RecipientUpload,
)
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


@pytest.fixture
def people(client):
    return bulk_staff()


def accepted_quote(client, people, company_name, gstin, po_number):
    """A Mumbai company's quote for 50 totes, sent by sales and accepted on net terms by its
    buyer, who is left signed in."""
    product = bag_product(in_stock=50)
    _company, buyer = company_with_buyer(name=company_name, gstin=gstin, address="Mumbai",
                                         state="Maharashtra")
    sign_in(client, buyer)
    quote = ask_for_quote(client, product, 50)
    sign_in(client, people["sales"])
    staff_sends(client, quote)
    sign_in(client, buyer)
    client.post(reverse("csr_partners:bulk:accept", args=[quote.pk]),
                {"po_number": po_number, "payment": "net30"})
    return quote


def test_a_file_with_ten_faults_is_reported_row_by_row_and_saves_nothing(
        client, people, eager_celery):
    from tests.unit.test_recipients_file import TEN_FAULTS

    quote = accepted_quote(client, people, "Faulty Files Ltd", "27AAACF1234F1Z1", "FF-1")
    orders_before = Order.objects.count()
    with TestCase.captureOnCommitCallbacks(execute=True):
        client.post(reverse("csr_partners:bulk:upload", args=[quote.pk]),
                    {"file": upload("bad.csv", TEN_FAULTS)})
    assert Recipient.objects.filter(quote=quote).count() == 0
    page = client.get(reverse("csr_partners:bulk:quote", args=[quote.pk])).content.decode()
    assert "has 10 problems" in page
    assert "PIN code 700019 is in West Bengal, not Karnataka." in page
    faults = client.get(reverse("csr_partners:bulk:upload-faults",
                                args=[quote.uploads.get().pk])).content.decode()
    assert len(faults.strip().splitlines()) == 11
    # Placing is refused without recipients; nothing was ordered.
    client.post(reverse("csr_partners:bulk:place", args=[quote.pk]))
    assert Order.objects.count() == orders_before and not BulkOrder.objects.filter(quote=quote)
    # The corrected file is saved.
    with TestCase.captureOnCommitCallbacks(execute=True):
        client.post(reverse("csr_partners:bulk:upload", args=[quote.pk]),
                    {"file": upload("good.csv", recipients_csv(12))})
    assert Recipient.objects.filter(quote=quote).count() == 12
    # 50 pieces among 12 recipients: two get 5, ten get 4.
    assert sorted(Recipient.objects.filter(quote=quote).values_list("pieces", flat=True)) \
        == [4] * 10 + [5] * 2


def test_a_check_finishing_while_the_page_renders_shows_the_saved_recipients(client, people):
    """A Celery worker may finish checking the file between two queries of the quote page;
    the page must then show the recipients, not a finished check with none (it stops
    polling then, and the buyer would be left with an empty section)."""
    from django.db import connection

    from csr_partners.bulk.recipient_lists import check_upload

    quote = accepted_quote(client, people, "Racing Files Ltd", "27AAACR1234F1Z1", "RF-1")
    # Uploaded; the check has not run yet (its on-commit task is not executed here).
    client.post(reverse("csr_partners:bulk:upload", args=[quote.pk]),
                {"file": upload("staff.csv", recipients_csv(12))})
    pending = quote.uploads.get()
    assert pending.status == RecipientUpload.CHECKING
    upload_table = RecipientUpload._meta.db_table
    finished = []

    def worker_finishes_now(execute, sql, params, many, context):
        # The worker commits just before the page's first look at the upload.
        if not finished and f'FROM "{upload_table}"' in sql:
            finished.append(True)
            check_upload(pending.pk)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(worker_finishes_now):
        page = client.get(reverse("csr_partners:bulk:quote", args=[quote.pk])).content.decode()
    assert finished
    assert "12 recipients saved." in page
    assert "Place the order" in page


def test_another_companys_buyer_sees_nothing(client, people):
    product = bag_product()
    _c1, buyer1 = company_with_buyer(name="One Ltd", gstin="07AAACO1111A1Z1", address="x",
                                     state="Delhi")
    _c2, buyer2 = company_with_buyer(name="Two Ltd", gstin="07AAACT2222A1Z2", address="y",
                                     state="Delhi")
    sign_in(client, buyer1)
    quote = ask_for_quote(client, product, 5)
    sign_in(client, buyer2)
    assert client.get(reverse("csr_partners:bulk:quote", args=[quote.pk])).status_code == 404
    assert client.post(reverse("csr_partners:bulk:accept", args=[quote.pk]),
                       {"po_number": "X", "payment": "card"}).status_code == 404


def test_an_expired_quote_cannot_be_accepted(client, people):
    product = bag_product()
    _company, buyer = company_with_buyer(name="Late Ltd", gstin="07AAACL3333A1Z3", address="z",
                                         state="Delhi")
    sign_in(client, buyer)
    quote = ask_for_quote(client, product, 5)
    sign_in(client, people["sales"])
    staff_sends(client, quote)
    Quote.objects.filter(pk=quote.pk).update(valid_until=timezone.localdate()
                                             - datetime.timedelta(days=1))
    sign_in(client, buyer)
    client.post(reverse("csr_partners:bulk:accept", args=[quote.pk]),
                {"po_number": "L-1", "payment": "card"})
    quote.refresh_from_db()
    assert quote.status == Quote.EXPIRED and quote.po_number == ""
