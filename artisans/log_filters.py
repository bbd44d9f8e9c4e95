"""A logging filter that keeps the identity vault out of every log line.

Installed on the handlers in settings.LOGGING. It replaces, in the message, its arguments and
any traceback text:
- every value that went into or came out of the vault in this process (artisans.vault), and
- anything shaped like an Indian phone number, a bank account or ID number (long digit runs),
  an IFSC code or a UPI id, wherever it came from.
"""

import logging
import re

from . import vault

REDACTED = "[redacted]"

PATTERNS = [
    # +91 98300 12345, 098300-12345, 9830012345
    re.compile(r"(?<![\w])(?:\+?91[\s-]?|0)?[6-9]\d{2}[\s-]?\d{2}[\s-]?\d{5}(?![\w])"),
    # bank account numbers, Aadhaar and other ID numbers: 9 to 18 digits, maybe spaced in 4s
    re.compile(r"(?<![\w])\d{4}[\s-]\d{4}[\s-]\d{4}(?![\w])"),
    re.compile(r"(?<![\w.])\d{9,18}(?![\w])"),
    # IFSC: four letters, a zero, six letters or digits
    re.compile(r"\b[A-Z]{4}0[A-Z0-9]{6}\b"),
    # UPI id: handle@bank, with no dot after the bank (that would be an email address)
    re.compile(r"\b[\w.-]{2,}@[A-Za-z]{2,}\b(?![.@\w])"),
]


def scrub(text: str) -> str:
    if not text:
        return text
    for value in vault.known_values():
        if value in text:
            text = text.replace(value, REDACTED)
    for pattern in PATTERNS:
        text = pattern.sub(REDACTED, text)
    return text


class ScrubVaultValues(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a broken format string: keep the raw text, scrubbed
            message = str(record.msg)
        record.msg = scrub(message)
        record.args = None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = scrub(record.exc_text)
        if record.stack_info:
            record.stack_info = scrub(record.stack_info)
        return True
