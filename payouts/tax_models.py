"""GST: the dated rate table and the gap-free document numbers (tax invoices, credit notes).
Imported by payouts/models.py, so Django registers them with the payouts app."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class GstRate(models.Model):
    """The GST rate of an HSN code from ``valid_from`` until the next row for the same code.
    Rates live here, not in code: the government changes them by notification."""

    hsn_code = models.CharField(
        _("HSN code"), max_length=8,
        help_text=_("4, 6 or 8 digits; a longer code wins over its 4-digit heading."),
    )
    rate = models.DecimalField(
        _("GST rate"), max_digits=6, decimal_places=4,
        validators=[MinValueValidator(0), MaxValueValidator(1)],
        help_text=_("A fraction: 0.0500 for 5%."),
    )
    valid_from = models.DateField(_("in force from"))
    note = models.CharField(_("note"), max_length=300, blank=True,
                            help_text=_("The notification that set the rate."))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["hsn_code", "-valid_from"]
        verbose_name = _("GST rate")
        constraints = [
            models.UniqueConstraint(fields=["hsn_code", "valid_from"], name="one_gst_rate_per_day"),
            models.CheckConstraint(condition=Q(rate__gte=0, rate__lte=1), name="gst_rate_range"),
        ]

    def __str__(self):
        return f"HSN {self.hsn_code}: {self.rate:%} from {self.valid_from:%Y-%m-%d}"


class DocumentCounter(models.Model):
    """The last number issued in a series (tax invoices, credit notes) in one financial year.
    Numbers are taken under a row lock in the transaction that writes the document, so a
    rolled-back document gives its number back: the series has no gaps."""

    series = models.CharField(max_length=20)
    financial_year = models.CharField(max_length=7, help_text="e.g. 2026-27")
    last_number = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["series", "financial_year"],
                                    name="one_counter_per_series_and_year"),
        ]

    def __str__(self):
        return f"{self.series} {self.financial_year}: {self.last_number}"
