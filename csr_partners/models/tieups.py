import datetime

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class TieUp(models.Model):
    """A company's promise: for every eligible bag an employee buys in the window, ``rate`` of
    its price goes to the training fund, up to ``cap_paise`` in all."""

    PAID, PRE_GST = "paid", "pre_gst"
    BASES = [(PAID, _("Price paid (GST included)")), (PRE_GST, _("Price before GST"))]

    company = models.ForeignKey("csr_partners.Company", on_delete=models.PROTECT,
                                related_name="tieups")
    name = models.CharField(_("name"), max_length=120,
                            help_text=_("As shoppers see it, e.g. “Women's Day week 2027”."))
    rate = models.DecimalField(
        _("rate (%)"), max_digits=5, decimal_places=2, default=20,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
        help_text=_("Percentage of each eligible bag's price the company gives."))
    basis = models.CharField(_("of"), max_length=8, choices=BASES, default=PAID)
    starts_on = models.DateField(_("first day"))
    ends_on = models.DateField(_("last day"), help_text=_("Purchases on this day still count."))
    cap_paise = models.BigIntegerField(_("cap (paise)"), validators=[MinValueValidator(1)],
                                       help_text=_("The most the company gives in all."))
    products = models.ManyToManyField("catalogue.Product", blank=True, related_name="+",
                                      verbose_name=_("eligible products"))
    categories = models.ManyToManyField("catalogue.Category", blank=True, related_name="+",
                                        verbose_name=_("eligible categories"))
    active = models.BooleanField(_("active"), default=True)
    # Bulk orders (issue 8): the company's own bulk purchases in the window pledge too, on the
    # donation statement (the tax invoice covers goods only).
    includes_bulk_orders = models.BooleanField(
        _("bulk orders pledge too"), default=False,
        help_text=_("The company's own bulk orders placed in the window pledge the same rate."))
    # What is pledged and not reversed, kept on the row so that the cap is checked under the
    # row's lock (select_for_update) and two captures can never pass it together.
    pledged_paise = models.BigIntegerField(default=0, editable=False)
    cap_reached_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-starts_on", "name"]
        verbose_name = _("tie-up")
        verbose_name_plural = _("tie-ups")
        constraints = [
            models.CheckConstraint(condition=Q(rate__gte=0) & Q(rate__lte=100),
                                   name="tieup_rate_0_to_100"),
            models.CheckConstraint(condition=Q(ends_on__gte=models.F("starts_on")),
                                   name="tieup_ends_after_start"),
            models.CheckConstraint(condition=Q(cap_paise__gt=0), name="tieup_cap_positive"),
            models.CheckConstraint(
                condition=Q(pledged_paise__gte=0) & Q(pledged_paise__lte=models.F("cap_paise")),
                name="tieup_pledged_within_cap"),
        ]

    def __str__(self):
        return f"{self.company}: {self.name}"

    @property
    def campaign_page(self):
        """Its campaign page in the visitor's language when translated (else the English), or
        None. A page per language (CampaignPage.tieup is a foreign key for the translations)."""
        page = self.campaign_pages.filter(alias_of__isnull=True).order_by("pk").first()
        return page.localized if page is not None else None

    @property
    def remaining_paise(self) -> int:
        return max(self.cap_paise - self.pledged_paise, 0)

    @property
    def cap_reached(self) -> bool:
        return self.pledged_paise >= self.cap_paise

    def is_open_on(self, day: datetime.date) -> bool:
        return self.active and self.starts_on <= day <= self.ends_on


class EmployeeVerification(models.Model):
    """A shopper's claim to work at a company, proved by a signed link sent to a work address.

    The link carries the row's ``nonce`` signed with a timestamp (django.core.signing); it
    works once (``confirmed_at``) and within ``settings.CSR_VERIFICATION_MAX_AGE``. A confirmed
    row links the shopper's account, or for a guest checkout the e-mail the order is placed
    with, to the company until ``valid_until`` (the tie-up's last day)."""

    tieup = models.ForeignKey(TieUp, on_delete=models.CASCADE, related_name="verifications")
    work_email = models.EmailField(_("work e-mail"))
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                             on_delete=models.CASCADE, related_name="+")
    guest_email = models.EmailField(_("e-mail of a guest checkout"), blank=True)
    nonce = models.CharField(max_length=64, unique=True, editable=False)
    requested_at = models.DateTimeField(default=timezone.now)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    valid_until = models.DateField()

    class Meta:
        ordering = ["-requested_at"]
        indexes = [models.Index(fields=["guest_email"]), models.Index(fields=["user"])]
        constraints = [
            models.CheckConstraint(condition=Q(user__isnull=False) | ~Q(guest_email=""),
                                   name="verification_has_a_shopper"),
        ]

    def __str__(self):
        return f"Verification #{self.pk} for tie-up {self.tieup_id}"
