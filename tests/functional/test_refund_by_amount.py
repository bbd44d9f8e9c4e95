"""Refunds by amount (issue 18): finance gives money back on a line the buyer keeps. The ledger
posts a split summing to the amount (goodwill leaves the maker's share alone, a faulty piece
reduces it), the company's pledge is reduced pro rata, the pledge statement writes refunds as
numbers with their tie-up, and bad input changes nothing and asks nothing of Stripe."""

import csv
import io
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from oscar.core.loading import get_model

from artisans import selectors as artisan_selectors
from csr_partners import documents
from csr_partners.models import Pledge, PledgeReversal
from payouts import ledger
from payouts.models import Journal, LineRefund
from tests.support.checkout import add_to_basket, place_order, to_preview
from tests.support.csr import make_tieup, verify
from tests.support.stripe import stripe_object

Order = get_model("order", "Order")
PaymentAttempt = get_model("checkout", "PaymentAttempt")
StripeRefund = get_model("checkout", "StripeRefund")
StockRecord = get_model("partner", "StockRecord")

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("eager_celery")]

POUCH = "HAAT-POUCH-01"  # ₹380 in the demo catalogue


def buy(client, base, quantity=2, email="asha@example.in"):
    add_to_basket(client, POUCH, quantity=quantity)
    _preview, token = to_preview(client, base, email=email)
    assert place_order(client, token).status_code == 302
    return Order.objects.order_by("-id").first()


def refund_url(order):
    return reverse("dashboard:order-refund", kwargs={"number": order.number})


def refund_by_amount(client, order, amount, reason):
    line = order.lines.get()
    return client.post(refund_url(order), {"action": "amount", "amount-line": line.pk,
                                           "amount-amount": amount, "amount-reason": reason})


def makers_balance(order):
    line = order.lines.get()
    ids = artisan_selectors.maker_ids_by_product({line.product_id})[line.product_id]
    assert ids, "the demo pouch has makers"
    return sum(ledger.balance(ledger.maker_payable_code(a)) for a in ids)


def stripe_refunds(base, order):
    attempt = PaymentAttempt.objects.get(order=order)
    return stripe_object(base, f"refunds?payment_intent={attempt.intent_id}")["data"]


def test_goodwill_comes_out_of_margin_and_gst_and_leaves_the_maker_alone(
        stripe_server, demo_login):
    order = buy(Client(), stripe_server)
    makers, fund = makers_balance(order), ledger.balance(ledger.TRAINING_FUND)
    allocated = StockRecord.objects.get(product__upc=POUCH).num_allocated
    finance = demo_login("Finance")
    page = finance.get(refund_url(order)).content.decode()
    assert "Refund an amount" in page and "Goodwill / late delivery" in page

    response = refund_by_amount(finance, order, "170", "goodwill")

    assert response.status_code == 302, response.content.decode()[-3000:]
    assert [r["amount"] for r in stripe_refunds(stripe_server, order)] == [17_000]
    refund = StripeRefund.objects.get(order=order)
    parts = LineRefund.objects.get(journal__idempotency_key=refund.refund_id)
    assert parts.amount_paise == 17_000
    assert parts.gst_paise + parts.platform_paise == 17_000 and parts.gst_paise > 0
    assert parts.maker_paise == parts.training_fund_paise == 0
    assert makers_balance(order) == makers and ledger.balance(ledger.TRAINING_FUND) == fund
    journal = Journal.objects.get(idempotency_key=refund.refund_id)
    entries = {e.account.code: e.amount for e in journal.entries.select_related("account")}
    assert entries[ledger.STRIPE_CLEARING] == -17_000 and sum(entries.values()) == 0
    # The buyer keeps the pouches: no stock moves, the order stays paid.
    assert StockRecord.objects.get(product__upc=POUCH).num_allocated == allocated
    order.refresh_from_db()
    assert order.status == "Paid"


