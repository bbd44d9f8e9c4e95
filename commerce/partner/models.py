"""Oscar's partner models with a stock record that cannot be oversold.

Plain Oscar 4.2 ``StockRecord.allocate()`` adds to ``num_allocated`` with no check against
``num_in_stock`` and no lock (DESIGN.md section 5). Here allocation is one conditional UPDATE
that succeeds only while stock remains, and the database refuses any row where more is
allocated than is in stock.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _
from oscar.apps.partner.abstract_models import AbstractStockRecord
from oscar.apps.partner.exceptions import InvalidStockAdjustment


def _stock_changed():
    """These conditional UPDATEs send no model signal: ``signals.stock_changed`` says so, and
    the whole-page cache retires its pages (a sold piece is never shown as available)."""
    from .signals import stock_changed

    stock_changed.send(sender=StockRecord)


class InsufficientStock(InvalidStockAdjustment):
    """The piece has just been sold: fewer remain than the order needs."""

    def __init__(self, stockrecord_ids):
        self.stockrecord_ids = list(stockrecord_ids)
        super().__init__(_("This piece has just been sold."))


class StockRecord(AbstractStockRecord):
    class Meta(AbstractStockRecord.Meta):
        constraints = [
            models.CheckConstraint(
                condition=Q(num_allocated__isnull=True)
                | Q(num_in_stock__isnull=True)
                | Q(num_allocated__lte=F("num_in_stock")),
                name="stockrecord_allocated_within_stock",
                violation_error_message=_("More pieces are allocated than are in stock."),
            ),
            models.CheckConstraint(
                condition=Q(num_allocated__isnull=True) | Q(num_allocated__gte=0),
                name="stockrecord_allocated_not_negative",
            ),
        ]

    def clean(self):
        """Staff editing stock (Oscar's dashboard form has no num_allocated field, so Django
        cannot check the constraint itself) get a message, not a database error."""
        super().clean()
        if self.pk is None or self.num_in_stock is None:
            return
        allocated = (
            type(self).objects.filter(pk=self.pk).values_list("num_allocated", flat=True).first()
        )
        if allocated and self.num_in_stock < allocated:
            raise ValidationError(
                {
                    "num_in_stock": _(
                        "%(n)s pieces are reserved for orders not yet shipped; the stock cannot "
                        "be less than that."
                    )
                    % {"n": allocated}
                }
            )

    @classmethod
    def allocate_or_fail(cls, stockrecord_id, quantity):
        """Allocate ``quantity`` pieces if that many remain; else raise InsufficientStock.

        One UPDATE whose WHERE clause holds the stock check, so two buyers can never both
        take the last piece: the second UPDATE waits for the first row lock, re-reads the row
        and matches nothing. Call it inside the transaction that places the order, in
        stock-record order, so concurrent orders take their row locks in the same order.
        """
        updated = cls.objects.filter(
            pk=stockrecord_id,
            num_in_stock__gte=Coalesce(F("num_allocated"), 0) + quantity,
        ).update(num_allocated=Coalesce(F("num_allocated"), 0) + quantity)
        if updated != 1:
            raise InsufficientStock([stockrecord_id])
        _stock_changed()

    @classmethod
    def withdraw_or_fail(cls, stockrecord_id, quantity):
        """Take ``quantity`` unreserved pieces off the shelf (they go to an exhibition), or raise
        InsufficientStock. The same one-UPDATE check as ``allocate_or_fail``: pieces reserved
        by an online order are never taken, and an online buyer racing a transfer for the last
        piece either gets it or finds it gone. Touching date_updated re-keys the cached cards."""
        from django.utils import timezone

        updated = cls.objects.filter(
            pk=stockrecord_id,
            num_in_stock__gte=Coalesce(F("num_allocated"), 0) + quantity,
        ).update(num_in_stock=F("num_in_stock") - quantity, date_updated=timezone.now())
        if updated != 1:
            raise InsufficientStock([stockrecord_id])
        _stock_changed()

    @classmethod
    def put_back(cls, stockrecord_id, quantity):
        """``quantity`` pieces come back on the shelf (from an exhibition)."""
        from django.utils import timezone

        cls.objects.filter(pk=stockrecord_id).update(
            num_in_stock=Coalesce(F("num_in_stock"), 0) + quantity, date_updated=timezone.now()
        )
        _stock_changed()

    @classmethod
    def touch(cls, stockrecord_ids):
        """Mark the records changed (pieces held at an exhibition were sold), so cached cards
        that say "At an exhibition" are re-keyed (catalogue/fragments.py)."""
        from django.utils import timezone

        cls.objects.filter(pk__in=list(stockrecord_ids)).update(date_updated=timezone.now())
        _stock_changed()

    def allocate(self, quantity):
        """Oscar's API, with the stock check: raises InsufficientStock instead of overselling."""
        if not self.can_track_allocations:
            return
        self.pre_save_signal()
        self.allocate_or_fail(self.pk, quantity)
        self.refresh_from_db(fields=["num_allocated"])
        self.post_save_signal()

    allocate.alters_data = True

    def release(self, quantity):
        """Give ``quantity`` allocated pieces back (a refund before dispatch)."""
        self.cancel_allocation(quantity)

    def restock(self, quantity):
        """Put ``quantity`` pieces back on the shelf (a refund after dispatch)."""
        if not self.can_track_allocations:
            return
        self.pre_save_signal()
        type(self).objects.filter(pk=self.pk).update(
            num_in_stock=Coalesce(F("num_in_stock"), 0) + quantity
        )
        self.refresh_from_db(fields=["num_in_stock"])
        self.post_save_signal()

    restock.alters_data = True


from oscar.apps.partner.models import *  # noqa: E402, F403, I001
