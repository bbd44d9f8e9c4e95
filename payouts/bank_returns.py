"""The bank's return file closes a payout run: each paid line is posted once with its UTR, each
failed or returned line stays owed to the maker (her payable) with the bank's reason.

The whole file is checked first, row by row, against the run (a row's line must be in one of
the run's bank files: the bank reports only on what it was sent); any error refuses the file (every
error listed, with its row) and nothing changes. A file already uploaded (same SHA-256) changes
nothing either. A paid line is posted under the same idempotency key as "Mark paid"
(``payout:<run>:line:<line>``) and a line has at most one Disbursement, so the two ways of paying
can never both pay it: a line marked paid by hand and reported paid by the bank just gets its
UTR; one the bank returned after it was marked paid gets a reversing journal.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from artisans import services as artisan_services
from catalogue.money import format_paise_figure

from . import bank_files, ledger
from .models import (
    BankExport,
    BankOutcome,
    BankReturnFile,
    Disbursement,
    Journal,
    PayoutLine,
    PayoutRun,
)
from .roles import is_finance

logger = logging.getLogger("payouts.bank_returns")

STATUS = {bank_files.PAID: BankOutcome.PAID, bank_files.FAILED: BankOutcome.FAILED,
          bank_files.RETURNED: BankOutcome.RETURNED}


@dataclass
class ReturnResult:
    file: BankReturnFile
    already: bool  # True: this very file was uploaded before; nothing changed
    paid: int = 0
    failed: int = 0
    unchanged: int = 0  # rows repeating what an earlier file already said


def _check_rows(run, rows, lines):
    """[(row, line, action)] with action "pay", "confirm", "fail", "reverse" or "same"; or the
    errors of every row that does not fit this run."""
    errors, plan, utrs = [], [], {}
    # The lines this run's bank files hold: the bank can only report on what it was sent.
    sent = dict(BankExport.lines.through.objects.filter(
        bankexport__run=run, payoutline_id__in=[r.line_id for r in rows])
        .values_list("payoutline_id", "bankexport__number"))
    known_utrs = dict(BankOutcome.objects.filter(
        utr__in=[r.utr for r in rows if r.utr]).values_list("utr", "line_id"))
    for row in rows:
        def fail(message, row=row):
            errors.append(_("Row %(row)s: %(reason)s") % {"row": row.number, "reason": message})

        if row.run_id != run.pk:
            fail(_("this payment belongs to payout run #%(other)s, not to run #%(run)s")
                 % {"other": row.run_id, "run": run.pk})
            continue
        line = lines.get(row.line_id)
        if line is None:
            fail(_("run #%(run)s has no line %(line)s") % {"run": run.pk, "line": row.line_id})
            continue
        if row.amount_paise != line.amount_paise:
            fail(_("INR %(got)s paid, but the line is for INR %(want)s")
                 % {"got": format_paise_figure(row.amount_paise),
                    "want": format_paise_figure(line.amount_paise)})
            continue
        if line.hold or line.method == PayoutLine.CASH:
            fail(_("line %(line)s is held or paid in cash: it was never in a bank file")
                 % {"line": line.pk})
            continue
        if line.pk not in sent:
            fail(_("line %(line)s was never in a bank file of run #%(run)s, so the bank cannot "
                   "have paid or returned it") % {"line": line.pk, "run": run.pk})
            continue
        if row.utr and (utrs.get(row.utr, line.pk) != line.pk
                        or known_utrs.get(row.utr, line.pk) != line.pk):
            fail(_("UTR %(utr)s is already another payment's") % {"utr": row.utr})
            continue
        utrs[row.utr] = line.pk
        status = STATUS[row.status]
        outcome = getattr(line, "bank_outcome", None)
        paid = hasattr(line, "disbursement")
        if outcome is not None:
            if outcome.status == status and outcome.utr == row.utr:
                plan.append((row, line, "same"))
            else:
                fail(_("line %(line)s was already reported %(status)s in return file #%(file)s")
                     % {"line": line.pk, "status": outcome.get_status_display().lower(),
                        "file": outcome.file_id})
            continue
        if status == BankOutcome.PAID:
            plan.append((row, line, "confirm" if paid else "pay"))
        else:
            plan.append((row, line, "reverse" if paid else "fail"))
    return errors, plan


def _apply(user, run, record, plan, result):
    today = timezone.localdate()
    for row, line, action in plan:
        if action == "same":
            result.unchanged += 1
            continue
        reversal = None
        payable = ledger.maker_payable_code(line.artisan_id)
        if action == "pay":
            journal = ledger.post(
                f"payout:{run.pk}:line:{line.pk}",
                f"Payout run #{run.pk}, line #{line.pk} ({line.get_method_display()}), "
                f"UTR {row.utr}",
                [(payable, line.amount_paise), (ledger.BANK, -line.amount_paise)],
                event=Journal.PAYOUT, reference=f"payout:{run.pk}", user=user,
            )
            Disbursement.objects.create(
                line=line, method=line.method, reference=f"UTR {row.utr}", paid_on=today,
                journal=journal, recorded_by=user,
            )
        elif action == "reverse":
            reversal = ledger.post(
                f"payout:{run.pk}:line:{line.pk}:returned",
                # The bank's own words stay on the outcome (scrubbed): a memo travels with
                # the ledger, so it says only what happened.
                f"Payout run #{run.pk}, line #{line.pk} {row.status.lower()} by the bank",
                [(payable, -line.amount_paise), (ledger.BANK, line.amount_paise)],
                event=Journal.PAYOUT, reference=f"payout:{run.pk}", user=user,
            )
        BankOutcome.objects.create(line=line, file=record, row=row.number,
                                   status=STATUS[row.status], utr=row.utr,
                                   reason=bank_reason(row) if row.status != bank_files.PAID else "",
                                   reversal=reversal)
        if row.status == bank_files.PAID:
            result.paid += 1
        else:
            result.failed += 1


def bank_reason(row) -> str:
    """The bank's remark on a failed or returned line, without the vault's values in it: banks
    often repeat the beneficiary's name or account ("A/C 0123... CLOSED - NAME"), and finance
    sees makers by pseudonym only."""
    return artisan_services.without_identity(row.reason or "")


def _close_if_settled(run):
    open_lines = run.lines.filter(hold=False, disbursement__isnull=True,
                                  bank_outcome__isnull=True)
    if run.status == PayoutRun.APPROVED:
        run.status = PayoutRun.PAYING
    if run.status == PayoutRun.PAYING and not open_lines.exists():
        run.status, run.is_open, run.paid_at = PayoutRun.PAID, False, timezone.now()
    run.save(update_fields=["status", "is_open", "paid_at"])


def _lines(run, rows, lock=False) -> dict[int, PayoutLine]:
    qs = PayoutLine.objects.filter(run=run, pk__in=[r.line_id for r in rows])
    if lock:
        qs = qs.select_for_update(of=("self",))
    return {line.pk: line for line in qs.select_related("disbursement", "bank_outcome")}


def _row_number(message: str) -> int:
    digits = "".join(c for c in message.split(":", 1)[0] if c.isdigit())
    return int(digits or 0)


def apply_return_file(*, user, run: PayoutRun, content: bytes, filename: str = "") -> ReturnResult:
    """Read the bank's return file for ``run`` and post what it says, all or nothing."""
    if not is_finance(user):
        raise ValidationError(_("Only finance staff may upload the bank's return file."))
    parsed = bank_files.parse_return(content)
    if parsed.errors:
        # Every problem at once: the rows that read well are checked against the run too.
        more, _plan = _check_rows(run, parsed.rows, _lines(run, parsed.rows)) if parsed.rows \
            else ([], [])
        raise ValidationError(sorted(parsed.errors + more, key=_row_number))
    earlier = BankReturnFile.objects.filter(sha256=parsed.sha256).first()
    if earlier is not None:
        return ReturnResult(file=earlier, already=True)
    try:
        with transaction.atomic():
            run = PayoutRun.objects.select_for_update().get(pk=run.pk)
            if run.status == PayoutRun.DRAFT:
                raise ValidationError(_("A draft run has not been sent to the bank."))
            errors, plan = _check_rows(run, parsed.rows, _lines(run, parsed.rows, lock=True))
            if errors:
                raise ValidationError(errors)
            record = BankReturnFile.objects.create(
                run=run, sha256=parsed.sha256, filename=(filename or "")[:200], uploaded_by=user)
            result = ReturnResult(file=record, already=False)
            _apply(user, run, record, plan, result)
            record.paid, record.failed = result.paid, result.failed
            record.save(update_fields=["paid", "failed"])
            _close_if_settled(run)
    except IntegrityError:
        # The same file uploaded at the same moment by someone else: theirs counts.
        earlier = BankReturnFile.objects.filter(sha256=parsed.sha256).first()
        if earlier is None:
            raise
        return ReturnResult(file=earlier, already=True)
    logger.info("Payout run %s: return file %s by user %s: %s paid, %s failed", run.pk,
                record.pk, user.pk, result.paid, result.failed)
    return result
