"""GST: the dated rate table by HSN code, gap-free document numbers per financial year, and
amounts in words for tax invoices (DESIGN.md section 4, GST).

Reads (``gst_rate_at``, ``gst_rates_at``) and the one write other apps need
(``next_document_number``, inside their own transaction) live together here because the split
(``services.post_payment_captured``) and the bulk-order invoices (csr_partners) both use them.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from .models import DocumentCounter, GstRate

# A GST document number has at most 16 characters (rule 46(b) of the CGST Rules; the
# e-invoice schema's DocDtls.No too): HAAT/2627/000123 is 16, HCN/2627/000001 is 15.
INVOICE_SERIES = "HAAT"
CREDIT_NOTE_SERIES = "HCN"
NUMBER_MAX_LENGTH = 16


# --- Financial years (April to March) -----------------------------------------------------------
def financial_year(on: datetime.date) -> str:
    """"2026-27" for any day from 1 April 2026 to 31 March 2027."""
    start = on.year if on.month >= 4 else on.year - 1
    return f"{start}-{(start + 1) % 100:02d}"


def next_document_number(series: str, on: datetime.date) -> str:
    """The next number of ``series`` in the financial year of ``on``, e.g. HAAT/2627/000123
    for the year 2026-27 (the year in four digits keeps the number within 16 characters).

    Must run inside the transaction that writes the document: the counter row stays locked until
    it commits (so concurrent issuers queue, not collide), and a rollback returns the number.
    """
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("take a document number inside the transaction that writes it")
    year = financial_year(on)
    counter = _locked_counter(series, year)
    counter.last_number += 1
    counter.save(update_fields=["last_number"])
    return f"{series}/{year[2:4]}{year[5:7]}/{counter.last_number:06d}"


def _locked_counter(series: str, year: str) -> DocumentCounter:
    for _try in range(2):
        counter = (
            DocumentCounter.objects.select_for_update().filter(series=series, financial_year=year)
            .first()
        )
        if counter is not None:
            return counter
        try:
            with transaction.atomic():  # a savepoint: losing the race to create it is harmless
                DocumentCounter.objects.create(series=series, financial_year=year)
        except IntegrityError:
            pass  # another transaction created this year's counter first: lock theirs
    raise RuntimeError(f"could not lock the {series} counter for {year}")


# --- The dated rate table ----------------------------------------------------------------------
def _candidates(hsn: str) -> list[str]:
    """The code itself, then its 6- and 4-digit headings: the most specific row wins."""
    hsn = (hsn or "").strip()
    return [c for c in dict.fromkeys([hsn, hsn[:6], hsn[:4]]) if len(c) >= 4]


def gst_rates_at(hsn_codes, on: datetime.date) -> dict[str, Decimal]:
    """{HSN code: rate in force on ``on``} for the codes that have one (one query)."""
    wanted = {code: _candidates(code) for code in set(hsn_codes) if code}
    lookup = {c for cands in wanted.values() for c in cands}
    if not lookup:
        return {}
    latest: dict[str, tuple[datetime.date, Decimal]] = {}
    for code, rate, valid_from in GstRate.objects.filter(
        hsn_code__in=lookup, valid_from__lte=on
    ).values_list("hsn_code", "rate", "valid_from"):
        if code not in latest or valid_from > latest[code][0]:
            latest[code] = (valid_from, rate)
    result = {}
    for code, cands in wanted.items():
        for cand in cands:
            if cand in latest:
                result[code] = latest[cand][1]
                break
    return result


def gst_rate_at(hsn_code: str, on: datetime.date) -> Decimal:
    """The rate of one HSN code on a day; ValidationError when the table has none."""
    rate = gst_rates_at([hsn_code], on).get(hsn_code)
    if rate is None:
        raise ValidationError(
            _("No GST rate for HSN code %(h)s is in force on %(d)s: finance must add one.")
            % {"h": hsn_code or "(none)", "d": on}
        )
    return rate


def record_gst_rate(*, user, hsn_code: str, rate, valid_from: datetime.date, note="") -> GstRate:
    row = GstRate(hsn_code=hsn_code, rate=rate, valid_from=valid_from, note=note, created_by=user)
    row.full_clean()
    row.save()
    return row


# --- Amounts in words -----------------------------------------------------------------------------
def amount_in_words(paise: int) -> str:
    """"Rupees One Lakh Twenty-Three Thousand and Fifty Paise Only": Indian numbering (lakh,
    crore), as Indian tax invoices print it."""
    from num2words import num2words

    if isinstance(paise, bool) or not isinstance(paise, int) or paise < 0:
        raise ValueError("an amount in words needs a whole, non-negative number of paise")
    rupees, rest = divmod(paise, 100)
    words = "Rupees " + num2words(rupees, lang="en_IN").replace(",", "")
    if rest:
        words += " and " + num2words(rest, lang="en_IN") + " Paise"
    return words.title().replace(" And ", " and ") + " Only"
