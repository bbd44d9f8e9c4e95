"""Exhibitions and pop-up stalls (issue 12).

Pieces go to an event on a transfer document: the shelter's stock record gives them up at once
(one conditional UPDATE, see commerce.partner.models.StockRecord.withdraw_or_fail), and
the event holds them in its own stock (EventStock) until they are sold there or come back on a
return transfer. Every sale is also an Oscar order (number "EV-…", no user, no shipping, paid),
so the order dashboard, reports and refunds see one kind of thing; its ledger posting waits for
the close of the day, when the counted cash and UPI are known.

Money is integer paise, as in the ledger. A sale's primary key is the UUID the phone made for it,
so a sale sent twice after the network returns is one row.
"""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class Event(models.Model):
    name = models.CharField(_("name"), max_length=120)
    # A public place (a college, a company's office, a fair ground): never a shelter.
    place = models.CharField(_("place"), max_length=200)
    starts_on = models.DateField(_("first day"))
    ends_on = models.DateField(_("last day"))
    notes = models.TextField(_("notes for the staff"), blank=True)
    closed_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-starts_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")), name="event_ends_after_it_starts"
            ),
        ]

    def __str__(self):
        return self.name

    @property
    def is_closed(self):
        return self.closed_at is not None

    def get_pos_url(self):
        return reverse("exhibitions:sell", kwargs={"pk": self.pk})


class EventStaff(models.Model):
    """Who sells at an event. A manager may also close days and move stock back."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="staff")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="event_roles")
    is_manager = models.BooleanField(_("may close days"), default=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["event", "user"], name="one_staff_row_per_event_user")
        ]

    def __str__(self):
        return f"{self.user} at {self.event}"


class Concession(models.Model):
    """A concession rule: e.g. "Student price, up to 20% off", "Staff of a partner company, 15%".
    Staff choose a percentage up to the limit and give a reason; the server enforces both."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="concessions")
    name = models.CharField(_("name"), max_length=80)
    max_percent_off = models.DecimalField(_("at most this percentage off"), max_digits=5,
                                          decimal_places=2)
    is_active = models.BooleanField(_("in use"), default=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(max_percent_off__gt=0) & Q(max_percent_off__lte=100),
                name="concession_percent_in_range",
            ),
        ]

    def __str__(self):
        return f"{self.name} (≤ {self.max_percent_off}%)"


class EventStock(models.Model):
    """Pieces of one stock record held at an event: out of the online stock, not yet sold or
    returned. The database refuses a negative count."""

    event = models.ForeignKey(Event, on_delete=models.PROTECT, related_name="stock")
    stockrecord = models.ForeignKey("partner.StockRecord", on_delete=models.PROTECT,
                                    related_name="+")
    product = models.ForeignKey("catalogue.Product", on_delete=models.PROTECT, related_name="+")
    quantity = models.IntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["event", "stockrecord"],
                                    name="one_event_stock_row_per_record"),
            models.CheckConstraint(condition=Q(quantity__gte=0),
                                   name="event_stock_not_negative"),
        ]

    def __str__(self):
        return f"{self.quantity} × {self.product_id} at {self.event_id}"


