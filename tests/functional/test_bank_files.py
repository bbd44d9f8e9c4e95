"""A payout run's files for the bank and the bank's return file (issue 18): the custodian downloads
the bulk-upload file and the UPI list from the run page (everyone else refused, every read in the
vault's audit log), lines with bad details are listed instead of dropped, and the return file
posts exactly what the bank says, once, or is refused whole with its row and reason."""

import csv
import io

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from artisans import identity_services
from artisans.models import Artisan, IdentityAccessLog
from payouts import ledger, runs
from payouts.bank_export import export_run
from payouts.models import (
    BankExport,
    BankOutcome,
    BankReturnFile,
    Disbursement,
    Journal,
    PayoutRun,
)
from storefront.demo.accounts import DEMO_PASSWORD
from tests.support.auth import demo_user, sign_in

pytestmark = pytest.mark.django_db

AMOUNT = 120_000  # paise: INR 1200.00 a maker


def custodian():
    return demo_user("Identity custodian")


def finance():
    return demo_user("Finance")


def second_finance():
    other = get_user_model().objects.create_user(
        username="finance-b", email="finance-b@example.test", password=DEMO_PASSWORD,
        is_staff=True)
    other.groups.add(Group.objects.get(name="Finance"))
    return other


def bank_details(maker, n, **changes):
    data = {"legal_name": f"Test Legal Name {n}", "bank_account": f"00112233445{n}",
            "ifsc": f"SBIN000{n:04d}", "upi_id": f"maker.{n}@oksbi", **changes}
    identity_services.save_identity(user=custodian(), artisan=maker, data=data,
                                   reason="Setting up the test maker's bank details")


def approved_run(n_makers=3, upi=(), details=None):
    makers = list(Artisan.objects.order_by("pk")[:n_makers])
    for i, maker in enumerate(makers, start=1):
        bank_details(maker, i, **(details or {}).get(i, {}))
    ledger.post("seed:bank-files", "piece rates", [
        (ledger.PIECE_RATE_COST, AMOUNT * len(makers)),
        *[(ledger.maker_payable_code(a.pk), -AMOUNT) for a in makers],
    ], event=Journal.BATCH)
    run = runs.create_run(user=finance(), period=timezone.localdate())
    for i in upi:
        runs.set_method(user=finance(), line=run.lines.get(artisan=makers[i - 1]), method="upi")
    return runs.approve_run(user=second_finance(), run=run), makers


def export_url(run, method):
    return reverse("payouts-dashboard:payouts-run-export", kwargs={"pk": run.pk, "method": method})


def file_url(run, number):
    return reverse("payouts-dashboard:payouts-bank-file", kwargs={"pk": run.pk, "number": number})


def run_url(run):
    return reverse("payouts-dashboard:payouts-run-detail", kwargs={"pk": run.pk})


def read_csv(response):
    return list(csv.reader(io.StringIO(response.content.decode())))


