"""Each bank file is sent once (issue 18, continued): a new file holds only the payments not yet
in a file, an earlier file downloads again byte for byte under its own reference (the bank's
duplicate-file check catches a double upload), every download is recorded, and a return file
can only report on payments that were in one of the run's files. Also: the demo's fake bank
details are well-formed, so an approved demo run has its file."""

import csv
import io

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.utils import timezone

from artisans.models import Artisan, IdentityAccessLog
from payouts import ledger, runs
from payouts.models import BankExport, BankFileDownload, Journal
from storefront.demo.accounts import SECOND_FINANCE
from tests.functional.test_bank_files import (
    AMOUNT,
    approved_run,
    bank_details,
    custodian,
    export_url,
    file_url,
    finance,
    refs,
    return_file,
    run_url,
    sent,
    state,
    upload,
)
from tests.support.auth import sign_in

pytestmark = pytest.mark.django_db


def rows_of(response):
    return list(csv.reader(io.StringIO(response.content.decode())))


def test_an_approved_demo_run_has_its_bank_file_with_the_demo_makers_fake_details():
    makers = list(Artisan.objects.order_by("pk"))
    ledger.post("seed:demo-run", "piece rates", [
        (ledger.PIECE_RATE_COST, AMOUNT * len(makers)),
        *[(ledger.maker_payable_code(a.pk), -AMOUNT) for a in makers],
    ], event=Journal.BATCH)
    run = runs.create_run(user=finance(), period=timezone.localdate())
    approver = get_user_model().objects.get(username=SECOND_FINANCE)
    run = runs.approve_run(user=approver, run=run)
    response = sign_in(Client(), custodian()).post(export_url(run, "bank"), follow=True)
    control, *rows = rows_of(response)
    assert control[4:] == [str(len(makers)), f"{AMOUNT * len(makers) // 100}.00"]
    assert len(rows) == len(makers) >= 2
    for row in rows:  # obviously fake, but what the bank's upload accepts
        assert row[2].startswith("DEMO ONLY Not A Real Name")
        assert row[3].startswith("000000000") and len(row[3]) == 12
        assert row[4].startswith("HAAT0DEMO")


def test_a_second_download_repeats_the_same_file_and_never_sends_a_line_twice():
    run, makers = approved_run(3, details={3: {"ifsc": "SBIN123"}})
    client = sign_in(Client(), custodian())
    first = client.post(export_url(run, "bank"))
    assert [r[1] for r in rows_of(first)] == [f"HAAT-R{run.pk}-F1", "NEFT", "NEFT"]
    # Downloaded again from the run page: the same bytes, the same reference.
    html = client.get(run_url(run)).content.decode()
    assert file_url(run, 1) in html and "gives exactly the same file" in html
    assert html.count(f"In bank file <span class=\"bank-file-ref\">HAAT-R{run.pk}-F1") == 2
    reads = IdentityAccessLog.objects.count()
    # Opening the address (a prefetch, a link) downloads nothing and records nothing.
    assert client.get(file_url(run, 1)).status_code == 405
    assert IdentityAccessLog.objects.count() == reads
    again = client.post(file_url(run, 1))
    assert again.status_code == 200 and again.content == first.content
    assert again["Content-Disposition"] == first["Content-Disposition"]
    assert IdentityAccessLog.objects.count() == reads + 2  # her record read again, audited
    # A second "new file": nothing left to send (the third maker's IFSC is still wrong).
    html = client.post(export_url(run, "bank"), follow=True).content.decode()
    assert "No BANK file made" in html
    assert BankExport.objects.filter(run=run, number__isnull=False).count() == 1
    # Her record fixed: the next file holds her line only; file 1 is unchanged.
    bank_details(makers[2], 3)
    second = client.post(export_url(run, "bank"))
    control, *rows = rows_of(second)
    assert control[1] == f"HAAT-R{run.pk}-F2" and control[4:] == ["1", "1200.00"]
    assert [r[6] for r in rows] == [refs(run, makers)[2]]
    assert client.post(file_url(run, 1)).content == first.content
    html = client.get(run_url(run)).content.decode()
    assert "Downloaded 3 times." in html and "Downloaded 1 time." in html
    assert [(d.file.number, d.again) for d in BankFileDownload.objects.filter(file__run=run)] == [
        (1, False), (1, True), (2, False), (1, True)]


def test_a_file_whose_details_changed_is_not_made_again_under_its_reference():
    run, makers = approved_run(1)
    client = sign_in(Client(), custodian())
    client.post(export_url(run, "bank"))
    bank_details(makers[0], 1, bank_account="998877665544")
    response = client.post(file_url(run, 1), follow=True)
    assert response["Content-Type"].startswith("text/html")
    assert f"File HAAT-R{run.pk}-F1 cannot be made again exactly" in response.content.decode()
    assert b"998877665544" not in response.content
    assert BankFileDownload.objects.filter(file__run=run).count() == 1


def test_a_return_file_may_only_report_on_lines_in_one_of_the_runs_files():
    run, makers = approved_run(3, details={3: {"ifsc": "SBIN123"}})
    sent(run)  # the third maker is left out: her line was never sent
    a, b, c = refs(run, makers)
    client = sign_in(Client(), finance())
    before = state(makers)
    html = upload(client, run, return_file([
        [a, "SBIN126010123456", "PAID", "1200.00", ""],
        [c, "SBIN126010123457", "PAID", "1200.00", ""],
        [b, "", "FAILED", "1200.00", "Account closed"],
    ])).content.decode()
    line_c = run.lines.get(artisan=makers[2]).pk
    assert (f"Row 3: line {line_c} was never in a bank file of run #{run.pk}, so the bank "
            "cannot have paid or returned it") in html
    assert "Return file read" not in html
    assert state(makers) == before  # the whole file refused: not even row 2 posted
    # The same file without that row is read.
    html = upload(client, run, return_file([
        [a, "SBIN126010123456", "PAID", "1200.00", ""],
        [b, "", "FAILED", "1200.00", "Account closed"],
    ])).content.decode()
    assert "Return file read: 1 paid, 1 failed or returned" in html
