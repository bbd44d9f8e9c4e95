"""Which parcel a credit note took pieces off (issue 18): a credit note for pieces that will
not be supplied reduces what is still to be packed, and says so parcel by parcel."""

from django.db import models
from django.db.models import Q


class CreditedPieces(models.Model):
    credit_note = models.ForeignKey("csr_partners.TaxInvoice", on_delete=models.PROTECT,
                                    related_name="credited_parcels")
    shipment = models.ForeignKey("csr_partners.Shipment", on_delete=models.PROTECT,
                                 related_name="credits")
    pieces = models.PositiveIntegerField()

    class Meta:
        ordering = ["id"]
        constraints = [
            models.CheckConstraint(condition=Q(pieces__gt=0), name="credited_pieces_positive"),
            models.UniqueConstraint(fields=["credit_note", "shipment"],
                                    name="one_credit_per_note_and_parcel"),
        ]

    def __str__(self):
        return f"{self.pieces} pieces off shipment #{self.shipment_id}"
