"""The parts a refund by amount gave back, per order line (issue 18; the rule is in
``refund_rules``). Kept so the next refund of the line knows what is left of each part."""

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _


class LineRefund(models.Model):
    GOODWILL, FAULTY = "goodwill", "faulty"  # payouts.refund_rules.REASONS
    REASONS = [(GOODWILL, _("Goodwill / late delivery (the maker's share untouched)")),
               (FAULTY, _("Faulty piece (the maker's share reduced pro rata)"))]

    journal = models.OneToOneField("payouts.Journal", on_delete=models.PROTECT,
                                   related_name="line_refund")
    order_line_id = models.IntegerField(db_index=True)
    reason = models.CharField(max_length=8, choices=REASONS)
    amount_paise = models.BigIntegerField()
    gst_paise = models.BigIntegerField()
    maker_paise = models.BigIntegerField()
    training_fund_paise = models.BigIntegerField()
    platform_paise = models.BigIntegerField()

    class Meta:
        ordering = ["id"]
        constraints = [
            models.CheckConstraint(condition=Q(amount_paise__gt=0), name="line_refund_positive"),
            models.CheckConstraint(
                condition=Q(amount_paise=F("gst_paise") + F("maker_paise")
                            + F("training_fund_paise") + F("platform_paise")),
                name="line_refund_parts_add_up"),
        ]

    def __str__(self):
        return f"{self.amount_paise} paise back on line {self.order_line_id} ({self.reason})"
