"""The recipients file of a bulk order: read and check every row, report every fault at once.

Pure Python (no database): ``check_recipients(data, pieces)`` returns the clean rows or the
list of faults, each with the row number as a spreadsheet shows it (the header is row 1), the
column and what is wrong. Nothing is saved by this module; the service saves the rows only when
the list of faults is empty.

``csv_safe`` (payouts.csv_export, the one neutraliser every CSV export shares) makes cells a
spreadsheet would run as a formula (CSV injection) plain text: every CSV this app writes passes
each cell through it.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field

import phonenumbers
from django.utils.translation import gettext as _

from payouts.csv_export import csv_safe, write_csv  # noqa: F401  (csv_safe: the one neutraliser)

from .india import canonical_state, pin_not_in_state

COLUMNS = [
    "name", "address_line1", "address_line2", "city", "state", "pin_code", "phone",
    "gift_message",
]
REQUIRED = ["name", "address_line1", "city", "state", "pin_code", "phone"]
# What people call the columns in the files they already have.
HEADER_ALIASES = {
    "full name": "name", "recipient": "name", "recipient name": "name",
    "address": "address_line1", "address 1": "address_line1", "address line 1": "address_line1",
    "address 2": "address_line2", "address line 2": "address_line2",
    "town": "city", "city or town": "city", "pin": "pin_code", "pincode": "pin_code",
    "pin code": "pin_code", "postcode": "pin_code", "mobile": "phone", "phone number": "phone",
    "mobile number": "phone", "message": "gift_message", "gift message": "gift_message",
}
MAX_LENGTHS = {"name": 120, "address_line1": 200, "address_line2": 200, "city": 80}
GIFT_MESSAGE_MAX = 200
MAX_ROWS = 5000
PIN_CODE = re.compile(r"^[1-9][0-9]{5}$")


@dataclass(frozen=True)
class Fault:
    row: int
    column: str
    message: str


@dataclass
class Checked:
    rows: list[dict] = field(default_factory=list)
    faults: list[Fault] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.faults and bool(self.rows)


def _decode(data: bytes | str) -> str:
    if isinstance(data, str):
        return data.lstrip("\ufeff")
    if b"\x00" in data[:4096]:  # a spreadsheet's own format, an image, UTF-16 text
        raise UnicodeDecodeError("utf-8", b"", 0, 1, "binary")
    for encoding in ("utf-8-sig", "cp1252"):  # Excel on Windows saves "CSV" in cp1252
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise UnicodeDecodeError("utf-8", b"", 0, 1, "not text")


def _column_name(header: str) -> str:
    key = " ".join((header or "").replace("_", " ").split()).lower()
    return HEADER_ALIASES.get(key, key.replace(" ", "_"))


PROGRESS_STEPS = 10  # progress reported at each tenth of the file, whatever its length


def check_recipients(data: bytes | str, *, pieces: int, progress=None) -> Checked:
    """Every row of the file checked; ``pieces`` is how many pieces the order has (each recipient
    gets at least one). ``progress(done, total)``, when given, is called at each tenth of the
    rows and once at the end: the same number of calls (so of progress writes) for a file of
    10 rows as for one of 5,000."""
    result = Checked()
    try:
        text = _decode(data)
    except UnicodeDecodeError:
        result.faults.append(Fault(1, "", _("The file is not a text (CSV) file. Save it as CSV "
                                            "UTF-8 from your spreadsheet and upload it again.")))
        return result
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader)
    except (StopIteration, csv.Error):
        result.faults.append(Fault(1, "", _("The file is empty.")))
        return result
    names = [_column_name(h) for h in header]
    missing = [c for c in REQUIRED if c not in names]
    if missing:
        for column in missing:
            result.faults.append(Fault(1, column, _("The header row has no “%(c)s” column.")
                                       % {"c": column}))
        return result
    position = {name: names.index(name) for name in COLUMNS if name in names}
    try:
        raw_rows = list(reader)
    except csv.Error as exc:
        result.faults.append(Fault(reader.line_num, "", _("The file cannot be read as CSV: %(e)s")
                                   % {"e": exc}))
        return result
    total = len(raw_rows)
    # Blank lines (a spreadsheet's export often ends with some) are not recipients: a file of
    # exactly MAX_ROWS recipients and a trailing blank line is accepted.
    filled = sum(1 for raw in raw_rows if any(cell.strip() for cell in raw))
    if filled > MAX_ROWS:
        result.faults.append(Fault(MAX_ROWS + 2, "", _(
            "The file has %(n)d recipients; upload at most %(max)d at a time.")
            % {"n": filled, "max": MAX_ROWS}))
        return result
    seen: dict[tuple, int] = {}
    count = 0
    marks = {total * k // PROGRESS_STEPS for k in range(PROGRESS_STEPS)} if progress else set()
    for index, raw in enumerate(raw_rows):
        row_number = index + 2
        if index in marks:
            progress(index, total)
        if not any(cell.strip() for cell in raw):
            continue  # blank lines at the end of a spreadsheet export
        count += 1
        values = {
            name: " ".join(raw[pos].split()) if pos < len(raw) else ""
            for name, pos in position.items()
        }
        clean, faults = _check_row(values, row_number)
        result.faults.extend(faults)
        if faults:
            continue
        key = (clean["name"].lower(), clean["address_line1"].lower(), clean["pin_code"])
        if key in seen:
            result.faults.append(Fault(row_number, "name", _(
                "The same recipient and address are on row %(r)d.") % {"r": seen[key]}))
            continue
        seen[key] = row_number
        clean["row"] = row_number
        result.rows.append(clean)
    if progress:
        progress(total, total)
    if count == 0:
        result.faults.append(Fault(2, "", _("The file has no recipients.")))
    elif count > pieces:
        result.faults.append(Fault(pieces + 2, "", _(
            "The file has %(n)d recipients but the order has %(p)d pieces: every recipient needs "
            "at least one. Rows from %(r)d on are one too many.")
            % {"n": count, "p": pieces, "r": pieces + 2}))
    if result.faults:
        result.rows = []
    return result


def _check_row(values: dict, row: int) -> tuple[dict, list[Fault]]:
    faults = []

    def fault(column, message):
        faults.append(Fault(row, column, message))

    for column in REQUIRED:
        if not values.get(column):
            fault(column, _("This is missing."))
    for column, limit in MAX_LENGTHS.items():
        if len(values.get(column, "")) > limit:
            fault(column, _("Longer than %(n)d characters.") % {"n": limit})
    state = None
    if values.get("state"):
        state = canonical_state(values["state"])
        if state is None:
            fault("state", _("“%(s)s” is not an Indian state or union territory.")
                  % {"s": values["state"][:40]})
    pin = values.get("pin_code", "").replace(" ", "")
    if pin:
        if not PIN_CODE.match(pin):
            fault("pin_code", _("A PIN code is 6 digits, e.g. 700019."))
        elif state and (problem := pin_not_in_state(pin, state)):
            fault("pin_code", problem)
    phone = ""
    if values.get("phone"):
        phone = _indian_phone(values["phone"])
        if not phone:
            fault("phone", _("Not an Indian phone number (10 digits, e.g. 98300 12345)."))
    message = values.get("gift_message", "")
    if len(message) > GIFT_MESSAGE_MAX:
        fault("gift_message", _("The gift message has %(n)d characters; at most %(max)d fit on "
                                "the card.") % {"n": len(message), "max": GIFT_MESSAGE_MAX})
    clean = {
        "name": values.get("name", ""), "address_line1": values.get("address_line1", ""),
        "address_line2": values.get("address_line2", ""), "city": values.get("city", ""),
        "state": state or "", "pin_code": pin, "phone": phone, "gift_message": message,
    }
    return clean, faults


# How most rows write a number: 10 digits, perhaps after +91, 91 or 0, perhaps spaced or
# hyphenated once. phonenumbers.parse is most of a 5,000-row file's time, so these skip it and
# go straight to its validity check, which is the same for the number parse would have made.
SIMPLE_INDIAN = re.compile(r"^(?:\+91[ -]?|91[ -]|0)?([1-9][0-9]{4})[ -]?([0-9]{5})$")


def _indian_phone(value: str) -> str:
    """E.164 (+919830012345) for a valid Indian number, "" otherwise."""
    simple = SIMPLE_INDIAN.match(value)
    if simple:
        number = phonenumbers.PhoneNumber(country_code=91,
                                          national_number=int(simple[1] + simple[2]))
        return f"+91{simple[1]}{simple[2]}" if phonenumbers.is_valid_number(number) else ""
    try:
        number = phonenumbers.parse(value, "IN")
    except phonenumbers.NumberParseException:
        return ""
    if number.country_code != 91 or not phonenumbers.is_valid_number(number):
        return ""
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def faults_csv(faults: list[Fault]) -> str:
    return write_csv(([f.row, f.column, f.message] for f in faults), header=["row", "column", "problem"])