# --- The custodian's files ----------------------------------------------------------------------
def test_the_custodian_downloads_both_files_from_the_run_page_and_nobody_else_can():
    run, makers = approved_run(3, upi=(3,))
    client = sign_in(Client(), custodian())
    page = client.get(run_url(run))
    assert page.status_code == 200
    html = page.content.decode()
    assert export_url(run, "bank") in html and export_url(run, "upi") in html
    assert "Test Legal Name" not in html and "001122334451" not in html
    # The GET only tells what a new file would hold: nothing read, nothing recorded.
    before = IdentityAccessLog.objects.count()
    preview = client.get(export_url(run, "bank"))
    assert "2 payments are not yet in a file" in preview.content.decode()
    assert IdentityAccessLog.objects.count() == before and not BankExport.objects.exists()

    before = IdentityAccessLog.objects.filter(user=custodian()).count()
    bank = client.post(export_url(run, "bank"))
    assert bank.status_code == 200 and "no-cache" in bank["Cache-Control"]
    assert bank["Content-Disposition"].startswith(
        f'attachment; filename="haat-run-{run.pk}-bank-F1-')
    control, *rows = read_csv(bank)
    lines = {line.artisan_id: line for line in run.lines.all()}
    assert control == ["H", f"HAAT-R{run.pk}-F1", str(run.pk), timezone.localdate().isoformat(),
                       "2", "2400.00"]
    assert rows == [
        ["D", "NEFT", f"Test Legal Name {i}", f"00112233445{i}", f"SBIN000{i:04d}", "1200.00",
         f"HAAT R{run.pk} L{lines[makers[i - 1].pk].pk}"] for i in (1, 2)
    ]
    upi = client.post(export_url(run, "upi"))
    control, *rows = read_csv(upi)
    assert control[1] == f"HAAT-R{run.pk}-F2" and control[4:] == ["1", "1200.00"]
    assert rows == [["D", "UPI", "Test Legal Name 3", "maker.3@oksbi", "1200.00",
                     f"HAAT R{run.pk} L{lines[makers[2].pk].pk}"]]
    # Each maker's record was read through the vault, once per file, with the run as reason.
    reads = IdentityAccessLog.objects.filter(user=custodian()).order_by("pk")[before:]
    assert [(r.artisan_id, r.action) for r in reads] == [
        (makers[0].pk, "view"), (makers[1].pk, "view"), (makers[2].pk, "view")]
    assert all(f"Payout run #{run.pk}" in r.reason for r in reads)

    reads_before = IdentityAccessLog.objects.count()
    refused = {"finance": sign_in(Client(), finance()),
               "shopper": sign_in(Client(), demo_user("Shopper")),
               "anonymous": Client()}
    for who, other in refused.items():
        for url in (export_url(run, "bank"), export_url(run, "upi")):
            response = other.post(url)
            expected = 302 if who == "anonymous" else 403
            assert response.status_code == expected, (who, url)
            assert b"Test Legal Name" not in response.content
        response = other.post(file_url(run, 1))
        assert response.status_code == (302 if who == "anonymous" else 403), who
        assert b"Test Legal Name" not in response.content
    assert "login" in refused["anonymous"].post(export_url(run, "bank"))["Location"]
    assert IdentityAccessLog.objects.count() == reads_before  # nobody else's attempt read it


def test_the_custodian_sees_the_run_read_only_and_cannot_upload_or_approve():
    run, _makers = approved_run(2)
    client = sign_in(Client(), custodian())
    html = client.get(run_url(run)).content.decode()
    assert "read-only" in html and "Upload and reconcile" not in html and "Mark paid" not in html
    assert client.get(reverse("payouts-dashboard:payouts-run-list")).status_code == 200
    assert client.post(run_url(run), {"action": "pay"}).status_code == 403
    assert client.post(reverse("payouts-dashboard:payouts-run-list"),
                       {"period": "2026-11-01"}).status_code == 403


def test_lines_with_bad_details_are_left_out_and_listed_by_pseudonym_and_reason():
    run, makers = approved_run(3, upi=(3,), details={1: {"ifsc": "SBIN123"},
                                                     2: {"bank_account": "12-34"},
                                                     3: {"upi_id": "-maker@ok-sbi"}})
    client = sign_in(Client(), custodian())
    for method in ("bank", "upi"):  # nothing to send: no file, the reasons on the run page
        html = client.post(export_url(run, method), follow=True).content.decode()
        assert f"No {method.upper()} file made: every payment left to send has details" in html
    assert not BankExport.objects.filter(run=run, number__isnull=False).exists()
    for viewer in (client, sign_in(Client(), finance())):
        html = viewer.get(run_url(run)).content.decode()
        assert f"{makers[0].pseudonym}: the IFSC is not 4 letters" in html
        assert f"{makers[1].pseudonym}: the account number is not 9 to 18 digits" in html
        assert f"{makers[2].pseudonym}: the UPI id is not in the form name@bank" in html
        assert "SBIN123" not in html and "12-34" not in html and "ok-sbi" not in html


