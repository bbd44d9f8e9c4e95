"""The custodian's files for the bank (payouts/bank_files.py has the layouts): a run's unpaid,
unheld bank or UPI lines, each maker's record read through the audited vault. A line whose
details fail the checks is left out of the file and listed, with the reason, on the run page
(the BankExport record), never silently dropped."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from artisans import services as artisan_services

from . import bank_files
from .csv_export import write_csv
from .models import BankExport, PayoutLine, PayoutRun
from .roles import is_custodian

logger = logging.getLogger("payouts.bank_export")


@dataclass
class ExportFile:
    content: str
    filename: str
    count: int = 0
    total_paise: int = 0
    left_out: list[dict] = field(default_factory=list)  # {"line", "maker", "reason"}
    record: BankExport | None = None


def exportable_lines(run: PayoutRun, method: str):
    """Lines the bank still has to pay: this method, not held, not paid, no word from the bank."""
    return (
        run.lines.filter(method=method, hold=False, disbursement__isnull=True,
                         bank_outcome__isnull=True)
        .select_related("artisan").order_by("pk")
    )


def export_run(*, user, run: PayoutRun, method: str) -> ExportFile:
    """The bank bulk-upload file (method "bank") or the UPI list ("upi") of an approved run.
    Custodians only; each maker's record read through the vault, each read in its audit log."""
    if not is_custodian(user):
        raise PermissionDenied(_("Only the identity custodians may export bank or UPI details."))
    if method not in (PayoutLine.BANK, PayoutLine.UPI):
        raise ValidationError(_("Export bank or UPI payments."))
    if run.status not in (PayoutRun.APPROVED, PayoutRun.PAYING):
        raise ValidationError(_("Only an approved run can be exported for payment."))
    reason = _("Payout run #%(run)s: %(method)s file for the bank") % {
        "run": run.pk, "method": method.upper()}
    problems_of = bank_files.bank_problems if method == PayoutLine.BANK else bank_files.upi_problems
    row_of = bank_files.bank_row if method == PayoutLine.BANK else bank_files.upi_row
    rows, left_out, total = [], [], 0
    for line in exportable_lines(run, method):
        identity = artisan_services.read_identity(user=user, artisan=line.artisan,
                                                  reason=reason) or {}
        problems = problems_of(identity)
        if problems:
            left_out.append({"line": line.pk, "maker": line.artisan.pseudonym,
                             "reason": "; ".join(problems)})
            continue
        rows.append(row_of(identity=identity, paise=line.amount_paise,
                           reference=bank_files.narration(run.pk, line.pk)))
        total += line.amount_paise
    control = bank_files.control_row(run_id=run.pk, on=timezone.localdate(), count=len(rows),
                                     total_paise=total)
    record = BankExport.objects.create(run=run, method=method, made_by=user, count=len(rows),
                                       total_paise=total, left_out=left_out)
    logger.info("Payout run %s: %s file by user %s: %s rows, %s left out", run.pk, method,
                user.pk, len(rows), len(left_out))
    return ExportFile(content=write_csv([control, *rows]),
                      filename=f"haat-run-{run.pk}-{method}-{timezone.localdate():%Y%m%d}.csv",
                      count=len(rows), total_paise=total, left_out=left_out, record=record)
