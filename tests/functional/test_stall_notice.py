"""A piece at an exhibition stall (issue 20): the product page says where it is (the event's
public name and place, never a shelter) and until when, offers "Email me when it is back
online", and the alert is sent when the unsold pieces come back to the online shop."""

import datetime
import html

import pytest
from django.core import mail
from django.test import Client
from django.utils import formats, timezone, translation
from oscar.core.loading import get_model

from artisans.models import Shelter
from exhibitions import transfers
from exhibitions.models import Event
from tests.support.auth import demo_user, sign_in

StockRecord = get_model("partner", "StockRecord")
ProductAlert = get_model("customer", "ProductAlert")

pytestmark = pytest.mark.django_db

UPC = "HAAT-TOTE-03"


@pytest.fixture
def at_the_stall():
    record = StockRecord.objects.get(product__upc=UPC)
    StockRecord.objects.filter(pk=record.pk).update(num_in_stock=2, num_allocated=0)
    today = timezone.localdate()
    event = Event.objects.create(name="Winter crafts mela", place="Salt Lake stadium, Kolkata",
                                 starts_on=today, ends_on=today + datetime.timedelta(days=3))
    transfers.transfer_to_event(event=event, user=demo_user("admin"),
                                lines=[(record.pk, 2)], note="for the mela")
    record.refresh_from_db()
    assert record.num_in_stock == 0
    return event, record


def product_page(client, record, language="en-in"):
    with translation.override(language):
        url = record.product.get_absolute_url()
    response = client.get(url)
    assert response.status_code == 200
    return html.unescape(response.content.decode())


def test_the_page_says_where_the_piece_is_and_when_it_comes_back(at_the_stall):
    event, record = at_the_stall
    body = product_page(Client(), record)
    end = formats.date_format(event.ends_on, "j F Y")
    assert 'data-testid="stall-notice"' in body
    assert f"At {event.name}, {event.place}" in body
    assert f"The stall runs until {end}." in body
    assert "Email me when it is back online" in body
    # Never a shelter: neither its public label nor its private address.
    for shelter in Shelter.objects.all():
        assert shelter.public_label not in body
        assert shelter.private_address not in body
    # In Bengali the notice is Bengali, the date in Bengali month names.
    bn = product_page(Client(), record, "bn")
    assert 'data-testid="stall-notice"' in bn
    assert f"At {event.name}" not in bn and event.place in bn
    with translation.override("bn"):
        assert formats.date_format(event.ends_on, "j F Y") in bn
    assert "Email me when it is back online" not in bn


def test_a_piece_not_at_a_stall_has_no_notice():
    record = StockRecord.objects.get(product__upc="HAAT-TOTE-01")
    StockRecord.objects.filter(pk=record.pk).update(num_in_stock=0, num_allocated=0)
    body = product_page(Client(), record)
    assert 'data-testid="stall-notice"' not in body
    assert "Email me when it is back online" not in body
    assert "This piece has sold out" in body


def test_the_alert_is_created_and_sent_when_the_pieces_come_back(
        at_the_stall, django_capture_on_commit_callbacks):
    event, record = at_the_stall
    shopper = demo_user("shopper")
    client = sign_in(Client(), shopper)
    with translation.override("en-in"):
        from django.urls import reverse

        url = reverse("customer:alert-create", kwargs={"pk": record.product_id})
    response = client.post(url, {"email": ""})
    assert response.status_code == 302
    alert = ProductAlert.objects.get(product=record.product, user=shopper)
    assert alert.status == ProductAlert.ACTIVE
    # The page now says the alert is set, not the form again.
    assert "You have an active stock alert for this product." in product_page(client, record)

    # A second shopper, signed out, asks by e-mail: Oscar's confirmation first.
    mail.outbox.clear()
    Client().post(url, {"email": "someone@example.com"})
    assert ProductAlert.objects.filter(email="someone@example.com",
                                       status=ProductAlert.UNCONFIRMED).exists()

    # One piece sells at the stall... nothing is sent; the other comes back: the alert fires.
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        transfers.return_from_event(event=event, user=demo_user("admin"),
                                    lines=[(record.pk, 1)], note="unsold")
    record.refresh_from_db()
    assert record.num_in_stock == 1
    alert.refresh_from_db()
    assert alert.status == ProductAlert.CLOSED
    sent = [m for m in mail.outbox if shopper.email in m.to]
    assert len(sent) == 1
    assert record.product.title in sent[0].body or record.product.title in sent[0].subject
    assert 'data-testid="stall-notice"' not in product_page(Client(), record)


def test_no_alert_is_sent_while_the_pieces_stay_at_the_stall(
        at_the_stall, django_capture_on_commit_callbacks):
    event, record = at_the_stall
    shopper = demo_user("shopper")
    ProductAlert.objects.create(product=record.product, user=shopper, status=ProductAlert.ACTIVE)
    other = StockRecord.objects.get(product__upc="HAAT-TOTE-01")
    transfers.transfer_to_event(event=event, user=demo_user("admin"), lines=[(other.pk, 1)])
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        transfers.return_from_event(event=event, user=demo_user("admin"), lines=[(other.pk, 1)])
    assert not [m for m in mail.outbox if shopper.email in m.to]
    assert ProductAlert.objects.get(product=record.product, user=shopper).status == \
        ProductAlert.ACTIVE