def test_the_named_statement_copy_is_reachable_from_the_run_page():
    run, makers = approved_run(1)
    client = sign_in(Client(), custodian())
    html = client.get(run_url(run)).content.decode()
    url = reverse("payouts-dashboard:payouts-statement", kwargs={
        "artisan": makers[0].pk, "year": run.period.year, "month": run.period.month})
    assert f'action="{url}"' in html and "Named copy" in html
    response = client.post(url, {"reason": "Named statement for the bank", "run": run.pk})
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert IdentityAccessLog.objects.filter(
        user=custodian(), artisan=makers[0], reason="Named statement for the bank").exists()
    # A reason too short: back to the run page with the message, nothing read.
    response = client.post(url, {"reason": "x", "run": run.pk})
    assert response.status_code == 302 and response["Location"] == run_url(run)


# --- The bank's return file ---------------------------------------------------------------------
def return_file(rows, header="reference,utr,status,amount,reason"):
    return "\n".join([header, *(",".join(r) for r in rows)]).encode() + b"\n"


def upload(client, run, content, name="return.csv"):
    return client.post(run_url(run), {
        "action": "return_file", "file": SimpleUploadedFile(name, content, "text/csv")},
        follow=True)


def state(makers):
    """What a return file could change: balances, journals, disbursements, outcomes, run."""
    codes = [ledger.maker_payable_code(m.pk) for m in makers] + [ledger.BANK]
    return (ledger.balances(codes), Journal.objects.count(), Disbursement.objects.count(),
            BankOutcome.objects.count(), BankReturnFile.objects.count(),
            list(PayoutRun.objects.values_list("pk", "status", "is_open")))


def sent(run):
    """The run's bank file made (its lines are with the bank): what a return file reports on."""
    export_run(user=custodian(), run=run, method="bank")
    return run


def refs(run, makers):
    lines = {line.artisan_id: line.pk for line in run.lines.all()}
    return [f"HAAT R{run.pk} L{lines[m.pk]}" for m in makers]


def test_a_return_file_posts_exactly_what_the_bank_says_and_twice_changes_nothing():
    run, makers = approved_run(3)
    sent(run)
    a, b, c = refs(run, makers)
    content = return_file([
        [a, "SBIN126010123456", "PAID", "1200.00", ""],
        [b, "", "FAILED", "1200.00", "Account closed"],
        [c, "SBIN126010999999", "RETURNED", "1200.00", "Payee details mismatch"],
    ])
    client = sign_in(Client(), finance())
    html = upload(client, run, content).content.decode()
    assert "Return file read: 1 paid, 2 failed or returned" in html

    paid = Disbursement.objects.get(line__run=run)
    assert paid.line.artisan == makers[0] and paid.reference == "UTR SBIN126010123456"
    assert Journal.objects.filter(event=Journal.PAYOUT).count() == 1
    assert "UTR SBIN126010123456" in paid.journal.memo
    payable = [ledger.maker_payable_code(m.pk) for m in makers]
    assert ledger.balances([*payable, ledger.BANK]) == {
        payable[0]: 0, payable[1]: -AMOUNT, payable[2]: -AMOUNT, ledger.BANK: -AMOUNT}
    assert ledger.unbalanced_journals() == []
    run.refresh_from_db()
    assert run.status == PayoutRun.PAID and not run.is_open  # every line has the bank's word
    assert "Account closed" in html and "Payee details mismatch" in html and "SBIN126010123456" in html

    before = state(makers)
    html = upload(client, run, content).content.decode()
    assert "This return file was already uploaded" in html and "nothing changed" in html
    assert state(makers) == before
    # The failed and returned payments are owed again: the next run pays them.
    nxt = runs.create_run(user=finance(), period=timezone.localdate())
    assert sorted(nxt.lines.values_list("artisan_id", "amount_paise")) == [
        (makers[1].pk, AMOUNT), (makers[2].pk, AMOUNT)]


