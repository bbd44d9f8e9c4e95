"""Exhibitions (issue 12), what is refused: bad input at the stall, in a transfer and at the
close of a day gets a clear message and changes nothing; only an event's staff reach its point
of sale, only organisers the exhibitions dashboard. (The day that goes right:
test_exhibitions.py.)"""

import pytest
from django.test import Client
from django.urls import reverse
from oscar.core.loading import get_model

from exhibitions import reconciliation
from exhibitions.models import EventDay, EventSale, EventStock
from payouts.models import Journal
from tests.support.auth import sign_in
from tests.support.exhibitions import (
    college_fest,
    nothing_sold,
    sale_body,
    sell,
    signed_in,
    tote_in_stock,
    transfer,
    user,
)
from tests.support.stripe import CARD_DECLINED, card_reference

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


# --- Bad input: clear messages, nothing changed -------------------------------------------------
def test_a_piece_not_transferred_cannot_be_sold(seller, event, at_stall):
    other = StockRecord.objects.get(product__upc="HAAT-TOTE-02")
    response = sell(seller, event, sale_body(other))
    assert response.status_code == 400
    assert "not transferred to this event" in response.json()["error"]
    nothing_sold(event, at_stall)


def test_more_pieces_than_the_stall_holds_are_refused(seller, event, at_stall):
    response = sell(seller, event, sale_body(at_stall, 4))
    assert response.status_code == 400 and "Only 3" in response.json()["error"]
    nothing_sold(event, at_stall)


@pytest.mark.parametrize("percent,reason,message", [
    ("25", "Student ID seen", "at most 20"),
    ("20", "", "reason"),
    ("lots", "Student ID seen", "must be a number"),
])
def test_a_concession_above_its_limit_or_without_reason_is_refused(seller, event, at_stall,
                                                                   percent, reason, message):
    body = sale_body(at_stall, concession=event.concessions.get().pk, percent=percent,
                     reason=reason, total=0)
    response = sell(seller, event, body)
    assert response.status_code == 400 and message in response.json()["error"]
    nothing_sold(event, at_stall)


def test_a_total_the_server_does_not_agree_with_is_refused(seller, event, at_stall):
    response = sell(seller, event, sale_body(at_stall, total=1000))
    assert response.status_code == 400 and "price changed" in response.json()["error"]
    nothing_sold(event, at_stall)


def test_a_declined_card_takes_nothing_and_gives_the_piece_back(seller, event, at_stall,
                                                               stripe_server):
    body = sale_body(at_stall, 1, "card",
                     payment_method=card_reference(stripe_server, CARD_DECLINED))
    response = sell(seller, event, body)
    assert response.status_code == 201 and response.json()["status"] == "failed"
    assert EventStock.objects.get(event=event, stockrecord=at_stall).quantity == 3
    assert not Order.objects.filter(number=response.json()["reference"]).exists()


def test_a_cash_count_that_is_not_a_number_is_refused(seller, event, at_stall):
    assert sell(seller, event, sale_body(at_stall)).status_code == 201
    day = EventDay.objects.get(event=event)
    journals = Journal.objects.count()
    response = seller.post(
        reverse("exhibitions:close-day", kwargs={"pk": event.pk, "date": day.date.isoformat()}),
        {"cash": "eight fifty", "upi": "0", "reason": ""},
    )
    assert response.status_code == 400
    assert "Cash counted must be an amount in rupees" in response.content.decode()
    day.refresh_from_db()
    assert not day.is_closed and Journal.objects.count() == journals


def test_a_difference_without_a_reason_is_refused(seller, event, at_stall):
    assert sell(seller, event, sale_body(at_stall)).status_code == 201
    day = EventDay.objects.get(event=event)
    response = seller.post(
        reverse("exhibitions:close-day", kwargs={"pk": event.pk, "date": day.date.isoformat()}),
        {"cash": "800", "upi": "0", "reason": ""},
    )
    assert response.status_code == 400 and "give the reason" in response.content.decode()
    day.refresh_from_db()
    assert not day.is_closed


def test_a_transfer_never_takes_pieces_reserved_online(organiser, event, record):
    StockRecord.objects.filter(pk=record.pk).update(num_in_stock=2, num_allocated=1)
    response = transfer(organiser, event, record, 2)
    assert response.status_code == 400
    assert "Only 1 of" in response.content.decode()
    record.refresh_from_db()
    assert (record.num_in_stock, record.num_allocated) == (2, 1)
    assert not EventStock.objects.filter(event=event).exists()


def test_bringing_back_more_than_the_stall_holds_is_refused(organiser, event, at_stall):
    response = transfer(organiser, event, at_stall, 5, "back")
    assert response.status_code == 400 and "holds only 3" in response.content.decode()
    at_stall.refresh_from_db()
    assert at_stall.num_in_stock == 7


def test_a_sale_on_a_closed_day_is_refused(seller, event, at_stall):
    assert sell(seller, event, sale_body(at_stall)).status_code == 201
    day = EventDay.objects.get(event=event)
    reconciliation.close_day(day=day, user=user("shelter-staff"),
                             counted_cash_paise=int(at_stall.price * 100), counted_upi_paise=0)
    response = sell(seller, event, sale_body(at_stall))
    assert response.status_code == 400 and "closed" in response.json()["error"]
    assert EventSale.objects.filter(event=event).count() == 1


# --- Who reaches what ---------------------------------------------------------------------------
def test_only_the_events_staff_reach_its_point_of_sale(event, at_stall):
    url = reverse("exhibitions:sell", kwargs={"pk": event.pk})
    assert Client().get(url).status_code == 302  # to the sign-in page
    outsider = sign_in(Client(), user("shelter-staff-2"))
    assert outsider.get(url).status_code == 404
    assert sell(outsider, event, sale_body(at_stall)).status_code == 404
    nothing_sold(event, at_stall)


def test_only_organisers_reach_the_exhibitions_dashboard(event):
    finance = sign_in(Client(), user("finance"))
    url = reverse("exhibitions-dashboard:event-detail", kwargs={"pk": event.pk})
    assert finance.get(url).status_code == 403
    seller = sign_in(Client(), user("shelter-staff"))
    assert seller.get(url).status_code in (302, 403)  # not back-office staff at all
