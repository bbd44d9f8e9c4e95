"""What checkout remembers about payments (Oscar's checkout app has no models of its own).

A PaymentAttempt is one submission of a basket for payment: it holds the PaymentIntent made
for it, so a retried or double-submitted payment step reuses that intent instead of making a
second one (localstripe ignores Idempotency-Key; DESIGN.md section 10), and a snapshot of the
checkout (address, shipping method, amount) so a webhook can place the order when the buyer's
browser went away after paying.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from oscar.apps.checkout.models import *  # noqa: F403


class PaymentAttempt(models.Model):
    NEW = "new"  # created, no intent yet
    ACTION = "requires_action"  # the buyer must pass 3-D Secure
    AUTHORISED = "authorised"  # Stripe holds the money for us; the order is not placed yet
    PLACED = "placed"  # order placed and payment captured
    DECLINED = "declined"  # card refused or authentication failed; basket thawed
    SOLD_OUT = "sold_out"  # lost the race for the last piece; authorisation cancelled
    FAILED = "failed"  # anything else that ended the attempt with no money taken
    STATES = [
        (NEW, _("New")),
        (ACTION, _("Needs authentication")),
        (AUTHORISED, _("Authorised")),
        (PLACED, _("Order placed")),
        (DECLINED, _("Declined")),
        (SOLD_OUT, _("Sold out")),
        (FAILED, _("Failed")),
    ]
    OPEN_STATES = (NEW, ACTION, AUTHORISED)

    basket = models.ForeignKey(
        "basket.Basket", null=True, on_delete=models.SET_NULL, related_name="payment_attempts"
    )
    # The preview page's submission token: a second submit of the same page finds this row.
    token = models.CharField(max_length=64, unique=True, null=True, blank=True)
    order_number = models.CharField(max_length=128, db_index=True)
    state = models.CharField(max_length=20, choices=STATES, default=NEW)
    intent_id = models.CharField(max_length=255, unique=True, null=True, blank=True)
    payment_method = models.CharField(max_length=255, blank=True)
    amount_paise = models.PositiveBigIntegerField()
    currency = models.CharField(max_length=3, default="INR")
    # The checkout as the buyer saw it, to place the order without their session.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    guest_email = models.EmailField(blank=True)
    shipping_address = models.JSONField(default=dict)
    shipping_method_code = models.CharField(max_length=128)
    order = models.OneToOneField(
        "order.Order", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    captured = models.BooleanField(default=False)
    message = models.CharField(max_length=255, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        app_label = "checkout"
        ordering = ["-id"]
        constraints = [
            # One submission of a basket at a time: a double submit finds the first.
            models.UniqueConstraint(
                fields=["basket"],
                condition=Q(state__in=("new", "requires_action", "authorised")),
                name="one_open_payment_attempt_per_basket",
            )
        ]

    def __str__(self):
        return f"Payment attempt {self.pk} for order {self.order_number} ({self.state})"

    @property
    def idempotency_key(self):
        return f"haat-attempt-{self.pk}"

    @property
    def is_open(self):
        return self.state in self.OPEN_STATES


class StripeEvent(models.Model):
    """Each webhook delivery stored once by Stripe's event id; a duplicate does nothing.

    An event stored while the broker was down is acted on by the next sweep
    (``tasks.sweep_payment_attempts``), once.

    ``unknown_intent`` flags a correctly signed event about a PaymentIntent the shop never
    made (no checkout attempt, order, invoice card payment or stall sale has it): it is kept
    for staff to look at (Django admin, filter "Unknown payment") and nothing acts on it.
    """

    event_id = models.CharField(max_length=255, unique=True)
    type = models.CharField(max_length=128)
    intent_id = models.CharField(max_length=255, blank=True, db_index=True)
    payload = models.JSONField()
    received_at = models.DateTimeField(auto_now_add=True)
    processed_at = models.DateTimeField(null=True, blank=True)
    # Taken by the worker acting on the event (tasks.process_stripe_event), so a redelivery and
    # the sweep of events the broker never carried cannot act on it at the same time.
    claimed_at = models.DateTimeField(null=True, blank=True)
    error = models.TextField(blank=True)
    unknown_intent = models.BooleanField(
        _("Unknown payment"),
        default=False,
        db_index=True,
        help_text=_("Signed by Stripe, but about a payment the shop never made; not acted on."),
    )

    class Meta:
        app_label = "checkout"
        ordering = ["-id"]

    def __str__(self):
        return f"{self.type} {self.event_id}"


class StripeRefund(models.Model):
    """A refund Stripe made, recorded once by its id whichever path saw it first."""

    refund_id = models.CharField(max_length=255, unique=True)
    intent_id = models.CharField(max_length=255, db_index=True)
    order = models.ForeignKey(
        "order.Order", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    amount_paise = models.PositiveBigIntegerField()
    # [[order line id, quantity], ...]; empty for a refund made outside the shop.
    lines = models.JSONField(default=list, blank=True)
    include_shipping = models.BooleanField(default=False)
    payment_event = models.OneToOneField(
        "order.PaymentEvent", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        app_label = "checkout"
        ordering = ["-id"]

    def __str__(self):
        return f"Refund {self.refund_id} ({self.amount_paise} paise)"
