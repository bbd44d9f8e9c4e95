"""The payout files exchanged with the bank: the layouts, the checks of bank and UPI details, and
the reading of the bank's return file. Pure functions, no database, no vault (DESIGN.md section 4:
no bank is called from the shop; files go by hand through the bank's bulk upload).

Bulk-upload file (bank transfers), CSV, no column-name row:

    H,HAAT-R<run>-F<n>,<run>,<YYYY-MM-DD>,<count>,<total>             control row, first
    D,<NEFT|RTGS|IMPS>,<beneficiary name>,<account no>,<IFSC>,<amount>,<narration>   one a line

UPI list, same control row, then ``D,UPI,<payee name>,<VPA>,<amount>,<narration>``.

Amounts are rupees with exactly two decimals ("1200.00"), the total is the exact sum of the rows
(integer paise underneath). The narration "HAAT R<run> L<line>" is the line's reference: the bank
echoes it back in the return file, which is how a payment finds its line. HAAT-R<run>-F<n> is
the file's own reference (file n of the run): downloaded again, a file is the same bytes, so the
bank's duplicate-file check refuses a second upload of it.

Return file (CSV, the bank's report on the upload), a column-name row then one row a payment:

    reference,utr,status,amount,reason
    HAAT R12 L345,N123426012345678,PAID,1200.00,
    HAAT R12 L346,,FAILED,800.00,Account closed
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.utils.translation import gettext as _

IFSC_RE = re.compile(r"^[A-Z]{4}0[A-Z0-9]{6}$")
ACCOUNT_RE = re.compile(r"^[0-9]{9,18}$")
# NPCI: a handle of letters, digits, dot, hyphen, underscore; "@"; the PSP's handle (letters).
VPA_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{1,255}@[A-Za-z][A-Za-z0-9]{1,63}$")
UTR_RE = re.compile(r"^[A-Z0-9]{12,22}$")
REFERENCE_RE = re.compile(r"^HAAT R(\d{1,9}) L(\d{1,9})$")
# What banks' bulk uploads accept in a beneficiary name (NEFT: 35 characters).
NAME_KEEP = re.compile(r"[^A-Za-z0-9 .]")
NAME_LENGTH = 35
NARRATION_LENGTH = 30

PAID, FAILED, RETURNED = "PAID", "FAILED", "RETURNED"
RETURN_STATUSES = (PAID, FAILED, RETURNED)
RETURN_COLUMNS = ["reference", "utr", "status", "amount", "reason"]
MAX_RETURN_BYTES = 2_000_000


def narration(run_id: int, line_id: int) -> str:
    text = f"HAAT R{run_id} L{line_id}"
    assert len(text) <= NARRATION_LENGTH
    return text


def amount_text(paise: int) -> str:
    """Integer paise as the bank's plain amount: 120000 -> "1200.00" (no float anywhere)."""
    return f"{paise // 100}.{paise % 100:02d}"


def parse_amount(text: str) -> int | None:
    """"1200.00" / "1200" / "1,200.50" -> paise; None if it is not an amount of whole paise."""
    text = (text or "").strip().replace(",", "")
    if not re.fullmatch(r"[0-9]{1,12}(\.[0-9]{1,2})?", text):
        return None
    try:
        value = Decimal(text) * 100
    except InvalidOperation:
        return None
    return int(value)


def payment_type(paise: int) -> str:
    """RTGS from the RTGS minimum (INR 2 lakh), else the shop's setting (NEFT unless IMPS)."""
    if paise >= int(getattr(settings, "PAYOUTS_RTGS_MIN_PAISE", 20_000_000)):
        return "RTGS"
    return getattr(settings, "PAYOUTS_SMALL_PAYMENT_TYPE", "NEFT")


def beneficiary_name(legal_name: str) -> str:
    return " ".join(NAME_KEEP.sub(" ", legal_name or "").split())[:NAME_LENGTH].strip()


def bank_problems(identity: dict) -> list[str]:
    """Why these bank details cannot go in the file (never repeating the details themselves)."""
    problems = []
    if not beneficiary_name(identity.get("legal_name", "")):
        problems.append(_("no legal name recorded"))
    account = "".join((identity.get("bank_account") or "").split())
    if not account:
        problems.append(_("no account number recorded"))
    elif not ACCOUNT_RE.match(account):
        problems.append(_("the account number is not 9 to 18 digits"))
    ifsc = "".join((identity.get("ifsc") or "").split()).upper()
    if not ifsc:
        problems.append(_("no IFSC recorded"))
    elif not IFSC_RE.match(ifsc):
        problems.append(_("the IFSC is not 4 letters, a zero and 6 letters or digits"))
    return problems


