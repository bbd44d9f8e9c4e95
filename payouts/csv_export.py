"""The one CSV writer every export uses (payout bank/UPI files here; csr_partners' statements,
reports, recipients and faults through payouts.csv_export): no cell a spreadsheet would run.

A text cell that starts with a formula character (= + - @, a tab or a carriage return, also after
leading spaces, and the full-width forms spreadsheets also accept) gets a leading apostrophe, so
Excel, LibreOffice and Google Sheets show it as text (OWASP "CSV Injection"). Numbers (int,
Decimal) are written as they are: a negative amount stays a number.
"""

import csv
import io
from decimal import Decimal

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n", "\uff1d", "\uff0b", "\uff0d", "\uff20")


def csv_safe(value) -> str | int | Decimal:
    if value is None:
        return ""
    if isinstance(value, int | Decimal) and not isinstance(value, bool):
        return value
    text = str(value)
    if text.lstrip(" ").startswith(FORMULA_STARTS):
        return "'" + text
    return text


def write_csv(rows, header=None) -> str:
    """The CSV text of `rows` (sequences of cells), every cell through csv_safe."""
    out = io.StringIO()
    writer = csv.writer(out)
    if header is not None:
        writer.writerow([csv_safe(cell) for cell in header])
    for row in rows:
        writer.writerow([csv_safe(cell) for cell in row])
    return out.getvalue()
