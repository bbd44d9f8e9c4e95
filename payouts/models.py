"""The ledger (DESIGN.md section 4), the dated split settings, payout runs and the training fund.

Money in the ledger is integer paise, signed: debits positive, credits negative; a journal's
entries sum to zero. Journals and entries are append-only: the model refuses to save an existing
row or delete any, and a database trigger (migration 0002) refuses UPDATE and DELETE.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class AppendOnlyError(ValidationError):
    pass


class AppendOnlyQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AppendOnlyError(_("The ledger is append-only: post a reversing journal instead."))

    def delete(self):
        raise AppendOnlyError(_("The ledger is append-only: post a reversing journal instead."))


class AppendOnlyModel(models.Model):
    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if self.pk is not None and not self._state.adding:
            raise AppendOnlyError(_("The ledger is append-only: post a reversing journal instead."))
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError(_("The ledger is append-only: post a reversing journal instead."))


class Account(models.Model):
    ASSET, LIABILITY, INCOME, EXPENSE, EQUITY = "asset", "liability", "income", "expense", "equity"
    KINDS = [
        (ASSET, _("asset")),
        (LIABILITY, _("liability")),
        (INCOME, _("income")),
        (EXPENSE, _("expense")),
        (EQUITY, _("equity")),
    ]

    code = models.CharField(max_length=80, unique=True)
    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=10, choices=KINDS)
    # Whose account: "artisan:12", "company:3". A key, not a FK, so that an owner from a higher
    # app (a CSR partner company) needs no import of that app.
    owner_key = models.CharField(max_length=80, blank=True, db_index=True)

    class Meta:
        ordering = ["code"]

    def __str__(self):
        return self.name


class Journal(AppendOnlyModel):
    """One business event, posted once (its idempotency key is unique)."""

    BATCH, CAPTURE, REFUND, PAYOUT, FUND, PLEDGE, PLEDGE_PAID, OTHER = (
        "batch", "capture", "refund", "payout", "fund", "pledge", "csrpay", "other",
    )
    # Bulk orders on net terms: the tax invoice raised, its bank transfer, a credit note.
    INVOICE, INVOICE_PAID, CREDIT_NOTE = "invoice", "invpaid", "credit"
    EVENTS = [
        (BATCH, _("batch accepted")),
        (CAPTURE, _("payment captured")),
        (REFUND, _("refund")),
        (PAYOUT, _("payout to a maker")),
        (FUND, _("training fund disbursement")),
        (PLEDGE, _("CSR pledge")),
        (PLEDGE_PAID, _("CSR pledge received")),
        (INVOICE, _("tax invoice issued")),
        (INVOICE_PAID, _("invoice paid by bank transfer")),
        (CREDIT_NOTE, _("credit note")),
        (OTHER, _("other")),
    ]

    idempotency_key = models.CharField(max_length=120, unique=True)
    event = models.CharField(max_length=10, choices=EVENTS, default=OTHER, db_index=True)
    memo = models.CharField(max_length=300)
    # The order number, batch id, run id... this journal is about, for reading it back.
    reference = models.CharField(max_length=80, blank=True, db_index=True)
    # The split settings used (captures and their refunds).
    split_setting = models.ForeignKey(
        "payouts.SplitSetting", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"Journal #{self.pk} {self.idempotency_key}"


class Entry(AppendOnlyModel):
    journal = models.ForeignKey(Journal, on_delete=models.PROTECT, related_name="entries")
    account = models.ForeignKey(Account, on_delete=models.PROTECT, related_name="entries")
    amount = models.BigIntegerField(help_text=_("paise; debit positive, credit negative"))

    class Meta:
        ordering = ["id"]
        verbose_name_plural = _("entries")
        constraints = [
            models.CheckConstraint(condition=~Q(amount=0), name="entry_amount_not_zero"),
        ]

    def __str__(self):
        return f"{self.amount} paise to {self.account_id}"


class SplitSetting(models.Model):
    """The GST rate and the shares in force from ``valid_from`` until the next row's."""

    valid_from = models.DateTimeField(_("in force from"), unique=True)
    gst_rate = models.DecimalField(
        _("GST rate"), max_digits=6, decimal_places=4,
        validators=[MinValueValidator(0), MaxValueValidator(1)],
        help_text=_("A fraction: 0.0500 for 5%."),
    )
    maker_share = models.DecimalField(
        _("maker's share of the price net of GST"), max_digits=6, decimal_places=4,
        validators=[MinValueValidator(0), MaxValueValidator(1)],
    )
    fund_share = models.DecimalField(
        _("training fund's share of the price net of GST"), max_digits=6, decimal_places=4,
        validators=[MinValueValidator(0), MaxValueValidator(1)],
    )
    note = models.CharField(_("note"), max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-valid_from"]
        constraints = [
            models.CheckConstraint(
                condition=Q(gst_rate__gte=0, gst_rate__lte=1, maker_share__gte=0, fund_share__gte=0),
                name="split_setting_ranges",
            ),
            models.CheckConstraint(
                condition=Q(maker_share__lte=1 - models.F("fund_share")),
                name="split_setting_shares_at_most_one",
            ),
        ]

    def __str__(self):
        return (
            f"From {self.valid_from:%Y-%m-%d %H:%M}: GST {self.gst_rate:%}, maker "
            f"{self.maker_share:%}, fund {self.fund_share:%}"
        )

    def clean(self):
        if (
            self.maker_share is not None and self.fund_share is not None
            and self.maker_share + self.fund_share > 1
        ):
            raise ValidationError(_("The maker's and the fund's shares together cannot exceed 1."))


class PayoutRun(models.Model):
    DRAFTING, DRAFT, APPROVED, PAYING, PAID = "drafting", "draft", "approved", "paying", "paid"
    STATUSES = [
        (DRAFTING, _("Being drafted")),
        (DRAFT, _("Draft")),
        (APPROVED, _("Approved")),
        (PAYING, _("Being paid")),
        (PAID, _("Paid")),
    ]

    period = models.DateField(_("month"), help_text=_("The first day of the month paid for."))
    status = models.CharField(max_length=10, choices=STATUSES, default=DRAFT, db_index=True)
    # True until paid: at most one open run, so two runs cannot pay the same balance.
    is_open = models.BooleanField(default=True, editable=False)
    prepared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
        related_name="+",
    )
    approved_at = models.DateTimeField(null=True, blank=True)
    paid_at = models.DateTimeField(null=True, blank=True)
    # While "drafting" (a Celery task writes the lines, payouts.runs.fill_draft): how many of the
    # makers owed money have their line, for the page to show (issue 22).
    makers_done = models.PositiveIntegerField(default=0)
    makers_total = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-period", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["is_open"], condition=Q(is_open=True), name="one_open_payout_run"
            ),
            models.CheckConstraint(
                condition=Q(approved_by__isnull=True) | ~Q(approved_by=models.F("prepared_by")),
                name="payout_run_four_eyes",
            ),
        ]

    def __str__(self):
        return f"Payout run #{self.pk} ({self.period:%B %Y})"


