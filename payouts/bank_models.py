"""The payout files' own records (imported by payouts.models): each bulk-upload file the custodian
downloaded (with the lines left out and why) and each return file finance uploaded, with what
the bank said of each line. See payouts/bank_files.py for the layouts."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class BankExport(models.Model):
    """A bank or UPI file of a run, numbered within the run (reference HAAT-R<run>-F<n>, in its
    control row), with the lines it holds: a line in a file is never put in another one, and
    the custodian downloads the same file again, byte for byte (its SHA-256 kept to prove it).
    No bank detail is kept here: the reasons a line was left out name the problem, never the
    number; the details are read from the vault again at each download."""

    run = models.ForeignKey("payouts.PayoutRun", on_delete=models.PROTECT, related_name="exports")
    method = models.CharField(max_length=5)
    made_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                related_name="+")
    made_at = models.DateTimeField(auto_now_add=True)
    count = models.PositiveIntegerField()
    total_paise = models.BigIntegerField()
    # [{"line": id, "maker": pseudonym, "reason": text}]
    left_out = models.JSONField(default=list, blank=True)
    # Blank/null only on files made before files were numbered (migration 0008).
    number = models.PositiveIntegerField(null=True, blank=True)
    made_on = models.DateField(null=True, blank=True)  # the control row's date
    sha256 = models.CharField(max_length=64, blank=True)
    lines = models.ManyToManyField("payouts.PayoutLine", blank=True, related_name="bank_files")

    class Meta:
        ordering = ["-made_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["run", "number"], name="bank_file_number_in_run"),
        ]

    def __str__(self):
        return f"{self.method} file of run #{self.run_id}"

    @property
    def reference(self):
        return f"HAAT-R{self.run_id}-F{self.number}"


class BankFileDownload(models.Model):
    """Each download of a bank file, the first and every later one (the vault reads behind it
    are in the vault's own audit log)."""

    file = models.ForeignKey(BankExport, on_delete=models.PROTECT, related_name="downloads")
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(auto_now_add=True)
    again = models.BooleanField(default=False)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self):
        return f"Download of bank file #{self.file_id}"


class BankReturnFile(models.Model):
    """A return file the bank sent back, by its SHA-256: the same file twice is recognised."""

    run = models.ForeignKey("payouts.PayoutRun", on_delete=models.PROTECT,
                            related_name="return_files")
    sha256 = models.CharField(max_length=64, unique=True)
    filename = models.CharField(max_length=200, blank=True)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                    related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)
    paid = models.PositiveIntegerField(default=0)
    failed = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-uploaded_at", "-id"]

    def __str__(self):
        return f"Return file #{self.pk} of run #{self.run_id}"


class BankOutcome(models.Model):
    """What the bank did with one line (at most one outcome a line). Paid lines also have their
    Disbursement; a failed or returned line stays owed to the maker (her payable)."""

    PAID, FAILED, RETURNED = "paid", "failed", "returned"
    STATUSES = [(PAID, _("Paid")), (FAILED, _("Failed")), (RETURNED, _("Returned"))]

    line = models.OneToOneField("payouts.PayoutLine", on_delete=models.PROTECT,
                                related_name="bank_outcome")
    file = models.ForeignKey(BankReturnFile, on_delete=models.PROTECT, related_name="outcomes")
    row = models.PositiveIntegerField()
    status = models.CharField(max_length=10, choices=STATUSES)
    utr = models.CharField(_("UTR"), max_length=22, blank=True)
    reason = models.CharField(_("bank's reason"), max_length=200, blank=True)
    # A line marked paid before the bank returned it: the journal that put it back.
    reversal = models.OneToOneField("payouts.Journal", null=True, blank=True,
                                    on_delete=models.PROTECT, related_name="+")

    class Meta:
        constraints = [
            models.CheckConstraint(condition=~Q(status="paid") | ~Q(utr=""),
                                   name="bank_paid_has_utr"),
            models.CheckConstraint(condition=Q(status="paid") | ~Q(reason=""),
                                   name="bank_failure_has_reason"),
        ]

    def __str__(self):
        return f"{self.status} line #{self.line_id}"

    @property
    def failed(self):
        return self.status != self.PAID
