"""Files finance hands on: maker statements (PDF, WeasyPrint) and the bank and UPI bulk-upload
exports of a payout run (CSV, for the Identity custodian only, every record read audited)."""

from __future__ import annotations

import logging

from django.core.exceptions import PermissionDenied, ValidationError
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from artisans import services as artisan_services
from catalogue.money import rupees

from .csv_export import write_csv
from .models import PayoutLine, PayoutRun
from .roles import is_custodian
from .selectors import statement

logger = logging.getLogger("payouts.documents")


def statement_pdf(artisan, period, *, user=None, legal_name_reason: str = "") -> bytes:
    """A maker's monthly statement as a PDF, by pseudonym. With ``legal_name_reason`` (and only
    for an Identity custodian, the vault read audited) the copy carries her legal name."""
    from weasyprint import HTML

    data = statement(artisan, period)
    legal_name = ""
    if legal_name_reason:
        identity = artisan_services.read_identity(
            user=user, artisan=artisan, reason=legal_name_reason
        )
        legal_name = (identity or {}).get("legal_name", "")
    html = render_to_string("payouts/statement.html", {
        "s": data, "r": {k: rupees(v) for k, v in data.items() if isinstance(v, int)},
        "legal_name": legal_name,
    })
    return HTML(string=html).write_pdf()


BANK_COLUMNS = ["beneficiary_name", "account_number", "ifsc", "amount_inr", "reference"]
UPI_COLUMNS = ["payee_name", "upi_id", "amount_inr", "reference"]


def export_run(*, user, run: PayoutRun, method: str) -> str:
    """The bank bulk-upload CSV (method "bank") or the UPI list ("upi") of a run's unpaid,
    unheld lines. Custodians only; each maker's record is read through the audited vault."""
    if not is_custodian(user):
        raise PermissionDenied(_("Only the identity custodians may export bank or UPI details."))
    if method not in (PayoutLine.BANK, PayoutLine.UPI):
        raise ValidationError(_("Export bank or UPI payments."))
    if run.status not in (PayoutRun.APPROVED, PayoutRun.PAYING):
        raise ValidationError(_("Only an approved run can be exported for payment."))
    reason = _("Payout run #%(run)s: %(method)s export") % {"run": run.pk, "method": method}
    rows = []
    lines = (
        run.lines.filter(method=method, hold=False, disbursement__isnull=True)
        .select_related("artisan").order_by("pk")
    )
    for line in lines:
        identity = artisan_services.read_identity(user=user, artisan=line.artisan, reason=reason) or {}
        reference = f"HAAT-R{run.pk}-L{line.pk}"
        amount = f"{rupees(line.amount_paise)}"
        if method == PayoutLine.BANK:
            rows.append([identity.get("legal_name", ""), identity.get("bank_account", ""),
                         identity.get("ifsc", ""), amount, reference])
        else:
            rows.append([identity.get("legal_name", ""), identity.get("upi_id", ""),
                         amount, reference])
    logger.info("Payout run %s: %s export by user %s", run.pk, method, user.pk)
    return write_csv(rows, header=BANK_COLUMNS if method == PayoutLine.BANK else UPI_COLUMNS)
