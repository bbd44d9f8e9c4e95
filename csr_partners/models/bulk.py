"""Bulk orders for companies (issue 8; DESIGN.md section 4, Bulk order and GST).

quote request (products, quantities, wanted date) -> quote (tier prices, lead time, expiry; staff
adjust with a reason and send) -> accepted with the company's PO number and a payment choice ->
recipients (a checked file, or one address) -> one Oscar order and one shipment per recipient ->
GST tax invoice (gap-free number per financial year), credit notes, bank transfer recorded.

Money is integer paise; unit prices include GST, like the shop's.
"""

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class PriceTier(models.Model):
    """Staff's price of a product from a quantity up (GST included)."""

    product = models.ForeignKey("catalogue.Product", on_delete=models.CASCADE,
                                related_name="bulk_price_tiers")
    min_quantity = models.PositiveIntegerField(_("from quantity"),
                                               validators=[MinValueValidator(2)])
    unit_paise = models.PositiveIntegerField(_("unit price (paise, GST included)"))

    class Meta:
        ordering = ["product_id", "min_quantity"]
        constraints = [
            models.UniqueConstraint(fields=["product", "min_quantity"], name="one_tier_per_step"),
            models.CheckConstraint(condition=Q(unit_paise__gt=0), name="tier_price_positive"),
        ]

    def __str__(self):
        return f"{self.product_id} from {self.min_quantity}: {self.unit_paise} paise"


class QuoteRequest(models.Model):
    ONE, MANY = "one", "many"
    DELIVERIES = [(ONE, _("To one address")), (MANY, _("To many recipients (a file)"))]

    company = models.ForeignKey("csr_partners.Company", on_delete=models.PROTECT,
                                related_name="quote_requests")
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                     related_name="+")
    wanted_by = models.DateField(_("wanted delivery date"))
    delivery = models.CharField(_("delivery"), max_length=4, choices=DELIVERIES, default=MANY)
    bill_to_state = models.CharField(_("bill-to state (place of supply)"), max_length=60)
    notes = models.TextField(_("notes for the shop"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"Quote request #{self.pk}"


class QuoteRequestLine(models.Model):
    request = models.ForeignKey(QuoteRequest, on_delete=models.CASCADE, related_name="lines")
    product = models.ForeignKey("catalogue.Product", on_delete=models.PROTECT, related_name="+")
    quantity = models.PositiveIntegerField(_("quantity"), validators=[MinValueValidator(1)])

    class Meta:
        ordering = ["id"]

    def __str__(self):
        return f"{self.quantity} x product {self.product_id}"


class Quote(models.Model):
    DRAFT, SENT, ACCEPTED, ORDERED, EXPIRED, WITHDRAWN = (
        "draft", "sent", "accepted", "ordered", "expired", "withdrawn",
    )
    STATUSES = [
        (DRAFT, _("Being prepared")), (SENT, _("Sent to the buyer")),
        (ACCEPTED, _("Accepted")), (ORDERED, _("Ordered")), (EXPIRED, _("Expired")),
        (WITHDRAWN, _("Withdrawn")),
    ]
    CARD, NET30 = "card", "net30"
    PAYMENTS = [(CARD, _("Card payment now")), (NET30, _("Net 30 days, bank transfer"))]

    request = models.OneToOneField(QuoteRequest, on_delete=models.PROTECT, related_name="quote")
    status = models.CharField(max_length=10, choices=STATUSES, default=DRAFT, db_index=True)
    delivery_paise = models.PositiveIntegerField(_("delivery charge (paise, GST included)"),
                                                 default=0)
    delivery_on = models.DateField(_("delivery date we can meet"), null=True, blank=True)
    lead_time_note = models.TextField(_("why this date"), blank=True)
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    prepared_at = models.DateTimeField(default=timezone.now)
    sent_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                on_delete=models.PROTECT, related_name="+")
    sent_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                    on_delete=models.PROTECT, related_name="+")
    accepted_at = models.DateTimeField(null=True, blank=True)
    po_number = models.CharField(_("your PO number"), max_length=60, blank=True)
    payment = models.CharField(_("payment"), max_length=5, choices=PAYMENTS, blank=True)

    class Meta:
        ordering = ["-prepared_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status__in=["accepted", "ordered"]) | ~Q(po_number=""),
                name="accepted_quote_has_po",
            ),
        ]

    def __str__(self):
        return f"Quote Q-{self.pk}"

    @property
    def reference(self):
        return f"Q-{self.pk:05d}"

    @property
    def is_expired(self):
        return self.status == self.EXPIRED or (
            self.status == self.SENT and self.valid_until is not None
            and self.valid_until < timezone.localdate()
        )