def test_garbage_foreign_and_wrong_files_are_refused_whole_with_row_and_reason():
    run, makers = approved_run(3)
    sent(run)
    a, b, c = refs(run, makers)
    client = sign_in(Client(), finance())
    before = state(makers)
    cases = [
        (b"\x89PNG\r\n\x1a\n\x00\x00binary", ["Row 1: this is not a text (CSV) file."]),
        (b"name,amount\nsomeone,5\n", ["Row 1: the columns must be reference,utr,status"]),
        (return_file([]), ["Row 2: the file has no payments in it."]),
        (return_file([
            [a, "SBIN126010123456", "PAID", "1200.00", ""],  # good, but not alone
            [f"HAAT R{run.pk + 50} L1", "SBIN126010123457", "PAID", "1200.00", ""],
            [b, "SBIN126010123458", "PAID", "1199.99", ""],
            [f"HAAT R{run.pk} L999999", "SBIN126010123459", "PAID", "1200.00", ""],
            [a, "SBIN126010123456", "PAID", "1200.00", ""],
            [c, "", "PAID", "1200.00", ""],
            [c, "SBIN12601012345X", "BOUNCED", "12.00.0", ""],
            ["Payment 7", "", "FAILED", "1200.00", ""],
        ]), [
            f"Row 3: this payment belongs to payout run #{run.pk + 50}, not to run #{run.pk}",
            "Row 4: INR 1,199.99 paid, but the line is for INR 1,200.00",
            f"Row 5: run #{run.pk} has no line 999999",
            "Row 6: the same payment as row 2",
            "Row 7: a paid row needs the bank's UTR",
            "Row 8: status “BOUNCED” is not PAID, FAILED or RETURNED",
            "Row 8: amount “12.00.0” is not an amount in rupees",
            "Row 9: “Payment 7” is not a Haat payout reference",
        ]),
    ]
    for content, messages in cases:
        html = upload(client, run, content).content.decode().replace("&quot;", '"')
        html = html.replace("&#x27;", "'")
        for message in messages:
            assert message in html, (message, content[:60])
        assert state(makers) == before
    # A row that is right on its own is not posted while the rest of its file is wrong.
    assert not Disbursement.objects.filter(line__run=run).exists()


def test_mark_paid_and_the_return_file_never_both_pay_a_line():
    run, makers = approved_run(2)
    sent(run)
    a, b = refs(run, makers)
    assert runs.pay_run(user=finance(), run=run, paid_on=timezone.localdate(),
                        reference="HDFC batch 7") == 2
    payable = [ledger.maker_payable_code(m.pk) for m in makers]
    client = sign_in(Client(), finance())
    html = upload(client, run, return_file([
        [a, "HDFC126010123456", "PAID", "1200.00", ""],
        [b, "", "RETURNED", "1200.00", "Beneficiary account frozen"],
    ])).content.decode()
    assert "1 paid, 1 failed or returned" in html
    # One payout journal per line, the returned one reversed: she is owed it again.
    assert Journal.objects.filter(idempotency_key__startswith=f"payout:{run.pk}:").count() == 3
    assert Disbursement.objects.filter(line__run=run).count() == 2
    assert ledger.balances([*payable, ledger.BANK]) == {
        payable[0]: 0, payable[1]: -AMOUNT, ledger.BANK: -AMOUNT}
    assert runs.pay_run(user=finance(), run=run, paid_on=timezone.localdate(),
                        reference="HDFC batch 7") == 0
    assert "Failed or returned by the bank, owed again to the makers: INR 1,200.00" in html
    # A later file saying the returned line was paid after all is refused, nothing changed.
    before = state(makers)
    html = upload(client, run, return_file([[b, "HDFC126010999999", "PAID", "1200.00", ""]]))
    assert "Row 2: line" in html.content.decode() and "already reported returned" in \
        html.content.decode()
    assert state(makers) == before


def test_only_finance_uploads_the_return_file():
    run, makers = approved_run(1)
    sent(run)
    (a,) = refs(run, makers)
    content = return_file([[a, "SBIN126010123456", "PAID", "1200.00", ""]])
    response = sign_in(Client(), custodian()).post(run_url(run), {
        "action": "return_file", "file": SimpleUploadedFile("r.csv", content, "text/csv")})
    assert response.status_code == 403
    assert not BankReturnFile.objects.exists()
