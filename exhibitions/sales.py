"""A sale at the stall, top-down (issue 12): checked and priced on the server, recorded once,
the card charged, the Oscar order written; then its receipt. Bad input raises ValidationError
with a message fit for staff, before anything is written (or inside the transaction, which then
rolls back whole).

* A sale is one Oscar order ("EV-…", no user, no shipping, status Paid) so that the order
  dashboard, Oscar's reports and the ledger's order lines see one kind of sale. Its id is the
  UUID the phone made for it: a sale sent twice (the network came back) is recorded once and
  the second send gets the first answer.
* Cash and UPI sales are paid when they arrive (staff confirmed the money); a card is charged
  here, through commerce.payments, and a refusal gives the pieces back to the event.
* The ledger is written when the day is closed (``reconciliation.close_day``), not here.
"""

from __future__ import annotations

import datetime
import logging
import uuid
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.conf import settings
from django.contrib.sites.models import Site
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from oscar.apps.order.signals import order_placed
from oscar.core.loading import get_model

from catalogue.money import rupees, to_paise
from commerce import payments

from .models import Concession, EventDay, EventSale, EventSaleLine, EventStock
from .stock import merge_lines, stock_changed

logger = logging.getLogger("exhibitions")

Order = get_model("order", "Order")
Line = get_model("order", "Line")
LinePrice = get_model("order", "LinePrice")
OrderNote = get_model("order", "OrderNote")
SourceType = get_model("payment", "SourceType")
Source = get_model("payment", "Source")
PaymentEventType = get_model("order", "PaymentEventType")
PaymentEvent = get_model("order", "PaymentEvent")

PAID_STATUS = "Paid"
MAX_PIECES_PER_LINE = 50
# A phone's clock may run a little ahead; a sale "made" further in the future is refused.
CLOCK_SKEW = datetime.timedelta(minutes=10)


# --- 1. the sale, as the phone sends it -----------------------------------------------------------
def record_sale(*, event, user, sale_id, made_at, method, lines, concession_id=None,
                percent=None, reason="", expected_total_paise=None, payment_method=""):
    """Record a sale made on a phone at the stall. Returns (sale, created).

    ``sale_id`` is the phone's UUID: sending the same sale again returns the first one
    (``created`` False), whatever the second send holds. Cash and UPI sales are paid when they
    arrive (staff confirmed the money); a card is charged here, through commerce.payments.
    """
    try:
        sale_id = uuid.UUID(str(sale_id))
    except (TypeError, ValueError, AttributeError):
        raise ValidationError(_("The sale has no valid id.")) from None
    existing = EventSale.objects.filter(pk=sale_id).first()
    if existing is not None:
        if existing.event_id != event.pk:
            raise ValidationError(_("That sale belongs to another event."))
        return existing, False
    if event.is_closed:
        raise ValidationError(_("This event is closed."))
    if method not in dict(EventSale.METHODS):
        raise ValidationError(_("Choose cash, UPI or card."))
    when, date = _made_at(made_at, event)
    rows, concession, percent_off, list_total, total = price_sale(
        event=event, lines=lines, concession_id=concession_id, percent=percent, reason=reason
    )
    if expected_total_paise is not None:
        try:
            expected = int(expected_total_paise)
        except (TypeError, ValueError):
            raise ValidationError(_("The total sent by the phone is not a number.")) from None
        if expected != total:
            raise ValidationError(
                _("The phone's total (₹%(a)s) is not the shop's (₹%(b)s): a price changed. "
                  "Nothing was recorded; start the sale again.")
                % {"a": rupees(expected), "b": rupees(total)}
            )
    if method == EventSale.CARD and not payment_method:
        raise ValidationError(_("The card details did not arrive; please enter the card again."))
    if method == EventSale.CARD and total <= 0:
        raise ValidationError(_("A card payment must be more than ₹0."))
    try:
        with transaction.atomic():
            day, _created = EventDay.objects.get_or_create(event=event, date=date)
            if day.is_closed:
                raise ValidationError(
                    _("%(d)s was closed and reconciled already; this sale cannot be added to it. "
                      "Ask the organiser.") % {"d": date}
                )
            sale = EventSale.objects.create(
                id=sale_id, event=event, day=day, sold_by=user, made_at=when, method=method,
                status=EventSale.PENDING if method == EventSale.CARD else EventSale.PAID,
                list_total_paise=list_total, total_paise=total, concession=concession,
                concession_percent=percent_off,
                concession_reason=(reason or "").strip()[:200] if concession else "",
            )
            EventSaleLine.objects.bulk_create(
                EventSaleLine(sale=sale, stockrecord_id=row.stockrecord_id,
                              product_id=row.product_id, title=row.product.title,
                              quantity=quantity, list_unit_paise=list_unit, unit_paise=unit)
                for row, quantity, list_unit, unit in rows
            )
            for row, quantity, _lu, _u in sorted(rows, key=lambda r: r[0].pk):
                if not EventStock.objects.filter(pk=row.pk, quantity__gte=quantity).update(
                    quantity=F("quantity") - quantity
                ):
                    raise ValidationError(
                        _("“%(title)s” has just been sold by another phone.")
                        % {"title": row.product.title}
                    )
            stock_changed({row.stockrecord_id for row, *_rest in rows})
            if sale.status == EventSale.PAID:
                _place_order(sale)
    except IntegrityError:
        # The same sale arrived twice at once: the first insert won; answer with it.
        existing = EventSale.objects.filter(pk=sale_id).first()
        if existing is None:
            raise
        return existing, False
    if method == EventSale.CARD:
        _charge_card(sale, payment_method)
        sale.refresh_from_db()
    return sale, True