def upi_problems(identity: dict) -> list[str]:
    problems = []
    if not beneficiary_name(identity.get("legal_name", "")):
        problems.append(_("no legal name recorded"))
    vpa = (identity.get("upi_id") or "").strip()
    if not vpa:
        problems.append(_("no UPI id recorded"))
    elif not VPA_RE.match(vpa):
        problems.append(_("the UPI id is not in the form name@bank"))
    return problems


def bank_row(*, identity: dict, paise: int, reference: str) -> list:
    return ["D", payment_type(paise), beneficiary_name(identity["legal_name"]),
            "".join(identity["bank_account"].split()),
            "".join(identity["ifsc"].split()).upper(), amount_text(paise), reference]


def upi_row(*, identity: dict, paise: int, reference: str) -> list:
    return ["D", "UPI", beneficiary_name(identity["legal_name"]), identity["upi_id"].strip(),
            amount_text(paise), reference]


def file_reference(run_id: int, number: int) -> str:
    return f"HAAT-R{run_id}-F{number}"


def control_row(*, run_id: int, number: int, on, count: int, total_paise: int) -> list:
    return ["H", file_reference(run_id, number), run_id, on.isoformat(), count,
            amount_text(total_paise)]


# --- The return file ---------------------------------------------------------------------------
@dataclass
class ReturnRow:
    number: int  # the row in the file, counting the column-name row as 1
    run_id: int
    line_id: int
    status: str
    utr: str
    amount_paise: int
    reason: str


@dataclass
class ParsedReturn:
    sha256: str
    rows: list[ReturnRow] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def _error(number, message):
    return _("Row %(row)s: %(reason)s") % {"row": number, "reason": message}


def parse_return(content: bytes) -> ParsedReturn:
    """Every row read and checked for form (not yet against the run); all errors at once."""
    parsed = ParsedReturn(sha256=hashlib.sha256(content).hexdigest())
    if len(content) > MAX_RETURN_BYTES:
        parsed.errors.append(_("The file is larger than a bank return file can be."))
        return parsed
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        parsed.errors.append(_("Row 1: this is not a text (CSV) file."))
        return parsed
    if "\x00" in text:
        parsed.errors.append(_("Row 1: this is not a text (CSV) file."))
        return parsed
    reader = csv.reader(io.StringIO(text))
    try:
        table = [row for row in reader]
    except csv.Error as exc:
        parsed.errors.append(_error(reader.line_num, _("not readable as CSV (%(e)s)") % {"e": exc}))
        return parsed
    header = [cell.strip().lower() for cell in table[0]] if table else []
    if header != RETURN_COLUMNS:
        parsed.errors.append(_error(1, _("the columns must be %(cols)s") % {
            "cols": ",".join(RETURN_COLUMNS)}))
        return parsed
    seen: dict[tuple[int, int], int] = {}
    for number, cells in enumerate(table[1:], start=2):
        if not any(cell.strip() for cell in cells):
            continue
        if len(cells) != len(RETURN_COLUMNS):
            parsed.errors.append(_error(number, _("expected %(n)s cells, found %(m)s") % {
                "n": len(RETURN_COLUMNS), "m": len(cells)}))
            continue
        reference, utr, status, amount, reason = (cell.strip() for cell in cells)
        match = REFERENCE_RE.match(" ".join(reference.split()).upper())
        if not match:
            parsed.errors.append(_error(number, _("“%(ref)s” is not a Haat payout reference")
                                        % {"ref": reference[:40]}))
            continue
        key = (int(match[1]), int(match[2]))
        status, utr = status.upper(), utr.upper()
        paise = parse_amount(amount)
        problems = []
        if key in seen:
            problems.append(_("the same payment as row %(row)s") % {"row": seen[key]})
        if status not in RETURN_STATUSES:
            problems.append(_("status “%(s)s” is not PAID, FAILED or RETURNED") % {"s": status[:20]})
        if paise is None or paise <= 0:
            problems.append(_("amount “%(a)s” is not an amount in rupees") % {"a": amount[:20]})
        if status == PAID and not utr:
            problems.append(_("a paid row needs the bank's UTR"))
        elif utr and not UTR_RE.match(utr):
            problems.append(_("the UTR must be 12 to 22 letters or digits"))
        if status in (FAILED, RETURNED) and not reason:
            problems.append(_("a failed or returned row needs the bank's reason"))
        seen.setdefault(key, number)
        if problems:
            parsed.errors.extend(_error(number, p) for p in problems)
            continue
        parsed.rows.append(ReturnRow(number=number, run_id=key[0], line_id=key[1], status=status,
                                     utr=utr, amount_paise=paise, reason=" ".join(reason.split())[:200]))
    if not parsed.errors and not parsed.rows:
        parsed.errors.append(_("Row 2: the file has no payments in it."))
    return parsed
