"""Pledges stop exactly at a tie-up's cap when captures pledge at the same moment (PostgreSQL,
real concurrent transactions): the tie-up row is locked while each capture reads what is left,
so the pledged total equals the cap to the paisa and only one pledge is partial."""

import io
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connections, transaction
from django.test import Client
from oscar.core.loading import get_model

from csr_partners import receivers, services
from csr_partners.models import Pledge
from payouts import ledger
from payouts.signals import payment_captured
from tests.functional.test_csr_tieups import EMPLOYEE, GUEST, buy
from tests.support.csr import make_tieup, verify

Order = get_model("order", "Order")

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("eager_celery"),
    pytest.mark.skipif(not settings.IS_POSTGRES,
                       reason="SQLite serialises every write: real concurrency needs PostgreSQL"),
]

ORDERS = 4  # one pouch each: ₹76 pledged per order, ₹304 in all, against a ₹200 cap


def pledge(args):
    start, order_id = args
    try:
        order = Order.objects.get(pk=order_id)
        start.wait()
        with transaction.atomic():
            made = services.pledge_order(order)
            threading.Event().wait(0.05)  # the rest of the capture's transaction
        return sum(p.amount_paise for p in made)
    finally:
        connections.close_all()


def test_captures_pledging_at_once_stop_exactly_at_the_cap(stripe_server):
    call_command("load_demo", stdout=io.StringIO())  # an earlier transactional test flushed it
    tieup = make_tieup(cap_paise=20_000)
    shopper = Client()
    verify(shopper, tieup, EMPLOYEE, guest_email=GUEST)
    # Place the orders without pledging at capture, then pledge them all at once.
    payment_captured.disconnect(dispatch_uid="csr-partners-pledge-on-capture")
    try:
        orders = [buy(Client(), stripe_server, quantity=1)[0].pk for _ in range(ORDERS)]
    finally:
        payment_captured.connect(receivers.on_payment_captured,
                                 dispatch_uid="csr-partners-pledge-on-capture")
    assert not Pledge.objects.exists()

    start = threading.Barrier(ORDERS)
    with ThreadPoolExecutor(ORDERS) as pool:
        totals = list(pool.map(pledge, [(start, pk) for pk in orders]))

    assert sum(totals) == 20_000
    amounts = sorted(Pledge.objects.values_list("amount_paise", flat=True))
    assert sum(amounts) == 20_000 and amounts.count(7600) == 2 and 4800 in amounts
    assert Pledge.objects.filter(amount_paise__lt=7600).count() == 1
    tieup.refresh_from_db()
    assert tieup.pledged_paise == tieup.cap_paise and tieup.cap_reached_at is not None
    assert ledger.balance(ledger.csr_receivable_code(tieup.company.ledger_key)) == 20_000
