"""Files finance hands on: maker statements (PDF, WeasyPrint). The bank and UPI files of a payout
run are in payouts/bank_export.py (layouts in payouts/bank_files.py)."""

from __future__ import annotations

import logging

from django.template.loader import render_to_string

from artisans import services as artisan_services
from catalogue.money import rupees

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
