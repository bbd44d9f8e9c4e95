"""What a bank's return file leaves for people to read (issue 18, after review): the bank's
remark without bank details in it, and a returned payment on the maker's statement as what it
is, not a second "Paid to you"."""

import pytest
from django.test import Client
from django.utils import timezone

from payouts import runs
from payouts.models import BankOutcome, Journal
from payouts.selectors import statement
from tests.functional.test_bank_files import (
    approved_run,
    finance,
    refs,
    return_file,
    sent,
    upload,
)
from tests.support.auth import sign_in

pytestmark = pytest.mark.django_db


def test_the_banks_remark_is_kept_without_account_numbers_or_ifsc():
    run, makers = approved_run(2)
    sent(run)
    a, b = refs(run, makers)
    html = upload(sign_in(Client(), finance()), run, return_file([
        [a, "SBIN126010123456", "PAID", "1200.00", ""],
        [b, "", "FAILED", "1200.00", "A/C 001122334452 SBIN0000002 closed"],
    ])).content.decode()

    outcome = BankOutcome.objects.get(line__artisan=makers[1])
    assert outcome.reason == "A/C [redacted] [redacted] closed"
    assert "001122334452" not in html and "closed" in html
    reversal_memos = Journal.objects.filter(idempotency_key__contains=":returned")
    assert all("closed" not in j.memo for j in reversal_memos)


def test_a_payment_the_bank_returned_reads_as_owed_again_on_her_statement():
    run, makers = approved_run(1)
    sent(run)
    (a,) = refs(run, makers)
    runs.pay_run(user=finance(), run=run, paid_on=timezone.localdate(), reference="HDFC batch 7")
    upload(sign_in(Client(), finance()), run, return_file([
        [a, "", "RETURNED", "1200.00", "Beneficiary account frozen"]]))

    data = statement(makers[0], timezone.localdate().replace(day=1))
    payouts = [(line.label, line.minus, line.shown_paise) for line in data["payout_lines"]]
    assert ("Payment returned by the bank: owed to you again", True, 120_000) in payouts
    assert [p for p in payouts if p[0].startswith("Paid to you")] == [
        ("Paid to you by bank transfer", False, 120_000)]
    assert data["payouts"] == 0
