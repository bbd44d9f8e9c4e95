"""Exhibitions (issue 12): stock sent to a stall, sold from a phone by cash, UPI and card (one
with a student concession), the day closed with a cash shortfall, the rest brought back. Stock,
ledger and the maker's statement agree, and the online shop never offered the pieces away. Then
the receipt and the UPI code a sale shows, the catalogue's cards following the pieces, and an
organiser setting up an event. (What is refused: test_exhibition_refusals.py.)"""

import datetime
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from oscar.core.loading import get_model

from artisans.models import ProductMaker
from exhibitions import sales
from exhibitions.models import Event, EventDay, EventSale, EventStock
from payouts import ledger
from payouts import selectors as payout_selectors
from payouts import services as payout_services
from payouts.models import Journal
from storefront.demo.accounts import DEMO_EMAIL_DOMAIN
from tests.support.exhibitions import (
    college_fest,
    sale_body,
    sell,
    signed_in,
    tote_in_stock,
    transfer,
    user,
)
from tests.support.stripe import card_reference

StockRecord = get_model("partner", "StockRecord")
Order = get_model("order", "Order")

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("eager_celery")]


@pytest.fixture
def record():
    return tote_in_stock()


@pytest.fixture
def event():
    return college_fest()


@pytest.fixture
def organiser():
    return signed_in("admin")


@pytest.fixture
def seller():
    return signed_in("shelter-staff")


@pytest.fixture
def at_stall(organiser, event, record):
    assert transfer(organiser, event, record, 3).status_code == 302
    return record


def maker_share(record, unit_paise):
    setting = payout_services.split_setting_at()
    rate = payout_services.line_gst_rates([record.product_id], timezone.localdate()).get(
        record.product_id, setting.gst_rate)
    return payout_services.split_with(setting, unit_paise, rate).maker


def product_page(record):
    return Client().get(record.product.get_absolute_url()).content.decode()


