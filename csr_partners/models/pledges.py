from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Pledge(models.Model):
    """What a company gives for one bag a verified employee bought: one row per unit of an
    eligible paid order line (a refund of one bag reverses that bag's pledge). The amount comes
    from payouts.splitting (the same function the basket shows) and may be partial when it
    reached the tie-up's cap."""

    PLEDGED, REVERSED = "pledged", "reversed"
    STATUSES = [(PLEDGED, _("Pledged")), (REVERSED, _("Reversed (refunded)"))]

    tieup = models.ForeignKey("csr_partners.TieUp", on_delete=models.PROTECT,
                              related_name="pledges")
    company = models.ForeignKey("csr_partners.Company", on_delete=models.PROTECT,
                                related_name="pledges")
    order_line = models.ForeignKey("order.Line", on_delete=models.PROTECT, related_name="+")
    unit = models.PositiveSmallIntegerField(help_text=_("Which piece of the line (1, 2, ...)."))
    order_number = models.CharField(_("order"), max_length=128, db_index=True)
    item = models.CharField(_("item"), max_length=255)
    basis_paise = models.PositiveIntegerField(help_text=_("The price the rate applies to."))
    full_paise = models.PositiveIntegerField(help_text=_("The pledge before the cap."))
    amount_paise = models.PositiveIntegerField(_("amount (paise)"))
    status = models.CharField(max_length=10, choices=STATUSES, default=PLEDGED, db_index=True)
    pledged_at = models.DateTimeField(db_index=True)
    reversed_at = models.DateTimeField(null=True, blank=True)
    refund_id = models.CharField(max_length=64, blank=True)

    class Meta:
        ordering = ["pledged_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["order_line", "unit"], name="one_pledge_per_bag"),
            models.CheckConstraint(
                condition=Q(amount_paise__gt=0) & Q(amount_paise__lte=models.F("full_paise")),
                name="pledge_positive_within_full"),
        ]

    def __str__(self):
        return f"Pledge #{self.pk} (order {self.order_number})"

    @property
    def is_partial(self) -> bool:
        return self.amount_paise < self.full_paise


class PledgePayment(models.Model):
    """A company's bank transfer paying its pledges, recorded by finance."""

    company = models.ForeignKey("csr_partners.Company", on_delete=models.PROTECT,
                                related_name="pledge_payments")
    amount_paise = models.PositiveBigIntegerField(_("amount (paise)"))
    bank_reference = models.CharField(_("bank transfer reference"), max_length=64)
    received_on = models.DateField(_("received on"))
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                    related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-received_on", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["company", "bank_reference"],
                                    name="one_payment_per_bank_reference"),
            models.CheckConstraint(condition=Q(amount_paise__gt=0), name="payment_positive"),
        ]

    def __str__(self):
        return f"Payment {self.bank_reference} from {self.company}"


class PledgeReversal(models.Model):
    """Part of a pledge given back when its bag was refunded by an amount (goodwill, a faulty
    handle): pro rata to the refund, so a company never pays for money the buyer got back. A
    whole bag refunded reverses the whole pledge instead (``Pledge.status``)."""

    pledge = models.ForeignKey(Pledge, on_delete=models.PROTECT, related_name="part_reversals")
    amount_paise = models.PositiveIntegerField(_("amount (paise)"))
    refund_id = models.CharField(max_length=64)
    reversed_at = models.DateTimeField(db_index=True)

    class Meta:
        ordering = ["reversed_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["pledge", "refund_id"],
                                    name="one_part_reversal_per_refund"),
            models.CheckConstraint(condition=Q(amount_paise__gt=0),
                                   name="part_reversal_positive"),
        ]

    def __str__(self):
        return f"Pledge #{self.pledge_id} partly reversed by {self.refund_id}"
