"""Tax invoice numbers stay gap-free and unique when invoices are issued at the same moment
(PostgreSQL, real concurrent transactions): the counter row is locked until each invoice's
transaction ends, and a rolled-back invoice gives its number back."""

import datetime
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.conf import settings
from django.db import connections, transaction

from payouts import tax
from payouts.models import DocumentCounter

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(not settings.IS_POSTGRES,
                       reason="SQLite serialises every write: real concurrency needs PostgreSQL"),
]

DAY = datetime.date(2027, 3, 1)
WRITERS = 6
ROUNDS = 5


def issue(args):
    """One issuer: waits for the others, takes a number, holds the transaction open a little
    (rendering, the ledger), and on ``fail`` rolls back like an invoice that could not be
    written."""
    start, fail = args
    try:
        start.wait()
        with transaction.atomic():
            number = tax.next_document_number("RACE", DAY)
            threading.Event().wait(0.05)
            if fail:
                raise RuntimeError("the invoice could not be written")
        return number
    except RuntimeError:
        return None
    finally:
        connections.close_all()


def test_two_invoices_issued_at_once_get_consecutive_numbers():
    start = threading.Barrier(2)
    with ThreadPoolExecutor(2) as pool:
        numbers = sorted(pool.map(issue, [(start, False), (start, False)]))
    assert numbers == ["RACE/2627/000001", "RACE/2627/000002"]


def test_many_issuers_with_failures_leave_no_gap():
    issued = []
    for round_number in range(ROUNDS):
        start = threading.Barrier(WRITERS)
        fails = [i == round_number % WRITERS for i in range(WRITERS)]  # one fails each round
        with ThreadPoolExecutor(WRITERS) as pool:
            issued += [n for n in pool.map(issue, [(start, f) for f in fails]) if n]
    serials = sorted(int(n.rsplit("/", 1)[1]) for n in issued)
    assert serials == list(range(1, ROUNDS * (WRITERS - 1) + 1))  # unique and no gap
    assert DocumentCounter.objects.get(series="RACE").last_number == len(issued)
