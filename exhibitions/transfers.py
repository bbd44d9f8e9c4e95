"""Stock to an event and back (issue 12). Bad input raises ValidationError with a message fit
for staff, before anything is written (or inside the transaction, which then rolls back whole).

A transfer takes pieces off the shelter's stock record at once, with the same conditional UPDATE
that guards the last piece online (``StockRecord.withdraw_or_fail``): pieces reserved by an
online order are never taken, and an online buyer racing a transfer for the last piece either
gets it or finds it gone. The event then holds them (``EventStock``); a return puts them back on
the shelf, and tells whoever asked to hear when a piece is back online.
"""

from __future__ import annotations

import logging

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext as _
from oscar.core.loading import get_class, get_model

from . import selectors
from .models import EventStock, StockTransfer, StockTransferLine
from .stock import merge_lines, stock_changed

logger = logging.getLogger("exhibitions")

StockRecord = get_model("partner", "StockRecord")
InsufficientStock = get_class("partner.models", "InsufficientStock")
Product = get_model("catalogue", "Product")


def transfer_to_event(*, event, user, lines, note="") -> StockTransfer:
    """Move pieces from the shelters' stock records to the event. ``lines``: [(stock record id,
    quantity)]. All or nothing: if one line cannot go, none does."""
    if event.is_closed:
        raise ValidationError(_("This event is closed."))
    wanted = merge_lines(lines)
    records = {r.pk: r for r in StockRecord.objects.filter(pk__in=wanted).select_related("product")}
    if missing := set(wanted) - set(records):
        raise ValidationError(_("Unknown stock record: %(ids)s.") % {"ids": sorted(missing)})
    with transaction.atomic():
        transfer = StockTransfer.objects.create(
            event=event, direction=StockTransfer.TO_EVENT, created_by=user, note=note[:200]
        )
        # Stock-record order, like the order creator, so concurrent writers lock in one order.
        for record_id in sorted(wanted):
            quantity, record = wanted[record_id], records[record_id]
            try:
                StockRecord.withdraw_or_fail(record_id, quantity)
            except InsufficientStock:
                record.refresh_from_db()
                free = max((record.num_in_stock or 0) - (record.num_allocated or 0), 0)
                raise ValidationError(
                    _("Only %(n)d of “%(title)s” can go to the event: the rest are sold or "
                      "reserved for online orders.") % {"n": free, "title": record.product.title}
                ) from None
            held, _created = EventStock.objects.get_or_create(
                event=event, stockrecord=record, defaults={"product": record.product}
            )
            EventStock.objects.filter(pk=held.pk).update(quantity=F("quantity") + quantity)
            StockTransferLine.objects.create(
                transfer=transfer, stockrecord=record, product=record.product, quantity=quantity
            )
        stock_changed(wanted)
    logger.info("Transfer #%s: %s pieces to event %s", transfer.pk, sum(wanted.values()), event.pk)
    return transfer


def return_from_event(*, event, user, lines, note="") -> StockTransfer:
    """Move unsold pieces from the event back to their stock records. ``lines``: [(stock record
    id, quantity)]; more than the event holds is refused."""
    wanted = merge_lines(lines)
    with transaction.atomic():
        transfer = StockTransfer.objects.create(
            event=event, direction=StockTransfer.BACK, created_by=user, note=note[:200]
        )
        held = {
            h.stockrecord_id: h for h in EventStock.objects.filter(
                event=event, stockrecord_id__in=list(wanted)).select_related("product")
        }
        for record_id in sorted(wanted):
            quantity = wanted[record_id]
            row = held.get(record_id)
            taken = row is not None and EventStock.objects.filter(
                pk=row.pk, quantity__gte=quantity
            ).update(quantity=F("quantity") - quantity)
            if not taken:
                raise ValidationError(
                    _("The event holds only %(n)d of “%(title)s”.")
                    % {"n": row.quantity if row else 0,
                       "title": row.product.title if row else record_id}
                )
            StockRecord.put_back(record_id, quantity)
            StockTransferLine.objects.create(
                transfer=transfer, stockrecord_id=record_id, product=row.product,
                quantity=quantity,
            )
        stock_changed(wanted)
        product_ids = {row.product_id for row in held.values()}
        transaction.on_commit(lambda: _tell_who_asked(product_ids))
    return transfer


def _tell_who_asked(product_ids):
    """Pieces are back online: Oscar's stock alerts ("Email me when it is back online") are sent.

    Oscar sends them from a stock record's post_save; pieces coming back from a stall are
    counted with a conditional UPDATE that sends no signal, so the alerts are sent here, once
    the stock is committed (Oscar's dispatcher checks each product is now available to buy).
    """
    dispatcher = get_class("customer.alerts.utils", "AlertsDispatcher")()
    for product in Product.objects.filter(pk__in=product_ids).prefetch_related("stockrecords"):
        try:
            dispatcher.send_product_alert_email_for_user(product)
        except Exception:  # an e-mail that fails to send must not undo the pieces' return
            logger.exception("Stock alerts for product %s could not be sent", product.pk)


def return_everything(*, event, user, note="") -> StockTransfer | None:
    lines = [(h.stockrecord_id, h.quantity) for h in selectors.held_stock(event) if h.quantity]
    if not lines:
        return None
    return return_from_event(event=event, user=user, lines=lines, note=note)