# --- 2. checked and priced on the server ----------------------------------------------------------
def _made_at(value, event):
    when = value if isinstance(value, datetime.datetime) else parse_datetime(str(value or ""))
    if when is None:
        raise ValidationError(_("The sale has no valid time."))
    if timezone.is_naive(when):
        when = timezone.make_aware(when)
    if when > timezone.now() + CLOCK_SKEW:
        raise ValidationError(_("The sale's time is in the future: check the phone's clock."))
    date = timezone.localdate(when)
    if not (event.starts_on <= date <= event.ends_on):
        raise ValidationError(
            _("%(event)s runs from %(a)s to %(b)s; a sale on %(d)s cannot be recorded there.")
            % {"event": event.name, "a": event.starts_on, "b": event.ends_on, "d": date}
        )
    return when, date


def price_sale(*, event, lines, concession_id=None, percent=None, reason=""):
    """Check a sale and price it on the server: the phone's prices are never trusted.

    Returns (rows, concession, percent, list_total, total) where rows are
    (EventStock, quantity, list unit paise, paid unit paise). Raises ValidationError: a piece
    not transferred to this event, more pieces than the event holds, a concession that is not
    this event's, above its limit or without a reason.
    """
    wanted = merge_lines(lines)  # by product id
    held = {
        h.product_id: h for h in EventStock.objects.filter(event=event, product_id__in=list(wanted))
        .select_related("product", "stockrecord")
    }
    concession = None
    percent_off = Decimal("0")
    if concession_id not in (None, "", 0, "0"):
        try:
            concession = Concession.objects.get(pk=int(concession_id), event=event, is_active=True)
        except (Concession.DoesNotExist, TypeError, ValueError):
            raise ValidationError(_("That concession does not apply at this event.")) from None
        percent_off = _percent(percent if percent not in (None, "") else
                               concession.max_percent_off)
        if percent_off <= 0:
            raise ValidationError(_("A concession must take something off the price."))
        if percent_off > concession.max_percent_off:
            raise ValidationError(
                _("“%(name)s” allows at most %(max)s%% off, not %(p)s%%.")
                % {"name": concession.name, "max": concession.max_percent_off, "p": percent_off}
            )
        if len((reason or "").strip()) < 3:
            raise ValidationError(_("Give the reason for the concession (e.g. student ID seen)."))
    elif percent not in (None, "", 0, "0") and _percent(percent) != 0:
        raise ValidationError(_("Choose which concession applies."))
    rows = []
    for product_id, quantity in wanted.items():
        row = held.get(product_id)
        if row is None:
            raise ValidationError(
                _("This piece was not transferred to this event, so it cannot be sold here.")
            )
        if quantity > MAX_PIECES_PER_LINE:
            raise ValidationError(_("At most %(n)d pieces per line.") % {"n": MAX_PIECES_PER_LINE})
        if quantity > row.quantity:
            raise ValidationError(
                _("Only %(n)d of “%(title)s” left at the event.")
                % {"n": row.quantity, "title": row.product.title}
            )
        if row.stockrecord.price is None:
            raise ValidationError(_("“%(title)s” has no price.") % {"title": row.product.title})
        list_unit = to_paise(row.stockrecord.price)
        unit = list_unit - concession_paise(list_unit, percent_off)
        rows.append((row, quantity, list_unit, unit))
    list_total = sum(q * lu for _r, q, lu, _u in rows)
    total = sum(q * u for _r, q, _lu, u in rows)
    return rows, concession, percent_off, list_total, total