class PayoutLine(models.Model):
    BANK, UPI, CASH = "bank", "upi", "cash"
    METHODS = [(BANK, _("Bank transfer")), (UPI, _("UPI")), (CASH, _("Cash at the shelter"))]

    run = models.ForeignKey(PayoutRun, on_delete=models.PROTECT, related_name="lines")
    artisan = models.ForeignKey("artisans.Artisan", on_delete=models.PROTECT, related_name="+")
    amount_paise = models.BigIntegerField(_("amount (paise)"))
    # What she earned in the month (piece rates and sales shares), for the living-income check.
    earned_paise = models.BigIntegerField(default=0)
    method = models.CharField(_("method"), max_length=5, choices=METHODS, default=BANK)
    witness_name = models.CharField(_("witness (cash only)"), max_length=120, blank=True)
    hold = models.BooleanField(_("hold"), default=False)
    hold_reason = models.CharField(_("reason for the hold"), max_length=300, blank=True)

    class Meta:
        ordering = ["artisan__pseudonym"]
        constraints = [
            models.UniqueConstraint(fields=["run", "artisan"], name="one_payout_line_per_maker"),
            models.CheckConstraint(condition=Q(amount_paise__gt=0), name="payout_line_positive"),
            models.CheckConstraint(
                condition=Q(hold=False) | ~Q(hold_reason=""), name="payout_hold_has_reason"
            ),
        ]

    def __str__(self):
        return f"Line #{self.pk} of run #{self.run_id}"