def test_a_faulty_piece_reduces_the_makers_share_pro_rata(stripe_server, demo_login):
    order = buy(Client(), stripe_server)
    makers = makers_balance(order)
    finance = demo_login("Finance")

    assert refund_by_amount(finance, order, "190.00", "faulty").status_code == 302

    parts = LineRefund.objects.get()
    assert (parts.gst_paise + parts.maker_paise + parts.training_fund_paise
            + parts.platform_paise) == 19_000
    assert parts.maker_paise > 0 and parts.training_fund_paise > 0
    # The makers' payable balance is a credit (negative): it goes up by the maker part.
    assert makers_balance(order) == makers + parts.maker_paise
    # Half the line's price back: half the maker's share of the line, to the paisa or so.
    capture = Journal.objects.get(event=Journal.CAPTURE, reference=order.number)
    maker_credit = -sum(e.amount for e in capture.entries.select_related("account")
                        if e.account.code.startswith("maker"))
    assert abs(parts.maker_paise * 4 - maker_credit) <= 4


@pytest.mark.parametrize("amount, message", [
    ("700", "can be refunded for this reason"),  # goodwill: at most the margin and GST
    ("0", "more than zero"), ("-5", "more than zero"),
    ("abc", "such as 170.50"), ("12.345", "such as 170.50"), ("", "This field is required"),
])
def test_bad_amounts_are_refused_and_stripe_is_not_asked(stripe_server, demo_login, amount,
                                                         message):
    order = buy(Client(), stripe_server)
    finance = demo_login("Finance")

    response = refund_by_amount(finance, order, amount, "goodwill")

    assert response.status_code == 200
    assert message in response.content.decode()
    assert not StripeRefund.objects.exists() and not LineRefund.objects.exists()
    assert stripe_refunds(stripe_server, order) == []


def test_more_than_was_paid_is_refused_for_a_faulty_piece_too(stripe_server, demo_login):
    order = buy(Client(), stripe_server)
    finance = demo_login("Finance")
    assert refund_by_amount(finance, order, "700", "faulty").status_code == 302
    response = refund_by_amount(finance, order, "60.01", "faulty")  # ₹60.00 left of ₹760
    assert response.status_code == 200 and "can be refunded" in response.content.decode()
    # Pieces of a line refunded by amount are refunded by amount from then on.
    line = order.lines.get()
    finance.post(refund_url(order), {f"line_{line.pk}": 1})
    assert [r["amount"] for r in stripe_refunds(stripe_server, order)] == [70_000]


def test_the_companys_pledge_is_reduced_pro_rata_and_the_statement_sums(
        stripe_server, demo_login):
    tieup = make_tieup()
    shopper = Client()
    verify(shopper, tieup, "meera@testco.example", guest_email="meera.home@example.in")
    order = buy(shopper, stripe_server, email="meera.home@example.in")
    assert [p.amount_paise for p in Pledge.objects.filter(order_number=order.number)] == [
        7_600, 7_600]
    receivable = ledger.csr_receivable_code(tieup.company.ledger_key)
    assert ledger.balance(receivable) == 15_200

    # A quarter of the ₹760 line back for a faulty handle: a quarter of the ₹152 pledged.
    assert refund_by_amount(demo_login("Finance"), order, "190", "faulty").status_code == 302

    assert sorted(r.amount_paise for r in PledgeReversal.objects.all()) == [1_900, 1_900]
    assert ledger.balance(receivable) == 15_200 - 3_800
    tieup.refresh_from_db()
    assert tieup.pledged_paise == 11_400
    # A whole bag refunded later is one of the ways the statement shows a refund too.
    today = timezone.localdate()
    text = documents.statement_csv(tieup.company, today.year, today.month)
    assert "'" + "-" not in text
    rows = list(csv.DictReader(io.StringIO(text)))
    back = [r for r in rows if r["note"].startswith("partly reversed")]
    assert [(r["amount_inr"], r["tie-up"]) for r in back] == [
        ("-19.00", tieup.name), ("-19.00", tieup.name)]
    assert all(r["tie-up"] for r in rows)  # every row names its tie-up
    month = sum(Decimal(r["amount_inr"]) for r in rows if r["order"])
    assert month == Decimal("114.00")  # 2 x 76.00 pledged, 2 x 19.00 given back