def _percent(value) -> Decimal:
    try:
        percent = Decimal(str(value)).quantize(Decimal("0.01"))
    except (InvalidOperation, ValueError):
        raise ValidationError(_("The concession must be a number (percent off).")) from None
    if not percent.is_finite():
        raise ValidationError(_("The concession must be a number (percent off)."))
    return percent


def concession_paise(list_unit_paise: int, percent: Decimal) -> int:
    """The concession on one piece, in paise, half up (never through a float)."""
    return int((Decimal(list_unit_paise) * percent / 100).quantize(Decimal("1"),
                                                                    rounding=ROUND_HALF_UP))


# --- 3. the card ----------------------------------------------------------------------------------
def _charge_card(sale, payment_method):
    """Authorise and capture the card for the sale (the same Stripe calls as the online
    checkout); a refusal gives the pieces back to the event's stock."""
    try:
        intent = payments.create_authorisation(
            amount_paise=sale.total_paise, currency="INR", payment_method=payment_method,
            idempotency_key=f"haat-event-sale-{sale.pk}",
            metadata={"event_sale": sale.reference, "event": sale.event_id},
        )
    except payments.CardDeclined as exc:
        if exc.intent_id:
            EventSale.objects.filter(pk=sale.pk).update(intent_id=exc.intent_id)
        return _fail(sale, str(exc) or _("The card was declined. No money has been taken."))
    except payments.PaymentError as exc:
        logger.error("Event sale %s: Stripe refused the intent: %s", sale.reference, exc)
        return _fail(sale, _("The card payment could not be taken; no money was taken. "
                             "Take cash or UPI."))
    EventSale.objects.filter(pk=sale.pk).update(intent_id=intent.id)
    if intent.status == "requires_action" or not intent.matches(sale.total_paise, "INR"):
        _cancel(intent.id)
        return _fail(sale, _("This card asks for a check by the bank that the stall cannot do. "
                             "No money was taken; take cash or UPI."))
    try:
        if intent.status == "requires_capture":
            intent = payments.capture(intent.id, idempotency_key=f"haat-event-sale-{sale.pk}-cap")
    except payments.PaymentError:
        logger.exception("Event sale %s: capture failed", sale.reference)
        _cancel(intent.id)
        return _fail(sale, _("The card payment could not be completed; no money was taken."))
    if intent.status != "succeeded":
        _cancel(intent.id)
        return _fail(sale, _("The card payment could not be completed; no money was taken."))
    with transaction.atomic():
        locked = EventSale.objects.select_for_update().get(pk=sale.pk)
        if locked.status == EventSale.PENDING:
            locked.status = EventSale.PAID
            locked.intent_id = intent.id
            locked.save(update_fields=["status", "intent_id"])
            _place_order(locked)


def _cancel(intent_id):
    try:
        payments.cancel(intent_id)
    except payments.PaymentError:
        logger.exception("Could not cancel %s", intent_id)