class QuoteLine(models.Model):
    quote = models.ForeignKey(Quote, on_delete=models.CASCADE, related_name="lines")
    product = models.ForeignKey("catalogue.Product", on_delete=models.PROTECT, related_name="+")
    title = models.CharField(max_length=255)
    hsn_code = models.CharField(max_length=8, blank=True)
    quantity = models.PositiveIntegerField(validators=[MinValueValidator(1)])
    list_unit_paise = models.PositiveIntegerField(help_text=_("The shop's price of one piece."))
    unit_paise = models.PositiveIntegerField(_("quoted unit price (paise, GST included)"))
    gst_rate = models.DecimalField(max_digits=6, decimal_places=4, null=True, blank=True)
    in_stock = models.IntegerField(default=0)

    class Meta:
        ordering = ["id"]

    def __str__(self):
        return f"{self.quantity} x {self.title}"

    @property
    def total_paise(self):
        return self.unit_paise * self.quantity


class QuoteAdjustment(models.Model):
    """A change staff made to a computed quote, and why (kept for the buyer's questions)."""

    quote = models.ForeignKey(Quote, on_delete=models.CASCADE, related_name="adjustments")
    what = models.CharField(max_length=120)
    before = models.CharField(max_length=120)
    after = models.CharField(max_length=120)
    reason = models.CharField(_("reason"), max_length=300)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["at", "id"]
        constraints = [
            models.CheckConstraint(condition=~Q(reason=""), name="adjustment_has_reason"),
        ]

    def __str__(self):
        return f"{self.what}: {self.before} -> {self.after}"


class Recipient(models.Model):
    """Who receives a parcel of an accepted quote. Saved only from a file without faults."""

    quote = models.ForeignKey(Quote, on_delete=models.CASCADE, related_name="recipients")
    row = models.PositiveIntegerField(help_text=_("Row of the uploaded file"))
    name = models.CharField(max_length=120)
    address_line1 = models.CharField(max_length=200)
    address_line2 = models.CharField(max_length=200, blank=True)
    city = models.CharField(max_length=80)
    state = models.CharField(max_length=60)
    pin_code = models.CharField(max_length=6)
    phone = models.CharField(max_length=16)
    gift_message = models.CharField(max_length=200, blank=True)
    pieces = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["row", "id"]

    def __str__(self):
        return f"Recipient on row {self.row}"  # no name: it may reach a log


class RecipientUpload(models.Model):
    """A recipients file being checked (Celery), with its progress for the page to poll."""

    CHECKING, CLEAN, FAULTY = "checking", "clean", "faulty"
    STATUSES = [(CHECKING, _("Checking")), (CLEAN, _("Saved")), (FAULTY, _("Has faults"))]

    quote = models.ForeignKey(Quote, on_delete=models.CASCADE, related_name="uploads")
    file = models.FileField(upload_to="bulk-recipients/")
    filename = models.CharField(max_length=200)
    status = models.CharField(max_length=10, choices=STATUSES, default=CHECKING)
    rows_done = models.PositiveIntegerField(default=0)
    rows_total = models.PositiveIntegerField(default=0)
    faults = models.JSONField(default=list, blank=True)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                    related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"Upload #{self.pk} ({self.status})"


class BulkOrder(models.Model):
    """An accepted quote placed as one Oscar order."""

    PLACED, INVOICED, PAID, CANCELLED = "placed", "invoiced", "paid", "cancelled"
    STATUSES = [(PLACED, _("Placed")), (INVOICED, _("Invoiced")), (PAID, _("Paid")),
                (CANCELLED, _("Cancelled"))]

    quote = models.OneToOneField(Quote, on_delete=models.PROTECT, related_name="bulk_order")
    company = models.ForeignKey("csr_partners.Company", on_delete=models.PROTECT,
                                related_name="bulk_orders")
    order = models.OneToOneField("order.Order", on_delete=models.PROTECT, related_name="+")
    status = models.CharField(max_length=10, choices=STATUSES, default=PLACED, db_index=True)
    placed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                  related_name="+")
    placed_at = models.DateTimeField(auto_now_add=True)
    pieces_to_make = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-placed_at", "-id"]

    def __str__(self):
        return f"Bulk order {self.order_id}"


class Shipment(models.Model):
    WAITING, PACKED, DISPATCHED, DELIVERED = "waiting", "packed", "dispatched", "delivered"
    CREDITED = "credited"  # every piece credited (csr_partners.bulk.parcels): nothing to send
    STATUSES = [(WAITING, _("Being made or packed")), (PACKED, _("Packed")),
                (DISPATCHED, _("Dispatched")), (DELIVERED, _("Delivered")),
                (CREDITED, _("Credited: nothing to send"))]

    bulk_order = models.ForeignKey(BulkOrder, on_delete=models.PROTECT, related_name="shipments")
    recipient = models.OneToOneField(Recipient, on_delete=models.PROTECT, related_name="shipment")
    pieces = models.PositiveIntegerField()
    status = models.CharField(max_length=10, choices=STATUSES, default=WAITING, db_index=True)
    carrier = models.CharField(_("carrier"), max_length=60, blank=True)
    carrier_reference = models.CharField(_("carrier reference"), max_length=60, blank=True)
    packed_at = models.DateTimeField(null=True, blank=True)
    dispatched_at = models.DateTimeField(null=True, blank=True)
    delivered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["recipient__row", "id"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status__in=["dispatched", "delivered"]) | ~Q(carrier_reference=""),
                name="dispatched_shipment_has_reference",
            ),
        ]

    def __str__(self):
        return f"Shipment #{self.pk} ({self.status})"