class Disbursement(models.Model):
    """A payout line paid. One per line at most (the OneToOne is the database's guarantee)."""

    line = models.OneToOneField(PayoutLine, on_delete=models.PROTECT, related_name="disbursement")
    method = models.CharField(max_length=5, choices=PayoutLine.METHODS)
    reference = models.CharField(_("reference"), max_length=120)
    witness_name = models.CharField(max_length=120, blank=True)
    paid_on = models.DateField(_("paid on"))
    journal = models.OneToOneField(Journal, on_delete=models.PROTECT, related_name="+")
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=~Q(method="cash") | ~Q(witness_name=""), name="cash_needs_witness"
            ),
        ]

    def __str__(self):
        return f"Disbursement of line #{self.line_id}"


# --- The training fund -------------------------------------------------------------------------
SCHEDULE_VII_HEADS = [
    ("ii", _("(ii) Education and vocational skills, livelihood enhancement")),
    ("iii", _("(iii) Empowering women, gender equality")),
]


class Programme(models.Model):
    name = models.CharField(_("name"), max_length=200, unique=True)
    schedule_vii_head = models.CharField(
        _("Schedule VII head"), max_length=5, choices=SCHEDULE_VII_HEADS
    )
    description = models.TextField(_("description"), blank=True)
    # For CSR reports (csr_partners): how many artisans the programme trained.
    trainees = models.PositiveIntegerField(_("artisans trained"), default=0)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class FundDisbursement(models.Model):
    TRAINER_FEES, MATERIALS, SEED_GRANT = "trainer_fees", "materials", "seed_grant"
    HEADS = [
        (TRAINER_FEES, _("Trainer fees")),
        (MATERIALS, _("Training materials")),
        (SEED_GRANT, _("Micro-business seed grant")),
    ]
    REQUESTED, PAID = "requested", "paid"
    STATUSES = [(REQUESTED, _("Waiting for approval")), (PAID, _("Approved and paid"))]

    head = models.CharField(_("what for"), max_length=15, choices=HEADS)
    programme = models.ForeignKey(
        Programme, null=True, blank=True, on_delete=models.PROTECT, related_name="disbursements"
    )
    artisan = models.ForeignKey(
        "artisans.Artisan", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    amount_paise = models.BigIntegerField(_("amount (paise)"))
    description = models.CharField(_("description"), max_length=300)
    status = models.CharField(max_length=10, choices=STATUSES, default=REQUESTED)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    requested_at = models.DateTimeField(auto_now_add=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
        related_name="+",
    )
    approved_at = models.DateTimeField(null=True, blank=True)
    journal = models.OneToOneField(
        Journal, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-requested_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(amount_paise__gt=0), name="fund_amount_positive"),
            models.CheckConstraint(
                condition=Q(head="seed_grant", artisan__isnull=False, programme__isnull=True)
                | (~Q(head="seed_grant") & Q(programme__isnull=False)),
                name="fund_grant_to_artisan_or_programme",
            ),
            models.CheckConstraint(
                condition=Q(approved_by__isnull=True) | ~Q(approved_by=models.F("requested_by")),
                name="fund_four_eyes",
            ),
        ]

    def __str__(self):
        return f"Fund disbursement #{self.pk}"


class LinePosting(models.Model):
    """The order lines a capture or refund journal posted: quantity positive for a capture,
    negative for a refund, at the unit price paid. A line's quantities never go below zero."""

    journal = models.ForeignKey(Journal, on_delete=models.PROTECT, related_name="line_postings")
    order_line_id = models.IntegerField(db_index=True)
    product_id = models.IntegerField(null=True, blank=True)
    quantity = models.IntegerField()
    unit_paise = models.BigIntegerField()
    # The GST rate the line was split at (the product's HSN rate on the day), so that a refund
    # reverses exactly what was posted even after the rate table changes.
    gst_rate = models.DecimalField(max_digits=6, decimal_places=4, null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["journal", "order_line_id"], name="one_posting_per_line_and_journal"
            ),
        ]

    def __str__(self):
        return f"{self.quantity} x line {self.order_line_id} in journal #{self.journal_id}"


from .bank_models import BankExport, BankFileDownload, BankOutcome, BankReturnFile  # noqa: E402, F401  (issue 18)
from .grant_models import GrantFollowUp, GrantRisk, SeedGrant, SeedGrantDecision  # noqa: E402, F401  (seed grants, issue 21)
from .rating_models import ServiceRating  # noqa: E402, F401  (makers' ratings, issue 21)
from .refund_models import LineRefund  # noqa: E402, F401  (refunds by amount, issue 18)
from .statement_batch_models import StatementBatch, StatementBatchPart  # noqa: E402, F401  (statement zips, issue 22)
from .tax_models import DocumentCounter, GstRate  # noqa: E402, F401  (GST rates and document numbers)
