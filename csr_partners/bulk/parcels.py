"""What the parcels of a bulk order hold once credit notes and the workshop have had their say
(issue 18).

* A credit note for pieces that will not be supplied takes them off what is still to be packed:
  off the parcel it names (a row of the recipients file, waiting or packed), or else off the
  parcels still waiting, from the last row up (the pieces planned last). A parcel left with no
  piece is ``credited``: nothing to send. Each reduction is kept (``CreditedPieces``), so the
  note says which parcels it applies to. Pieces not supplied need not be made: the credit
  lowers the order's pieces still to make first.
* Pieces still being made cannot leave: the pieces ready to send are the pieces in parcels not
  yet sent less the pieces still to make, and a dispatch asking for more is refused whole. Staff
  record pieces arriving from the workshop (``record_pieces_made``).
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Sum
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from ..models.bulk import BulkOrder, Shipment
from ..models.parcels import CreditedPieces
from . import roles

NOT_SENT = (Shipment.WAITING, Shipment.PACKED)


def pieces_not_sent(bulk_order) -> int:
    return Shipment.objects.filter(bulk_order=bulk_order, status__in=NOT_SENT).aggregate(
        n=Sum("pieces"))["n"] or 0


def summary(bulk_order) -> dict[str, int]:
    """Pieces in parcels not yet sent, of which ready to send and still being made."""
    to_send = pieces_not_sent(bulk_order)
    making = min(bulk_order.pieces_to_make, to_send)
    return {"to_send": to_send, "ready": to_send - making, "being_made": making}


def require_ready(bulk_order, shipments) -> None:
    """Refuse to dispatch parcels holding pieces still being made, or nothing at all."""
    empty = [s for s in shipments if s.status == Shipment.CREDITED or not s.pieces]
    if empty:
        raise ValidationError(_("Nothing to send on row(s) %(r)s: every piece was credited.")
                              % {"r": ", ".join(str(s.recipient.row) for s in empty[:10])})
    wanted = sum(s.pieces for s in shipments if s.status in NOT_SENT)
    bulk_order.refresh_from_db(fields=["pieces_to_make"])
    ready = summary(bulk_order)["ready"]
    if wanted > ready:
        raise ValidationError(
            _("These parcels hold %(w)d pieces but only %(r)d are ready: %(m)d pieces of this "
              "order are still being made. Dispatch fewer parcels, or record the pieces made "
              "first.") % {"w": wanted, "r": ready, "m": bulk_order.pieces_to_make})


def take_credited_pieces(*, note, row: int | None = None) -> list[CreditedPieces]:
    """Inside the credit note's transaction: take the note's pieces (its lines of goods, not
    delivery) off the parcels still to be packed, or off the parcel on ``row``. ValidationError,
    and the note is not issued, when they do not hold that many."""
    pieces = note.lines.exclude(order_line_id=None).aggregate(n=Sum("quantity"))["n"] or 0
    if pieces <= 0:
        return []
    bulk = BulkOrder.objects.select_for_update().get(pk=note.bulk_order_id)
    parcels = Shipment.objects.select_for_update().filter(bulk_order=bulk).select_related(
        "recipient")
    if row is not None:
        parcels = list(parcels.filter(recipient__row=row))
        if not parcels:
            raise ValidationError(_("No parcel of this order is on row %(r)d.") % {"r": row})
        parcel = parcels[0]
        if parcel.status not in NOT_SENT or parcel.pieces < pieces:
            raise ValidationError(
                _("The parcel on row %(r)d holds %(n)d pieces not yet sent: it cannot take a "
                  "credit of %(p)d.") % {"r": row, "n": parcel.pieces if parcel.status in
                                         NOT_SENT else 0, "p": pieces})
    else:
        parcels = list(parcels.filter(status=Shipment.WAITING, pieces__gt=0).order_by(
            "-recipient__row"))
        waiting = sum(s.pieces for s in parcels)
        if waiting < pieces:
            raise ValidationError(ngettext(
                "Only %(n)d piece is still to be packed: name the parcel (row) the credit "
                "applies to.",
                "Only %(n)d pieces are still to be packed: name the parcel (row) the credit "
                "applies to.", waiting) % {"n": waiting})
    made, left = [], pieces
    for parcel in parcels:
        take = min(left, parcel.pieces)
        if not take:
            break
        parcel.pieces -= take
        if not parcel.pieces:
            parcel.status = Shipment.CREDITED
        made.append(CreditedPieces(credit_note=note, shipment=parcel, pieces=take))
        left -= take
    Shipment.objects.bulk_update([c.shipment for c in made], ["pieces", "status"])
    CreditedPieces.objects.bulk_create(made)
    BulkOrder.objects.filter(pk=bulk.pk).update(
        pieces_to_make=F("pieces_to_make") - min(pieces, bulk.pieces_to_make))
    return made


def record_pieces_made(*, user, bulk_order, pieces: int) -> int:
    """Pieces of the order arrived from the workshop: fewer still to make. Returns what is left
    to make."""
    roles.require_sales(user)
    if isinstance(pieces, bool) or not isinstance(pieces, int) or pieces <= 0:
        raise ValidationError(_("Enter how many pieces arrived, more than zero."))
    with transaction.atomic():
        bulk = BulkOrder.objects.select_for_update().get(pk=bulk_order.pk)
        if pieces > bulk.pieces_to_make:
            raise ValidationError(ngettext("Only %(n)d piece is still being made.",
                                           "Only %(n)d pieces are still being made.",
                                           bulk.pieces_to_make) % {"n": bulk.pieces_to_make})
        bulk.pieces_to_make -= pieces
        bulk.save(update_fields=["pieces_to_make"])
    return bulk.pieces_to_make


def credited_parcels(note) -> list[tuple[int, int]]:
    """[(row, pieces)] a credit note took off, for the note's page."""
    return [(c.shipment.recipient.row, c.pieces)
            for c in note.credited_parcels.select_related("shipment__recipient")]