class TaxInvoice(models.Model):
    """A GST tax invoice or credit note, frozen when issued (lines and parties copied in)."""

    INVOICE, CREDIT_NOTE = "invoice", "credit"
    KINDS = [(INVOICE, _("Tax invoice")), (CREDIT_NOTE, _("Credit note"))]

    bulk_order = models.ForeignKey(BulkOrder, on_delete=models.PROTECT, related_name="invoices")
    kind = models.CharField(max_length=7, choices=KINDS, default=INVOICE)
    number = models.CharField(max_length=40, unique=True)
    against = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT,
                                related_name="credit_notes")
    issued_on = models.DateField()
    due_on = models.DateField(null=True, blank=True)
    supplier = models.JSONField(help_text="legal name, GSTIN, state, address when issued")
    buyer_name = models.CharField(max_length=200)
    buyer_gstin = models.CharField(max_length=15, blank=True)
    buyer_address = models.TextField()
    place_of_supply = models.CharField(max_length=60)
    intra_state = models.BooleanField()
    po_number = models.CharField(max_length=60, blank=True)
    taxable_paise = models.BigIntegerField()
    cgst_paise = models.BigIntegerField()
    sgst_paise = models.BigIntegerField()
    igst_paise = models.BigIntegerField()
    round_off_paise = models.BigIntegerField(
        default=0, help_text="what takes the lines' values to the total agreed (paise)")
    total_paise = models.BigIntegerField()
    reason = models.CharField(max_length=300, blank=True)
    issued_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                  on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-issued_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind="invoice", against__isnull=True)
                | Q(kind="credit", against__isnull=False),
                name="credit_note_against_invoice",
            ),
            models.CheckConstraint(
                condition=Q(total_paise=models.F("taxable_paise") + models.F("cgst_paise")
                            + models.F("sgst_paise") + models.F("igst_paise")
                            + models.F("round_off_paise")),
                name="invoice_total_adds_up_with_round_off",
            ),
            models.CheckConstraint(condition=Q(round_off_paise__gte=0),
                                   name="invoice_round_off_not_negative"),
        ]

    def __str__(self):
        return self.number


class TaxInvoiceLine(models.Model):
    invoice = models.ForeignKey(TaxInvoice, on_delete=models.CASCADE, related_name="lines")
    order_line_id = models.IntegerField(null=True, blank=True)
    description = models.CharField(max_length=255)
    hsn_code = models.CharField(max_length=8)
    quantity = models.PositiveIntegerField()
    unit_paise = models.BigIntegerField()
    gst_rate = models.DecimalField(max_digits=6, decimal_places=4)
    taxable_paise = models.BigIntegerField()
    cgst_paise = models.BigIntegerField()
    sgst_paise = models.BigIntegerField()
    igst_paise = models.BigIntegerField()
    total_paise = models.BigIntegerField()

    class Meta:
        ordering = ["id"]

    def __str__(self):
        return f"{self.quantity} x {self.description}"


class InvoicePayment(models.Model):
    """A bank transfer finance saw arrive against a net-terms invoice, or a card payment."""

    BANK, CARD = "bank", "card"
    METHODS = [(BANK, _("Bank transfer")), (CARD, _("Card"))]

    invoice = models.ForeignKey(TaxInvoice, on_delete=models.PROTECT, related_name="payments")
    method = models.CharField(max_length=4, choices=METHODS, default=BANK)
    amount_paise = models.BigIntegerField(validators=[MinValueValidator(1)])
    bank_reference = models.CharField(_("bank reference (UTR)"), max_length=60, unique=True)
    received_on = models.DateField(_("received on"))
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                    related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["received_on", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(amount_paise__gt=0), name="invoice_payment_positive"),
        ]

    def __str__(self):
        return f"{self.bank_reference}: {self.amount_paise} paise"


class CardPayment(models.Model):
    """One attempt to pay an invoice by card: the PaymentIntent is stored before anything else
    is asked of Stripe, so a retried or double-submitted page never makes a second one."""

    OPEN, ACTION, PAID, FAILED = "open", "action", "paid", "failed"
    STATES = [(OPEN, _("Open")), (ACTION, _("Waiting for the bank")), (PAID, _("Paid")),
              (FAILED, _("Failed"))]

    invoice = models.ForeignKey(TaxInvoice, on_delete=models.PROTECT,
                                related_name="card_payments")
    amount_paise = models.BigIntegerField()
    state = models.CharField(max_length=7, choices=STATES, default=OPEN)
    intent_id = models.CharField(max_length=80, blank=True, db_index=True)
    payment_method = models.CharField(max_length=80, blank=True)
    message = models.CharField(max_length=255, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["invoice"], condition=Q(state__in=["open", "action"]),
                                    name="one_open_card_payment_per_invoice"),
        ]

    def __str__(self):
        return f"Card payment #{self.pk} ({self.state})"
