"""The custodian's files for the bank (payouts/bank_files.py has the layouts): a run's unpaid,
unheld bank or UPI lines, each maker's record read through the audited vault.

Each new file is numbered within its run (HAAT-R<run>-F<n>, in its control row) and holds the
lines it was made with; a line in a file is never put in a later one (the bank has it; its word
comes back in the return file, and a failed line stays owed for the next run). The custodian can
download a file again: the same lines, the same date and reference, the same bytes (checked
against the SHA-256 kept when it was made), so uploading it twice is caught by the bank's
duplicate-file check instead of paying twice. Every download is recorded (BankFileDownload).

A line whose details fail the checks is left out of the file and listed, with the reason, on the
run page, never silently dropped; once her record is fixed she goes in the next new file."""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from artisans import identity_services

from . import bank_files
from .csv_export import write_csv
from .models import BankExport, BankFileDownload, PayoutLine, PayoutRun
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
    """Lines the bank still has to be sent: this method, not held, not paid, no word from the
    bank, and in none of the run's earlier files."""
    return (
        run.lines.filter(method=method, hold=False, disbursement__isnull=True,
                         bank_outcome__isnull=True, bank_files__isnull=True)
        .select_related("artisan").order_by("pk")
    )


def _check(user, run, method):
    if not is_custodian(user):
        raise PermissionDenied(_("Only the identity custodians may export bank or UPI details."))
    if method not in (PayoutLine.BANK, PayoutLine.UPI):
        raise ValidationError(_("Export bank or UPI payments."))


def _rows(user, run, method, lines, reason):
    """([row], [line], [left out], total) for ``lines``, each maker read through the vault."""
    problems_of = bank_files.bank_problems if method == PayoutLine.BANK else bank_files.upi_problems
    row_of = bank_files.bank_row if method == PayoutLine.BANK else bank_files.upi_row
    rows, kept, left_out, total = [], [], [], 0
    for line in lines:
        identity = identity_services.read_identity(user=user, artisan=line.artisan,
                                                  reason=reason) or {}
        problems = problems_of(identity)
        if problems:
            left_out.append({"line": line.pk, "maker": line.artisan.pseudonym,
                             "reason": "; ".join(problems)})
            continue
        rows.append(row_of(identity=identity, paise=line.amount_paise,
                           reference=bank_files.narration(run.pk, line.pk)))
        kept.append(line)
        total += line.amount_paise
    return rows, kept, left_out, total


def _content(run, number, on, rows, total):
    control = bank_files.control_row(run_id=run.pk, number=number, on=on, count=len(rows),
                                     total_paise=total)
    return write_csv([control, *rows])


def _filename(record):
    return f"haat-run-{record.run_id}-{record.method}-F{record.number}-{record.made_on:%Y%m%d}.csv"


def export_run(*, user, run: PayoutRun, method: str) -> ExportFile:
    """A new file (method "bank": the bulk-upload file; "upi": the UPI list) of an approved run
    with its lines not yet in a file. Custodians only. Nothing to send: ValidationError (the
    check is still recorded, with the lines left out and why)."""
    _check(user, run, method)
    with transaction.atomic():
        run = PayoutRun.objects.select_for_update().get(pk=run.pk)
        if run.status not in (PayoutRun.APPROVED, PayoutRun.PAYING):
            raise ValidationError(_("Only an approved run can be exported for payment."))
        number = (run.exports.aggregate(n=Max("number"))["n"] or 0) + 1
        reference = bank_files.file_reference(run.pk, number)
        reason = _("Payout run #%(run)s: %(method)s file %(ref)s for the bank") % {
            "run": run.pk, "method": method.upper(), "ref": reference}
        rows, kept, left_out, total = _rows(user, run, method, exportable_lines(run, method),
                                            reason)
        if not rows and left_out:
            BankExport.objects.create(run=run, method=method, made_by=user, count=0,
                                      total_paise=0, left_out=left_out)
            logger.info("Payout run %s: no %s file by user %s: nothing to send, %s left out",
                        run.pk, method, user.pk, len(left_out))
        elif rows:
            on = timezone.localdate()
            content = _content(run, number, on, rows, total)
            record = BankExport.objects.create(
                run=run, method=method, made_by=user, count=len(rows), total_paise=total,
                left_out=left_out, number=number, made_on=on,
                sha256=hashlib.sha256(content.encode()).hexdigest())
            record.lines.set(kept)
            BankFileDownload.objects.create(file=record, by=user)
    if not rows:  # the check is recorded (above); no file
        if left_out:
            raise ValidationError(_("No %(method)s file made: every payment left to send has "
                                    "details that fail the checks (listed below).")
                                  % {"method": method.upper()})
        raise ValidationError(_(
            "No new %(method)s file: every %(method)s payment of this run is already in a file "
            "(download that file again below) or paid.") % {"method": method.upper()})
    logger.info("Payout run %s: %s file %s by user %s: %s rows, %s left out", run.pk, method,
                reference, user.pk, len(rows), len(left_out))
    return ExportFile(content=content, filename=_filename(record), count=len(rows),
                      total_paise=total, left_out=left_out, record=record)


def export_again(*, user, record: BankExport) -> ExportFile:
    """File n of its run again, byte for byte, read afresh from the vault (audited). Refused,
    rather than a different file under the same reference, if a maker's details changed."""
    _check(user, record.run, record.method)
    if record.number is None:
        raise ValidationError(_("That check made no file."))
    run = record.run
    reason = _("Payout run #%(run)s: %(method)s file %(ref)s again") % {
        "run": run.pk, "method": record.method.upper(), "ref": record.reference}
    lines = record.lines.select_related("artisan").order_by("pk")
    rows, kept, left_out, total = _rows(user, run, record.method, lines, reason)
    content = _content(run, record.number, record.made_on, rows, total)
    if left_out or hashlib.sha256(content.encode()).hexdigest() != record.sha256:
        logger.warning("Payout run %s: file %s not made again for user %s: details changed",
                       run.pk, record.reference, user.pk)
        raise ValidationError(_(
            "File %(ref)s cannot be made again exactly: a maker's bank details changed since it "
            "was made. Ask the bank whether %(ref)s was uploaded before sending anything else.")
            % {"ref": record.reference})
    BankFileDownload.objects.create(file=record, by=user, again=True)
    logger.info("Payout run %s: %s file %s again by user %s", run.pk, record.method,
                record.reference, user.pk)
    return ExportFile(content=content, filename=_filename(record), count=len(rows),
                      total_paise=total, record=record)
