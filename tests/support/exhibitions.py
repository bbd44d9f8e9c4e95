"""Exhibitions test data and steps (issue 12): a stall this week with a student concession and
the shelter's staff to sell there, a tote in stock, the organiser's transfers and the phone's
sales, as the dashboard and the point of sale send them."""

import datetime
import json
import uuid
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from oscar.core.loading import get_model

from exhibitions import sales
from exhibitions.models import Concession, Event, EventSale, EventStaff, EventStock
from storefront.demo.accounts import DEMO_EMAIL_DOMAIN
from tests.support.auth import sign_in

StockRecord = get_model("partner", "StockRecord")

UPC = "HAAT-TOTE-01"  # ₹850


def user(role):
    return get_user_model().objects.get(email=f"{role}@{DEMO_EMAIL_DOMAIN}")


def signed_in(role):
    return sign_in(Client(), user(role))


def tote_in_stock():
    """The tote's stock record: ten in stock, none reserved."""
    record = StockRecord.objects.get(product__upc=UPC)
    StockRecord.objects.filter(pk=record.pk).update(num_in_stock=10, num_allocated=0)
    record.refresh_from_db()
    return record


def college_fest():
    """A two-day stall from today, a student concession of up to 20%, the shelter's staff."""
    today = timezone.localdate()
    event = Event.objects.create(name="College fest", place="Presidency University, Kolkata",
                                 starts_on=today, ends_on=today + datetime.timedelta(days=1))
    Concession.objects.create(event=event, name="Student price", max_percent_off=Decimal("20"))
    EventStaff.objects.create(event=event, user=user("shelter-staff"), is_manager=True)
    return event


def transfer(organiser, event, record, n, direction="to_event"):
    return organiser.post(
        reverse("exhibitions-dashboard:event-transfer",
                kwargs={"pk": event.pk, "direction": direction}),
        {f"qty-{record.pk}": str(n), "note": "for the stall"},
    )


def sale_body(record, quantity=1, method="cash", *, sale_id=None, concession=None, percent=None,
              reason="", total=None, payment_method=""):
    unit = int(record.price * 100)
    if concession is not None and total is None:
        unit -= sales.concession_paise(unit, Decimal(percent))
    return {
        "id": str(sale_id or uuid.uuid4()), "made_at": timezone.now().isoformat(),
        "method": method, "lines": [{"product": record.product_id, "quantity": quantity}],
        "concession": concession, "percent": percent, "reason": reason,
        "total_paise": unit * quantity if total is None else total,
        "payment_method": payment_method,
    }


def sell(client, event, body):
    return client.post(reverse("exhibitions:sale-api", kwargs={"pk": event.pk}),
                       data=json.dumps(body), content_type="application/json")


def nothing_sold(event, record, held=3):
    assert EventSale.objects.filter(event=event).count() == 0
    assert EventStock.objects.get(event=event, stockrecord=record).quantity == held
