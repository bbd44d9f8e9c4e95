"""Files finance hands on: maker statements (PDF, WeasyPrint). The bank and UPI files of a payout
run are in payouts/bank_export.py (layouts in payouts/bank_files.py)."""

from __future__ import annotations

import logging

from artisans import identity_services

from . import statement_document

logger = logging.getLogger("payouts.documents")


def statement_pdf(artisan, period, *, user=None, legal_name_reason: str = "",
                  language: str = "en") -> bytes:
    """A maker's monthly statement as a PDF, by pseudonym, in English or Bengali ("bn"). With
    ``legal_name_reason`` (and only for an Identity custodian, the vault read audited) the copy
    carries her legal name."""
    statement_document.statement_language(language)  # a wrong language reads nothing
    legal_name = ""
    if legal_name_reason:
        identity = identity_services.read_identity(
            user=user, artisan=artisan, reason=legal_name_reason
        )
        legal_name = (identity or {}).get("legal_name", "")
    return statement_document.render(artisan, period, language=language, legal_name=legal_name)
