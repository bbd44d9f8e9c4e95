"""Reads of the exhibitions app: who may sell where, what an event holds, a day's takings, the
sales report, and the catalogue's "At an exhibition this week".

Access is decided here (DESIGN.md section 6), not in templates: event staff see their own events
only; dashboard staff with the exhibitions permission (or superusers) see all.
"""

from __future__ import annotations

import datetime
from collections import defaultdict

from django.core.cache import cache
from django.db.models import Count, Q, Sum
from django.http import Http404
from django.utils import timezone

from artisans import selectors as artisan_selectors

from .models import Event, EventDay, EventSale, EventSaleLine, EventStaff, EventStock

AT_EVENTS_CACHE_KEY = "exhibitions:products-at-events"
AT_EVENTS_TIMEOUT = 60 * 10
FEWER_THAN = 5


# --- Who may do what --------------------------------------------------------------------------
def is_organiser(user) -> bool:
    """Back-office staff who run events (create them, move stock, see every event)."""
    return bool(
        user and user.is_authenticated and user.is_active and user.is_staff
        and (user.is_superuser or user.has_perm("exhibitions.change_event"))
    )


def events_for_staff(user):
    """Events this user may sell at: the ones they are staff of (organisers: all)."""
    if not (user and user.is_authenticated and user.is_active):
        return Event.objects.none()
    if is_organiser(user):
        return Event.objects.all()
    return Event.objects.filter(staff__user=user)


def is_event_staff(user) -> bool:
    return events_for_staff(user).exists()


def event_for_staff(user, pk) -> Event:
    """The event if the user may sell there; a 404 otherwise (never a 403 that confirms it)."""
    event = events_for_staff(user).filter(pk=pk).first()
    if event is None:
        raise Http404
    return event


def may_close_days(user, event) -> bool:
    return is_organiser(user) or EventStaff.objects.filter(
        event=event, user=user, is_manager=True
    ).exists()


def current_events(today=None):
    """Events running today or starting within the week and not closed."""
    today = today or timezone.localdate()
    return Event.objects.filter(
        closed_at__isnull=True, ends_on__gte=today, starts_on__lte=today + datetime.timedelta(days=7)
    )


# --- Stock ------------------------------------------------------------------------------------
def held_stock(event):
    """What the event holds now, with what the point of sale shows (one query)."""
    return (
        EventStock.objects.filter(event=event)
        .select_related("product", "stockrecord", "stockrecord__partner")
        .order_by("product__title", "pk")
    )


def products_at_events() -> frozenset[int]:
    """Ids of products with pieces held at an event that is not closed. Cached (one query on a
    miss); every transfer, sale and return clears it (stock.stock_changed)."""
    ids = cache.get(AT_EVENTS_CACHE_KEY)
    if ids is None:
        ids = frozenset(
            EventStock.objects.filter(quantity__gt=0, event__closed_at__isnull=True)
            .values_list("product_id", flat=True)
        )
        cache.set(AT_EVENTS_CACHE_KEY, ids, AT_EVENTS_TIMEOUT)
    return ids


def is_at_an_event(product_id) -> bool:
    return product_id in products_at_events()


def is_sale_intent(intent_id: str) -> bool:
    """A card sale at a stall made this Stripe PaymentIntent (webhooks ask)."""
    return EventSale.objects.filter(intent_id=intent_id).exists()


# --- A day's takings --------------------------------------------------------------------------
def takings(day: EventDay) -> dict[str, int]:
    """{method: paise} of the paid sales of a day (one query)."""
    rows = (
        EventSale.objects.filter(day=day, status=EventSale.PAID)
        .values_list("method").annotate(s=Sum("total_paise")).order_by()
    )
    result = {EventSale.CASH: 0, EventSale.UPI: 0, EventSale.CARD: 0}
    result.update({method: total or 0 for method, total in rows})
    return result


def sales_of_day(day: EventDay):
    return (
        EventSale.objects.filter(day=day).select_related("concession", "sold_by")
        .prefetch_related("lines").order_by("-made_at")
    )


def days_of(event):
    return EventDay.objects.filter(event=event).order_by("date")


def open_day(event, date) -> EventDay | None:
    return EventDay.objects.filter(event=event, date=date).first()


# --- The sales report -------------------------------------------------------------------------
def sales_report(event) -> dict:
    """Pieces sold, revenue and concessions given, in all and per maker (pseudonyms), per
    method; figures from the paid sales (a fixed number of queries)."""
    paid = EventSale.objects.filter(event=event, status=EventSale.PAID)
    totals = paid.aggregate(
        sales=Count("id"), revenue=Sum("total_paise"), listed=Sum("list_total_paise"),
        concessions=Count("id", filter=Q(concession__isnull=False)),
    )
    by_method = dict(
        paid.values_list("method").annotate(s=Sum("total_paise")).order_by()
    )
    lines = list(
        EventSaleLine.objects.filter(sale__in=paid)
        .values_list("product_id", "title", "quantity", "list_unit_paise", "unit_paise")
    )
    maker_ids = artisan_selectors.maker_ids_by_product({row[0] for row in lines})
    artisans = artisan_selectors.artisans_by_id({a for ids in maker_ids.values() for a in ids})
    per_maker = defaultdict(lambda: {"pieces": 0, "revenue": 0, "concessions": 0})
    per_product = defaultdict(lambda: {"title": "", "pieces": 0, "revenue": 0})
    pieces = 0
    for product_id, title, quantity, list_unit, unit in lines:
        pieces += quantity
        row = per_product[product_id]
        row["title"] = title
        row["pieces"] += quantity
        row["revenue"] += unit * quantity
        names = [artisans[a].pseudonym for a in maker_ids.get(product_id, [])] or ["—"]
        for name in names:
            # A piece with two makers counts for each: the report is about their work.
            maker = per_maker[name]
            maker["pieces"] += quantity
            maker["revenue"] += unit * quantity
            maker["concessions"] += (list_unit - unit) * quantity
    return {
        "sales": totals["sales"] or 0,
        "pieces": pieces,
        "revenue": totals["revenue"] or 0,
        "concessions_paise": (totals["listed"] or 0) - (totals["revenue"] or 0),
        "concession_sales": totals["concessions"] or 0,
        "by_method": {m: by_method.get(m, 0) for m, _label in EventSale.METHODS},
        "per_maker": sorted(per_maker.items()),
        "per_product": sorted(per_product.values(), key=lambda r: r["title"]),
        "held": list(held_stock(event).filter(quantity__gt=0)),
    }


def stall_holding(product_id):
    """The open event holding pieces of this product that ends first (when a piece can come back
    to the shop soonest), or None. What a product page tells a shopper: the event's public name,
    its place (a college or a fair ground, never a shelter) and its last day. One query, made
    only on the product page of a piece that is at an event."""
    return (
        Event.objects.filter(
            closed_at__isnull=True, stock__product_id=product_id, stock__quantity__gt=0
        )
        .only("name", "place", "starts_on", "ends_on")
        .order_by("ends_on", "pk")
        .first()
    )
