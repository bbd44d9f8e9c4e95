"""Seed grants from application to follow-up (issue 21): a maker proposes a small business, she
and the team assess its risks together, someone decides (disburse now, later after talking with
her and her family, or not fund with a reason she is told), the money goes out through the
training fund's disbursement with its second approval, and follow-ups at 3, 6 and 12 months
record whether the business runs and what it earns. The maker appears by pseudonym only."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

# Months after the money went out at which someone sits down with her again.
FOLLOW_UP_MONTHS = (3, 6, 12)


class SeedGrant(models.Model):
    """Her application, recorded by staff with her, and where it stands."""

    APPLIED, NOW, LATER, NOT_FUNDED = "applied", "now", "later", "not_funded"
    DECISIONS = [
        (NOW, _("Disburse now")),
        (LATER, _("Disburse later, after talking with her and her family")),
        (NOT_FUNDED, _("Not funded")),
    ]
    STATES = [(APPLIED, _("Waiting for a decision")), *DECISIONS]

    artisan = models.ForeignKey("artisans.Artisan", on_delete=models.PROTECT,
                                related_name="+", verbose_name=_("maker"))
    business = models.CharField(_("the business"), max_length=300)
    where_to_sell = models.CharField(_("where she will sell"), max_length=300)
    amount_asked_paise = models.BigIntegerField(_("amount asked (paise)"))
    already_has = models.TextField(_("what she already has"), blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                    related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    # The decision in force (earlier "later" decisions are kept in SeedGrantDecision).
    state = models.CharField(max_length=12, choices=STATES, default=APPLIED, db_index=True)
    amount_paise = models.BigIntegerField(_("amount granted (paise)"), null=True, blank=True)
    revisit_on = models.DateField(_("revisit on"), null=True, blank=True)
    reason_told = models.TextField(_("reason, as told to her"), blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)
    # "Disburse now": the fund's disbursement (second approval, posted once as fund:N).
    disbursement = models.OneToOneField("payouts.FundDisbursement", null=True, blank=True,
                                        on_delete=models.PROTECT, related_name="seed_grant")

    class Meta:
        ordering = ["-recorded_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(amount_asked_paise__gt=0),
                                   name="seed_grant_amount_asked_positive"),
            models.CheckConstraint(
                condition=~Q(state="now") | Q(amount_paise__gt=0),
                name="seed_grant_now_has_amount"),
            models.CheckConstraint(
                condition=~Q(state="later") | Q(revisit_on__isnull=False),
                name="seed_grant_later_has_revisit_date"),
            models.CheckConstraint(
                condition=~Q(state="not_funded") | ~Q(reason_told=""),
                name="seed_grant_not_funded_has_reason"),
        ]

    def __str__(self):
        return f"Seed grant #{self.pk}"

    @property
    def disbursed_on(self):
        """The day the second person approved the money (it left the fund), or None."""
        d = self.disbursement
        if d is None or d.approved_at is None:
            return None
        from django.utils import timezone

        return timezone.localdate(d.approved_at)


class SeedGrantDecision(models.Model):
    """Every decision taken, who took it and when (a "later" is followed by another)."""

    grant = models.ForeignKey(SeedGrant, on_delete=models.CASCADE, related_name="decisions")
    outcome = models.CharField(max_length=12, choices=SeedGrant.DECISIONS)
    amount_paise = models.BigIntegerField(null=True, blank=True)
    revisit_on = models.DateField(null=True, blank=True)
    reason_told = models.TextField(blank=True)
    note = models.TextField(_("note"), blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                   related_name="+")
    decided_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["decided_at", "id"]
        constraints = [
            # A grant is decided for good once (two people deciding at once: one wins).
            models.UniqueConstraint(fields=["grant"], condition=~Q(outcome="later"),
                                    name="seed_grant_one_final_decision"),
        ]

    def __str__(self):
        return f"Decision on seed grant #{self.grant_id}: {self.outcome}"


class GrantRisk(models.Model):
    """One risk talked through with her, and how it is handled."""

    HERS, BEYOND = "hers", "beyond"
    KINDS = [(HERS, _("Risks she can deal with")), (BEYOND, _("Risks beyond her control"))]
    RISKS = [
        ("family_control", _("Family control of the money"), HERS),
        ("competing_sellers", _("Competing sellers"), HERS),
        ("debts", _("Debts"), HERS),
        ("stock_at_home", _("Stock used up at home"), HERS),
        ("price_falls", _("Prices fall"), BEYOND),
        ("livestock_disease", _("Livestock disease"), BEYOND),
        ("life_events", _("Life events (illness, marriage, a death)"), BEYOND),
    ]
    RISK_CHOICES = [(code, label) for code, label, _kind in RISKS]
    KIND_OF = {code: kind for code, _label, kind in RISKS}

    grant = models.ForeignKey(SeedGrant, on_delete=models.CASCADE, related_name="risks")
    risk = models.CharField(max_length=20, choices=RISK_CHOICES)
    kind = models.CharField(max_length=6, choices=KINDS)
    how_handled = models.TextField(_("how it is handled"))
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                    related_name="+")
    recorded_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["kind", "id"]
        constraints = [
            models.UniqueConstraint(fields=["grant", "risk"], name="one_row_per_grant_risk"),
        ]

    def __str__(self):
        return f"{self.risk} (seed grant #{self.grant_id})"


class GrantFollowUp(models.Model):
    """The follow-up at 3, 6 or 12 months after the money went out."""

    grant = models.ForeignKey(SeedGrant, on_delete=models.CASCADE, related_name="follow_ups")
    months = models.PositiveSmallIntegerField(
        _("follow-up"), choices=[(m, _("%(m)d months") % {"m": m}) for m in FOLLOW_UP_MONTHS])
    running = models.BooleanField(_("the business is running"))
    earned_last_month_paise = models.BigIntegerField(_("earned last month (paise)"))
    notes = models.TextField(_("notes"), blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                    related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["months"]
        constraints = [
            models.UniqueConstraint(fields=["grant", "months"], name="one_follow_up_per_point"),
            models.CheckConstraint(condition=Q(earned_last_month_paise__gte=0),
                                   name="follow_up_earnings_not_negative"),
        ]

    def __str__(self):
        return f"{self.months}-month follow-up of seed grant #{self.grant_id}"
