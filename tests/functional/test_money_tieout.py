"""The whole tie-out: two batches accepted, five orders paid through the checkout (localstripe),
one partial refund, one payout run approved and paid. Each maker's statement equals the ledger,
the ledger equals the sum of the orders, and the total across all accounts is zero."""

import datetime
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import Client
from django.utils import timezone
from oscar.core.loading import get_model

from artisans import batch_services
from artisans.models import Artisan, ProductMaker
from catalogue.money import to_paise
from commerce.checkout.refunds import refund_order
from payouts import ledger, runs, selectors
from payouts.models import Disbursement, Journal, LinePosting, SplitSetting
from payouts.splitting import split
from storefront.demo.accounts import DEMO_EMAIL_DOMAIN
from tests import workshop_support as ws
from tests.support.checkout import add_to_basket, place_order, to_preview

Order = get_model("order", "Order")
Product = get_model("catalogue", "Product")

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("eager_celery")]


def finance_users():
    first = get_user_model().objects.get(email=f"finance@{DEMO_EMAIL_DOMAIN}")
    second = get_user_model().objects.create_user(
        username="finance-2", email="finance-2@example.test", password="x", is_staff=True
    )
    second.groups.add(Group.objects.get(name="Finance"))
    return first, second


def accept_batch(product, pieces, rate):
    batch = batch_services.save_batch(
        user=ws.recorder(), shelter=ws.shelter_a(), made_on=datetime.date.today(),
        piece_rate=Decimal(rate), pieces=pieces, product=product, submit=True,
    )
    return batch_services.check_batch(user=ws.checker(), batch=batch, accepted={})


def buy(stripe_server, *items):
    buyer = Client()
    for upc, quantity in items:
        add_to_basket(buyer, upc, quantity=quantity)
    _preview, token = to_preview(buyer, stripe_server)
    assert place_order(buyer, token).status_code == 302
    return Order.objects.order_by("-id").first()


def test_the_whole_tie_out(stripe_server):
    setting = SplitSetting.objects.order_by("-valid_from").first()
    makers = list(Artisan.objects.filter(shelter=ws.shelter_a(), is_active=True)[:2])
    tote = Product.objects.get(upc="HAAT-TOTE-01")
    pouch = Product.objects.get(upc="HAAT-POUCH-01")
    accept_batch(tote, {makers[0]: 3, makers[1]: 2}, "120.00")
    accept_batch(pouch, {makers[0]: 4}, "55.50")
    # Piece rates credited: 3 x 120 + 4 x 55.50 and 2 x 120.
    payables = ledger.maker_payables()
    assert payables[makers[0].pk] == 36000 + 22200
    assert payables[makers[1].pk] == 24000

    orders = [
        buy(stripe_server, ("HAAT-TOTE-01", 1)),
        buy(stripe_server, ("HAAT-POUCH-01", 2), ("HAAT-POUCH-02", 1)),
        buy(stripe_server, ("HAAT-TOTE-01", 2)),
        buy(stripe_server, ("HAAT-TOTE-02", 1), ("HAAT-POUCH-03", 1)),
        buy(stripe_server, ("HAAT-POUCH-01", 1)),
    ]
    assert Journal.objects.filter(event=Journal.CAPTURE).count() == 5
    # One partial refund: one of the two pouches of the second order.
    pouch_line = orders[1].lines.get(upc="HAAT-POUCH-01")
    refund_order(orders[1], lines=[(pouch_line, 1)])
    assert Journal.objects.filter(event=Journal.REFUND).count() == 1

    # The ledger equals the sum of the orders: Stripe clearing holds what was paid, less the
    # refund; GST, fund and makers' shares are the split of each unit sold and not refunded.
    paid = sum(to_paise(o.total_incl_tax) for o in orders) - 38000
    assert ledger.balance(ledger.STRIPE_CLEARING) == paid
    expected = {"gst": 0, "maker": 0, "training_fund": 0}
    for order in orders:
        for line in order.lines.all():
            quantity = line.quantity - (1 if line.pk == pouch_line.pk else 0)
            parts = split(to_paise(line.unit_price_incl_tax), setting.gst_rate,
                          setting.maker_share, setting.fund_share)
            for name in expected:
                expected[name] += getattr(parts, name) * quantity
    assert -ledger.balance(ledger.GST_PAYABLE) == expected["gst"]
    assert -ledger.balance(ledger.TRAINING_FUND) == expected["training_fund"]
    maker_sales = sum(
        -amount for code, amount in ledger.balances().items()
        if code.startswith("maker-payable:") or code == ledger.MAKER_SHARE_UNASSIGNED
    ) - (36000 + 22200 + 24000)
    assert maker_sales == expected["maker"]
    # Every pouch line: quantities posted minus refunded never below zero.
    assert LinePosting.objects.filter(order_line_id=pouch_line.pk).count() == 2

    # One payout run: prepared, approved by another finance user, paid.
    preparer, approver = finance_users()
    owed_before = ledger.maker_payables()
    run = runs.create_run(user=preparer, period=timezone.localdate())
    runs.approve_run(user=approver, run=run)
    paid_lines = runs.pay_run(user=preparer, run=run, paid_on=timezone.localdate(),
                              reference="HDFC bulk 0001")
    assert paid_lines == run.lines.count() == len([v for v in owed_before.values() if v > 0])
    run.refresh_from_db()
    assert run.status == "paid" and not run.is_open
    assert Disbursement.objects.filter(line__run=run).count() == paid_lines
    assert all(v == 0 for v in ledger.maker_payables().values())

    # Each maker's statement equals the ledger.
    for artisan_id, owed in owed_before.items():
        artisan = Artisan.objects.get(pk=artisan_id)
        statement = selectors.statement(artisan, timezone.localdate())
        assert statement["closing"] == -ledger.balance(ledger.maker_payable_code(artisan_id))
        assert statement["payouts"] == owed
        assert statement["opening"] + statement["earned"] == owed
    first = selectors.statement(makers[0], timezone.localdate())
    assert first["pieces"] == 7 and first["piece_rates"] == 58200

    # The whole ledger sums to zero and every journal balances.
    assert ledger.total_of_all_accounts() == 0
    assert ledger.unbalanced_journals() == []
    # Each maker linked to a sold product got her share.
    linked = set(ProductMaker.objects.filter(product__upc__in=[
        "HAAT-TOTE-01", "HAAT-POUCH-01", "HAAT-POUCH-02", "HAAT-TOTE-02", "HAAT-POUCH-03",
    ]).values_list("artisan_id", flat=True))
    assert linked <= set(owed_before)