def _fail(sale, message):
    """The card was not paid: the sale stays on record as not paid and its pieces go back to
    the event's stock."""
    with transaction.atomic():
        locked = EventSale.objects.select_for_update().get(pk=sale.pk)
        if locked.status != EventSale.PENDING:
            return
        locked.status, locked.message = EventSale.FAILED, str(message)[:255]
        locked.save(update_fields=["status", "message"])
        lines = list(locked.lines.all())
        for line in lines:
            EventStock.objects.filter(event_id=locked.event_id,
                                      stockrecord_id=line.stockrecord_id).update(
                quantity=F("quantity") + line.quantity)
        stock_changed({line.stockrecord_id for line in lines})


# --- 4. the Oscar order of a paid sale ------------------------------------------------------------
def _place_order(sale):
    """The Oscar order of a paid sale (inside the caller's transaction)."""
    total = rupees(sale.total_paise)
    order = Order.objects.create(
        number=sale.reference, site=Site.objects.get_current(), currency="INR",
        total_incl_tax=total, total_excl_tax=total, shipping_incl_tax=Decimal("0.00"),
        shipping_excl_tax=Decimal("0.00"), shipping_method=_("Sold at an exhibition"),
        shipping_code="exhibition", status=PAID_STATUS, date_placed=sale.made_at,
    )
    lines = list(sale.lines.select_related("stockrecord__partner", "product"))
    for line in lines:
        record = line.stockrecord
        # No stock record on the order line: the pieces left the stock record when they went to
        # the event, and Oscar's shipping events must not take them out a second time.
        order_line = Line.objects.create(
            order=order, partner=record.partner, partner_name=record.partner.name,
            partner_sku=record.partner_sku, stockrecord=None, product=line.product,
            title=line.title, upc=line.product.upc, quantity=line.quantity,
            line_price_incl_tax=rupees(line.unit_paise * line.quantity),
            line_price_excl_tax=rupees(line.unit_paise * line.quantity),
            line_price_before_discounts_incl_tax=rupees(line.list_unit_paise * line.quantity),
            line_price_before_discounts_excl_tax=rupees(line.list_unit_paise * line.quantity),
            unit_price_incl_tax=rupees(line.unit_paise),
            unit_price_excl_tax=rupees(line.unit_paise),
            status=PAID_STATUS, num_allocated=0,
        )
        LinePrice.objects.create(
            order=order, line=order_line, quantity=line.quantity,
            price_incl_tax=rupees(line.unit_paise), price_excl_tax=rupees(line.unit_paise),
        )
    source_type, _c = SourceType.objects.get_or_create(
        code=f"exhibition-{sale.method}",
        defaults={"name": f"Exhibition: {sale.get_method_display()}"},
    )
    Source.objects.create(
        order=order, source_type=source_type, currency="INR", amount_allocated=total,
        amount_debited=total, reference=sale.intent_id or sale.reference,
    )
    event_type, _c = PaymentEventType.objects.get_or_create(name="Paid at an exhibition")
    PaymentEvent.objects.create(order=order, event_type=event_type, amount=total,
                                reference=sale.intent_id or sale.reference)
    note = f"Sold at {sale.event.name} by {sale.sold_by.get_username()} ({sale.method})"
    if sale.concession_id:
        note += (f"; concession {sale.concession.name} {sale.concession_percent}%: "
                 f"{sale.concession_reason}")
    OrderNote.objects.create(order=order, user=sale.sold_by, note_type="System", message=note)
    EventSale.objects.filter(pk=sale.pk).update(order=order)
    sale.order = order
    order_placed.send(sender=EventSale, order=order, user=None)
    return order


# --- 5. its receipt -------------------------------------------------------------------------------
def receipt_token(sale) -> str:
    from django.core import signing

    return signing.dumps(str(sale.pk), salt="exhibitions.receipt", compress=True)


def sale_from_receipt_token(token, max_age=None):
    from django.core import signing

    max_age = max_age or getattr(settings, "EXHIBITIONS_RECEIPT_DAYS", 90) * 86400
    try:
        sale_id = signing.loads(token, salt="exhibitions.receipt", max_age=max_age)
    except signing.BadSignature:
        return None
    return EventSale.objects.filter(pk=sale_id, status=EventSale.PAID).first()