def test_transfer_sell_close_with_a_shortfall_and_return(organiser, seller, event, record,
                                                        stripe_server):
    product = record.product
    maker = ProductMaker.objects.filter(product=product).get().artisan
    payable_before = ledger.maker_payables().get(maker.pk, 0)
    statement_before = payout_selectors.statement(maker, timezone.localdate())

    # Ten pieces go to the stall: the online stock is 0 at once, the shop says where they are.
    assert transfer(organiser, event, record, 10).status_code == 302
    record.refresh_from_db()
    assert record.num_in_stock == 0
    assert EventStock.objects.get(event=event, stockrecord=record).quantity == 10
    page = product_page(record)
    assert "At an exhibition this week" in page
    assert reverse("basket:add", kwargs={"pk": product.pk}) not in page
    listing = Client().get(reverse("catalogue:index")).content.decode()
    assert "At an exhibition this week" in listing
    shopper = Client()
    shopper.post(reverse("basket:add", kwargs={"pk": product.pk}), {"quantity": 1})
    assert shopper.get(reverse("basket:summary")).context["basket"].num_items == 0

    labels = organiser.get(reverse("exhibitions-dashboard:event-labels",
                                   kwargs={"pk": event.pk})).content.decode()
    assert labels.count('data-testid="label"') == 10 and labels.count("<svg") >= 10

    # The point of sale lists the pieces.
    pos = seller.get(reverse("exhibitions:sell", kwargs={"pk": event.pk}))
    assert pos.status_code == 200 and product.title in pos.content.decode()

    # Six pieces in four sales: cash (2), UPI (1), card (2), UPI with the student price (1).
    price = int(record.price * 100)
    cash = sell(seller, event, sale_body(record, 2, "cash"))
    upi = sell(seller, event, sale_body(record, 1, "upi"))
    card = sell(seller, event, sale_body(record, 2, "card",
                                         payment_method=card_reference(stripe_server)))
    student_body = sale_body(record, 1, "upi", concession=event.concessions.get().pk,
                             percent="20", reason="College ID seen")
    student = sell(seller, event, student_body)
    assert [r.status_code for r in (cash, upi, card, student)] == [201] * 4
    assert card.json()["status"] == "paid"
    student_unit = price - sales.concession_paise(price, Decimal("20"))
    assert student.json()["total_paise"] == student_unit == 68000

    # The network came back and the phone sent the student sale again: recorded once.
    again = sell(seller, event, student_body)
    assert again.status_code == 200 and again.json()["reference"] == student.json()["reference"]
    assert EventSale.objects.filter(event=event).count() == 4
    assert EventStock.objects.get(event=event, stockrecord=record).quantity == 4
    orders = Order.objects.filter(number__startswith="EV-")
    assert orders.count() == 4 and set(orders.values_list("status", flat=True)) == {"Paid"}

    # Close the day with ₹50 less cash in the box than the cash sales.
    day = EventDay.objects.get(event=event)
    close_url = reverse("exhibitions:close-day",
                        kwargs={"pk": event.pk, "date": day.date.isoformat()})
    expected_cash, expected_upi = 2 * price, price + student_unit
    counted_cash = Decimal(expected_cash - 5000) / 100
    response = seller.post(close_url, {"cash": f"{counted_cash}", "upi": str(expected_upi / 100),
                                       "reason": "₹50 note missing from the box"})
    assert response.status_code == 302
    day.refresh_from_db()
    assert day.is_closed and day.cash_difference_paise == -5000 and day.upi_difference_paise == 0

    # Ledger: the cash box holds what was counted, the shortfall is the organisation's expense,
    # UPI is in the bank, the card at Stripe; the maker got her share of every piece sold.
    balances = ledger.balances()
    assert balances[ledger.EVENT_CASH] == expected_cash - 5000
    assert balances[ledger.TAKINGS_DIFFERENCES] == 5000
    sales_journals = Journal.objects.filter(event=Journal.CAPTURE,
                                            reference__in=orders.values("number"))
    assert sales_journals.count() == 4
    shares = 5 * maker_share(record, price) + maker_share(record, student_unit)
    assert ledger.maker_payables()[maker.pk] - payable_before == shares
    statement = payout_selectors.statement(maker, timezone.localdate())
    assert statement["sales_shares"] - statement_before["sales_shares"] == shares
    assert statement["closing"] - statement_before["closing"] == shares

    # Closing twice is refused and posts nothing more.
    journals = Journal.objects.count()
    twice = seller.post(close_url, {"cash": "0", "upi": "0", "reason": "again"})
    assert twice.status_code == 400 and "closed already" in twice.content.decode()
    assert Journal.objects.count() == journals

    # The four unsold pieces come back and are on sale online again.
    assert transfer(organiser, event, record, 4, "back").status_code == 302
    record.refresh_from_db()
    assert (record.num_in_stock, record.num_allocated) == (4, 0)
    assert EventStock.objects.get(event=event, stockrecord=record).quantity == 0
    assert reverse("basket:add", kwargs={"pk": product.pk}) in product_page(record)

    # The sales report agrees.
    report = organiser.get(reverse("exhibitions-dashboard:event-report", kwargs={"pk": event.pk}))
    html = report.content.decode()
    assert maker.pseudonym in html
    assert report.context["report"]["pieces"] == 6
    assert report.context["report"]["revenue"] == 5 * price + student_unit
    assert report.context["report"]["concessions_paise"] == price - student_unit


# --- What a sale shows: its receipt, the UPI code -----------------------------------------------
def test_the_receipt_link_opens_without_signing_in_and_a_forged_one_does_not(seller, event,
                                                                            at_stall):
    answer = sell(seller, event, sale_body(at_stall)).json()
    public = Client().get(answer["share_url"])
    assert public.status_code == 200 and answer["reference"] in public.content.decode()
    assert Client().get(answer["share_url"] + "x").status_code == 404
    printable = seller.get(answer["receipt_url"])
    assert printable.status_code == 200 and "Print" in printable.content.decode()