class StockTransfer(models.Model):
    TO_EVENT, BACK = "to_event", "back"
    DIRECTIONS = [(TO_EVENT, _("to the event")), (BACK, _("back to the shelter"))]

    event = models.ForeignKey(Event, on_delete=models.PROTECT, related_name="transfers")
    direction = models.CharField(max_length=10, choices=DIRECTIONS)
    note = models.CharField(_("note"), max_length=200, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"Transfer #{self.pk} ({self.get_direction_display()})"


class StockTransferLine(models.Model):
    transfer = models.ForeignKey(StockTransfer, on_delete=models.CASCADE, related_name="lines")
    stockrecord = models.ForeignKey("partner.StockRecord", on_delete=models.PROTECT,
                                    related_name="+")
    product = models.ForeignKey("catalogue.Product", on_delete=models.PROTECT, related_name="+")
    quantity = models.PositiveIntegerField()

    class Meta:
        constraints = [
            models.CheckConstraint(condition=Q(quantity__gt=0), name="transfer_line_positive"),
        ]

    def __str__(self):
        return f"{self.quantity} × product {self.product_id}"


class EventDay(models.Model):
    """One day of selling at an event, and its reconciliation at close."""

    OPEN, CLOSED = "open", "closed"

    event = models.ForeignKey(Event, on_delete=models.PROTECT, related_name="days")
    date = models.DateField()
    status = models.CharField(max_length=8, default=OPEN,
                              choices=[(OPEN, _("open")), (CLOSED, _("closed"))])
    expected_cash_paise = models.BigIntegerField(default=0)
    expected_upi_paise = models.BigIntegerField(default=0)
    card_paise = models.BigIntegerField(default=0)
    counted_cash_paise = models.BigIntegerField(null=True, blank=True)
    counted_upi_paise = models.BigIntegerField(null=True, blank=True)
    difference_reason = models.CharField(max_length=300, blank=True)
    closed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                  on_delete=models.PROTECT, related_name="+")
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["event", "date"]
        constraints = [
            models.UniqueConstraint(fields=["event", "date"], name="one_day_row_per_event_date"),
        ]

    def __str__(self):
        return f"{self.event} on {self.date}"

    @property
    def is_closed(self):
        return self.status == self.CLOSED

    @property
    def cash_difference_paise(self):
        if self.counted_cash_paise is None:
            return None
        return self.counted_cash_paise - self.expected_cash_paise

    @property
    def upi_difference_paise(self):
        if self.counted_upi_paise is None:
            return None
        return self.counted_upi_paise - self.expected_upi_paise


class EventSale(models.Model):
    CASH, UPI, CARD = "cash", "upi", "card"
    METHODS = [(CASH, _("Cash")), (UPI, _("UPI")), (CARD, _("Card"))]
    PENDING, PAID, FAILED = "pending", "paid", "failed"

    # Made by the phone (crypto.randomUUID): the idempotency key of the sale.
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    event = models.ForeignKey(Event, on_delete=models.PROTECT, related_name="sales")
    day = models.ForeignKey(EventDay, on_delete=models.PROTECT, related_name="sales")
    sold_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                related_name="+")
    made_at = models.DateTimeField(help_text=_("when the phone recorded it"))
    recorded_at = models.DateTimeField(auto_now_add=True)
    method = models.CharField(max_length=5, choices=METHODS)
    status = models.CharField(max_length=8, default=PENDING, choices=[
        (PENDING, _("waiting for the card")), (PAID, _("paid")), (FAILED, _("not paid"))])
    message = models.CharField(max_length=255, blank=True)
    list_total_paise = models.BigIntegerField()
    total_paise = models.BigIntegerField()
    concession = models.ForeignKey(Concession, null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="sales")
    concession_percent = models.DecimalField(max_digits=5, decimal_places=2, default=0)
    concession_reason = models.CharField(max_length=200, blank=True)
    intent_id = models.CharField(max_length=64, blank=True, db_index=True)
    order = models.OneToOneField("order.Order", null=True, blank=True, on_delete=models.PROTECT,
                                 related_name="event_sale")
    posted = models.BooleanField(default=False)

    class Meta:
        ordering = ["-made_at"]
        constraints = [
            models.CheckConstraint(condition=Q(total_paise__gte=0) & Q(list_total_paise__gte=0)
                                   & Q(total_paise__lte=F("list_total_paise")),
                                   name="event_sale_totals_sane"),
        ]

    def __str__(self):
        return self.reference

    @property
    def reference(self):
        return "EV-" + self.id.hex[:10].upper()

    @property
    def concession_paise(self):
        return self.list_total_paise - self.total_paise


class EventSaleLine(models.Model):
    sale = models.ForeignKey(EventSale, on_delete=models.CASCADE, related_name="lines")
    stockrecord = models.ForeignKey("partner.StockRecord", on_delete=models.PROTECT,
                                    related_name="+")
    product = models.ForeignKey("catalogue.Product", on_delete=models.PROTECT, related_name="+")
    title = models.CharField(max_length=255)
    quantity = models.PositiveIntegerField()
    list_unit_paise = models.BigIntegerField()
    unit_paise = models.BigIntegerField(help_text=_("paid per piece, after any concession"))

    class Meta:
        constraints = [
            models.CheckConstraint(condition=Q(quantity__gt=0), name="event_sale_line_positive"),
            models.CheckConstraint(condition=Q(unit_paise__gte=0)
                                   & Q(unit_paise__lte=F("list_unit_paise")),
                                   name="event_sale_line_price_sane"),
        ]

    def __str__(self):
        return f"{self.quantity} × {self.title}"
