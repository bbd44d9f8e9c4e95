"""Writes of a placed bulk order's parcels: packed, dispatched (each with the carrier's
reference) and delivered, only forwards, and never a piece still being made
(``parcels.require_ready``). One UPDATE (or one bulk update) whatever the number of parcels."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ..models.bulk import BulkOrder, Shipment
from . import roles
from .parcels import require_ready
from .signals import announce


def update_shipments(*, user, bulk_order: BulkOrder, shipment_ids, status: str, carrier="",
                     carrier_reference="") -> int:
    """Mark shipments packed, dispatched (with the carrier's reference) or delivered, in one
    UPDATE; moves only forwards."""
    roles.require_sales(user)
    order = [Shipment.WAITING, Shipment.PACKED, Shipment.DISPATCHED, Shipment.DELIVERED]
    if status not in order[1:]:
        raise ValidationError(_("Choose packed, dispatched or delivered."))
    carrier_reference = " ".join((carrier_reference or "").split())
    if status == Shipment.DISPATCHED and not carrier_reference:
        raise ValidationError(_("A dispatched parcel needs the carrier's reference."))
    earlier = order[: order.index(status)]
    now = timezone.now()
    fields = {"status": status, f"{status}_at": now}
    qs = Shipment.objects.filter(bulk_order=bulk_order, pk__in=list(shipment_ids),
                                 status__in=earlier)
    if status == Shipment.DISPATCHED:
        fields.update(carrier=carrier[:60], carrier_reference=carrier_reference[:60])
        require_ready(bulk_order, list(qs.select_related("recipient")))
    if status == Shipment.DELIVERED:
        qs = qs.exclude(carrier_reference="")
    with transaction.atomic():
        updated = qs.update(**fields)
        if updated and status == Shipment.DISPATCHED:
            announce("dispatched", bulk_order.pk)
    return updated


def dispatch_parcels(*, user, bulk_order: BulkOrder, carrier: str, references) -> int:
    """Dispatch parcels with each one's own carrier reference: ``references`` is [(row of the
    recipients file, reference)]. One read and one bulk update, whatever the number."""
    roles.require_sales(user)
    carrier = " ".join((carrier or "").split())[:60]
    if not carrier:
        raise ValidationError(_("Name the carrier."))
    wanted = {}
    for row, reference in references:
        reference = " ".join(str(reference).split())
        if not reference:
            raise ValidationError(_("Row %(r)s has no carrier reference.") % {"r": row})
        wanted[int(row)] = reference[:60]
    shipments = list(bulk_order.shipments.select_related("recipient").filter(
        recipient__row__in=list(wanted)))
    found = {s.recipient.row for s in shipments}
    unknown = sorted(set(wanted) - found)
    if unknown:
        raise ValidationError(_("No parcel of this order is on row(s) %(r)s.")
                              % {"r": ", ".join(map(str, unknown[:10]))})
    done = [s for s in shipments if s.status in (Shipment.DISPATCHED, Shipment.DELIVERED)]
    if done:
        raise ValidationError(_("Already dispatched: row(s) %(r)s.")
                              % {"r": ", ".join(str(s.recipient.row) for s in done[:10])})
    require_ready(bulk_order, shipments)  # no piece still being made leaves
    now = timezone.now()
    for s in shipments:
        s.status, s.carrier, s.carrier_reference = Shipment.DISPATCHED, carrier, \
            wanted[s.recipient.row]
        s.dispatched_at, s.packed_at = now, s.packed_at or now
    with transaction.atomic():
        Shipment.objects.bulk_update(
            shipments, ["status", "carrier", "carrier_reference", "dispatched_at", "packed_at"],
            batch_size=500)
        announce("dispatched", bulk_order.pk)
    return len(shipments)
