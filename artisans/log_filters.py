"""A logging filter that keeps the identity vault out of every log line.

Installed on every handler in settings.LOGGING (tests/functional/test_log_scrubbing.py walks them
all) and in gunicorn's (ops/gunicorn.conf.py). It replaces, in the message, its arguments and any
traceback text:
- every value that went into or came out of the vault in this process (artisans.vault), and
  each word of four letters or more of a multi-word value, in any capitals;
- anything shaped like an Indian phone number, a bank account or ID number (long digit runs),
  an IFSC code or a UPI id, wherever it came from;
- the same, percent-decoded, inside a URL ("Not Found: /makers/Name%20Here/", access lines);
- in request lines (django.request, django.server, gunicorn.access) every query-string value,
  since a search box takes whatever a visitor types.

A fresh server process has read no vault record yet, so it would not know a legal name typed
into a URL: ``learn_vault_values`` decrypts every record once into that process's list of
values to scrub (gunicorn calls it when a worker starts and then every few minutes). Nothing
learned this way is shown or stored anywhere; it is not a person's read, so it is not audited.
"""

import logging
import re
import threading
import time
from urllib.parse import unquote_plus

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
# A run of non-space text with percent-escapes or plus-for-space in it: a URL or a part of one.
URL_TEXT = re.compile(r"[^\s\"'<>]*[%+][^\s\"'<>]*")
PERCENT_ESCAPE = re.compile(r"%[0-9A-Fa-f]{2}")
QUERY_VALUE = re.compile(r"([?&][^=&\s\"'#]+=)[^&\s\"'#]+")
REQUEST_LOGGERS = ("django.request", "django.server", "django.security", "gunicorn.access")
_MIN_WORD = 4

_compiled: tuple[tuple[str, ...], re.Pattern | None] = ((), None)


def _known_pattern():
    """One case-insensitive pattern for the vault values known now (rebuilt when they change)."""
    global _compiled
    values = tuple(vault.known_values())
    if values != _compiled[0]:
        words = {w for v in values if " " in v for w in re.split(r"\s+", v) if len(w) >= _MIN_WORD}
        terms = sorted(set(values) | words, key=len, reverse=True)
        pattern = re.compile("|".join(map(re.escape, terms)), re.IGNORECASE) if terms else None
        _compiled = (values, pattern)
    return _compiled[1]


def _scrub_plain(text: str) -> str:
    known = _known_pattern()
    if known is not None:
        text = known.sub(REDACTED, text)
    for pattern in PATTERNS:
        text = pattern.sub(REDACTED, text)
    return text


def _scrub_url(match) -> str:
    raw = match.group(0)
    # Only what is still encoded: an escape, or a query string's plus-for-space.
    if not (PERCENT_ESCAPE.search(raw) or "=" in raw):
        return raw
    decoded = unquote_plus(raw)
    scrubbed = _scrub_plain(decoded)
    return raw if scrubbed == decoded else scrubbed


def scrub(text: str, request_line: bool = False) -> str:
    if not text:
        return text
    # URLs first, decoded whole, so "Name%20Here" goes as one value rather than word by word.
    text = URL_TEXT.sub(_scrub_url, text)
    text = _scrub_plain(text)
    if request_line:
        text = QUERY_VALUE.sub(lambda m: m.group(1) + REDACTED, text)
    return text


_learning = threading.Lock()
_learned_at: float | None = None


def learn_vault_values(max_age: float | None = None) -> None:
    """Decrypt every vault record once, so this process scrubs values it never read itself.

    With ``max_age`` (seconds), only when the last time is older than that. A database that
    cannot be read (a fresh server before migrate, an outage) is tried again after ``max_age``.
    """
    global _learned_at
    now = time.monotonic()
    if max_age is not None and _learned_at is not None and now - _learned_at < max_age:
        return
    if not _learning.acquire(blocking=False):
        return
    try:
        from django.db import DatabaseError

        from .models import ArtisanIdentity

        try:
            tokens = list(ArtisanIdentity.objects.values_list("ciphertext", flat=True))
        except DatabaseError:
            _learned_at = now  # tried again after max_age, not on every request
            return
        for token in tokens:
            try:
                vault.decrypt(token)  # remembers its values; the result is dropped
            except vault.VaultError:
                continue
        _learned_at = now
    finally:
        _learning.release()


class ScrubVaultValues(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        request_line = record.name.startswith(REQUEST_LOGGERS)
        try:
            message = record.getMessage()
        except Exception:  # a broken format string: keep the raw text, scrubbed
            message = str(record.msg)
        record.msg = scrub(message, request_line)
        record.args = None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = scrub(record.exc_text)
        if record.stack_info:
            record.stack_info = scrub(record.stack_info)
        return True
