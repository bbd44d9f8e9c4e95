"""The close of a stall's day (issue 12): the money counted against the day's sales, and the
ledger written. Each paid sale goes through ``payouts.in_person.post_sale`` (the split of each
unit by payouts/splitting.py, as an online capture), and any difference between expected and
counted money through ``payouts.in_person.post_takings_difference`` (the organisation's loss or
gain: a shortfall never comes out of a maker's share). Bad input raises ValidationError with a
message fit for staff, before anything is written.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from catalogue.money import to_paise
from payouts import in_person

from . import selectors
from .models import EventDay, EventSale


def parse_rupees(value, label) -> int:
    """A counted amount typed by staff ("1,250.50", "1250") to paise; anything else refused."""
    text = str(value if value is not None else "").replace(",", "").replace("₹", "").strip()
    try:
        amount = Decimal(text)
    except InvalidOperation:
        amount = None
    if amount is None or not amount.is_finite() or amount < 0 or amount != amount.quantize(
            Decimal("0.01")):
        raise ValidationError(
            _("%(label)s must be an amount in rupees, like 1250 or 1250.50.") % {"label": label}
        )
    return to_paise(amount)


def close_day(*, day, user, counted_cash_paise: int, counted_upi_paise: int, reason=""):
    """Reconcile and close one day: record the counts and differences, post every paid sale of
    the day to the ledger and any difference as the organisation's. Closing twice is refused."""
    reason = (reason or "").strip()
    with transaction.atomic():
        EventDay.objects.filter(pk=day.pk).update(status=F("status"))  # take the row lock
        day = (EventDay.objects.select_for_update(of=("self",))
               .select_related("event", "closed_by").get(pk=day.pk))
        if day.is_closed:
            raise ValidationError(
                _("%(d)s was closed already (by %(who)s at %(when)s).")
                % {"d": day.date, "who": day.closed_by.get_username() if day.closed_by else "?",
                   "when": timezone.localtime(day.closed_at).strftime("%H:%M")}
            )
        if EventSale.objects.filter(day=day, status=EventSale.PENDING).exists():
            raise ValidationError(_("A card payment is still being taken; close the day after it."))
        taken = selectors.takings(day)
        cash_diff = counted_cash_paise - taken[EventSale.CASH]
        upi_diff = counted_upi_paise - taken[EventSale.UPI]
        if (cash_diff or upi_diff) and len(reason) < 3:
            raise ValidationError(
                _("The counted money differs from the sales: give the reason for the difference.")
            )
        day.expected_cash_paise = taken[EventSale.CASH]
        day.expected_upi_paise = taken[EventSale.UPI]
        day.card_paise = taken[EventSale.CARD]
        day.counted_cash_paise = counted_cash_paise
        day.counted_upi_paise = counted_upi_paise
        day.difference_reason = reason[:300]
        day.status, day.closed_by, day.closed_at = EventDay.CLOSED, user, timezone.now()
        day.save()
        sales = list(
            EventSale.objects.filter(day=day, status=EventSale.PAID, posted=False)
            .select_related("order").order_by("made_at", "pk")
        )
        for sale in sales:
            in_person.post_sale(
                order=sale.order,
                key=sale.intent_id if sale.method == EventSale.CARD else f"event-sale:{sale.pk}",
                received_into=sale.method, amount_paise=sale.total_paise, paid_at=sale.made_at,
                user=user,
            )
        EventSale.objects.filter(pk__in=[s.pk for s in sales]).update(posted=True)
        in_person.post_takings_difference(
            key=f"event-day:{day.pk}:difference",
            reference=f"event:{day.event_id}:{day.date.isoformat()}",
            cash_paise=cash_diff, upi_paise=upi_diff,
            memo=f"{day.event.name}, {day.date}: counted vs sales. {reason}"[:300], user=user,
        )
    return day