def test_a_whole_bag_refunded_is_a_number_in_the_statement_with_its_tieup(
        stripe_server, demo_login):
    tieup = make_tieup()
    shopper = Client()
    verify(shopper, tieup, "meera@testco.example", guest_email="meera.home@example.in")
    order = buy(shopper, stripe_server, email="meera.home@example.in")
    line = order.lines.get()
    demo_login("Admin").post(refund_url(order), {f"line_{line.pk}": 1})
    today = timezone.localdate()
    text = documents.statement_csv(tieup.company, today.year, today.month)
    [reversal] = [r for r in csv.reader(io.StringIO(text)) if r[-1] == "reversed: refunded"]
    assert reversal[3] == tieup.name and reversal[4] == "-76.00"
    assert Decimal(reversal[4]) == Decimal("-76.00")


def test_a_refund_by_amount_stripe_reports_back_is_posted_once_by_its_rule(
        stripe_server, demo_login, django_capture_on_commit_callbacks):
    from commerce import payments
    from tests.support.stripe import build_event, deliver

    order = buy(Client(), stripe_server)
    makers = makers_balance(order)
    line = order.lines.get()
    attempt = PaymentAttempt.objects.get(order=order)
    # Our own refund whose page went away before it was recorded: only its metadata is left.
    payments.refund(attempt.intent_id, amount_paise=5_000, idempotency_key="lost-page",
                    metadata={"order_number": order.number, "lines": "", "shipping": "0",
                              "amount_line": f"{line.pk}:goodwill"})
    charge = stripe_object(stripe_server, f"payment_intents/{attempt.intent_id}")["latest_charge"]
    charge_id = charge if isinstance(charge, str) else charge["id"]
    event = build_event("charge.refunded", stripe_object(stripe_server, f"charges/{charge_id}"))
    for _twice in range(2):
        with django_capture_on_commit_callbacks(execute=True):
            deliver(Client(), event)

    parts = LineRefund.objects.get()
    assert (parts.amount_paise, parts.reason, parts.maker_paise) == (5_000, "goodwill", 0)
    assert makers_balance(order) == makers


def test_a_bag_refunded_in_part_then_whole_gives_back_its_pledge_once(
        stripe_server, demo_login):
    """A quarter back for a faulty handle, then the whole bag: the company is relieved of the
    ₹76 it pledged on that bag, not ₹76 plus the ₹19 already given back."""
    tieup = make_tieup()
    shopper = Client()
    verify(shopper, tieup, "meera@testco.example", guest_email="meera.home@example.in")
    order = buy(shopper, stripe_server, email="meera.home@example.in")
    receivable = ledger.csr_receivable_code(tieup.company.ledger_key)
    assert refund_by_amount(demo_login("Finance"), order, "190", "faulty").status_code == 302
    assert ledger.balance(receivable) == 15_200 - 3_800

    # The shop's refund page then asks for the rest by amount too, but the pledges' service
    # takes any refund recorded by bags: it must give back only what is left of the pledge.
    from csr_partners import services as csr_services

    line = order.lines.get()
    PaymentEventType = get_model("order", "PaymentEventType")  # noqa: N806
    event = order.payment_events.create(
        event_type=PaymentEventType.objects.get_or_create(name="Refunded")[0],
        amount=Decimal("380.00"), reference="re_whole_bag")
    event.line_quantities.create(line=line, quantity=1)
    csr_services.reverse_pledges(order, [(line, 1)], "re_whole_bag")

    assert Pledge.objects.filter(order_number=order.number, status=Pledge.REVERSED).count() == 1
    # One bag kept: its ₹76 less its ₹19 part; the refunded bag nothing.
    assert ledger.balance(receivable) == 7_600 - 1_900
    tieup.refresh_from_db()
    assert tieup.pledged_paise == 5_700
    today = timezone.localdate()
    rows = list(csv.DictReader(io.StringIO(
        documents.statement_csv(tieup.company, today.year, today.month))))
    month = sum(Decimal(r["amount_inr"]) for r in rows if r["order"])
    assert month == Decimal("57.00")  # 152 pledged, 2 x 19 given back in part, 57 left reversed
    s = documents.statement(tieup.company, today.year, today.month)
    assert s["net"] == 5_700
    assert documents._outstanding_until(tieup.company, today) == 5_700  # nothing paid yet