def test_the_upi_qr_carries_the_vpa_and_the_amount(seller, event, settings):
    from exhibitions.views import upi_uri

    uri = upi_uri(68000, "EV-ABC")
    assert uri == (f"upi://pay?pa={settings.EXHIBITIONS_UPI_VPA}&pn=Haat%20Collective"
                   "&am=680.00&cu=INR&tn=EV-ABC")
    response = seller.get(reverse("exhibitions:upi-qr", kwargs={"pk": event.pk}),
                          {"amount": "68000", "ref": "EV-ABC"})
    assert response.status_code == 200 and response["Content-Type"] == "image/svg+xml"
    assert b"<svg" in response.content
    assert seller.get(reverse("exhibitions:upi-qr", kwargs={"pk": event.pk}),
                      {"amount": "-5"}).status_code == 404


# --- The catalogue: cached cards follow the pieces, in a fixed number of queries ---------------
def listing():
    return Client().get(reverse("catalogue:index")).content.decode()


def test_cached_cards_follow_the_pieces_to_the_stall_and_back(organiser, seller, event, record):
    assert "At an exhibition this week" not in listing()  # the cards are now cached
    assert transfer(organiser, event, record, 10).status_code == 302
    assert "At an exhibition this week" in listing()
    # Every piece sold at the stall: nothing anywhere, so the card no longer says where it is.
    assert sell(seller, event, sale_body(record, 10)).status_code == 201
    html = listing()
    assert "At an exhibition this week" not in html and "Unavailable" in html


def test_pieces_at_events_cost_no_queries_per_card(organiser, event, record):
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def queries():
        cache.clear()
        with CaptureQueriesContext(connection) as captured:
            assert Client().get(reverse("catalogue:index")).status_code == 200
        return len(captured)

    queries()  # the first page a process renders reads what it then keeps (site, classes...)
    assert transfer(organiser, event, record, 10).status_code == 302
    one = queries()
    for upc in ("HAAT-TOTE-02", "HAAT-TOTE-03", "HAAT-POUCH-03"):
        other = StockRecord.objects.get(product__upc=upc)
        assert transfer(organiser, event, other, other.num_in_stock).status_code == 302
    assert queries() == one


# --- The organisers' dashboard ----------------------------------------------------------------
def test_an_organiser_sets_up_an_event_its_staff_and_concessions(organiser):
    today = timezone.localdate()
    response = organiser.post(reverse("exhibitions-dashboard:event-create"), {
        "name": "Office Diwali mela", "place": "Salt Lake Sector V, Kolkata",
        "starts_on": today.isoformat(), "ends_on": (today - datetime.timedelta(days=1)).isoformat(),
    })
    assert response.status_code == 400 and "cannot be before the first" in response.content.decode()
    assert not Event.objects.filter(name="Office Diwali mela").exists()
    response = organiser.post(reverse("exhibitions-dashboard:event-create"), {
        "name": "Office Diwali mela", "place": "Salt Lake Sector V, Kolkata",
        "starts_on": today.isoformat(), "ends_on": today.isoformat(),
    })
    event = Event.objects.get(name="Office Diwali mela")
    detail = reverse("exhibitions-dashboard:event-detail", kwargs={"pk": event.pk})
    assert response["Location"] == detail
    refused = organiser.post(detail, {"action": "concession", "name": "Everyone",
                                      "max_percent_off": "150"})
    assert refused.status_code == 400 and not event.concessions.exists()
    organiser.post(detail, {"action": "concession", "name": "Partner company staff",
                            "max_percent_off": "15"})
    organiser.post(detail, {"action": "staff", "email": f"shelter-staff-2@{DEMO_EMAIL_DOMAIN}"})
    assert event.concessions.get().max_percent_off == Decimal("15.00")
    assert event.staff.get().user == user("shelter-staff-2")
    labels = organiser.get(reverse("exhibitions-dashboard:event-labels", kwargs={"pk": event.pk}))
    assert labels.status_code == 200
