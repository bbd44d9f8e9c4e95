"""Encryption of the identity vault: cryptography's MultiFernet over settings.IDENTITY_KEYS.

IDENTITY_KEYS is a list of Fernet keys, newest first. The newest encrypts; every key decrypts,
so a new key can be put in front, `manage.py rotate_identity_keys` run, and the old key removed.
Outside production a fixed development key is used when none is configured; production refuses
to start without keys (storefront/settings/prod.py).

Every value that passes through here is remembered (in this process) so that the logging
filter in artisans/log_filters.py can scrub it from any log record.
"""

import json
import threading

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.views.decorators.debug import sensitive_variables

# Development and test only: never used when DJANGO_ENV is prod.
DEV_ONLY_KEY = "ZGV2LW9ubHktaGFhdC1pZGVudGl0eS1rZXktMDAwMDA="

_known_values: set[str] = set()
_known_lock = threading.Lock()
# Too short to scrub without mangling ordinary words.
_MIN_SCRUB_LENGTH = 4


class VaultError(Exception):
    """The vault cannot decrypt a record (a key is missing)."""


def _keys() -> list[str]:
    keys = [k.strip() for k in settings.IDENTITY_KEYS if k and k.strip()]
    if keys:
        return keys
    if settings.DJANGO_ENV == "prod":
        raise ImproperlyConfigured("IDENTITY_KEYS must be set in production.")
    return [DEV_ONLY_KEY]


def fernet() -> MultiFernet:
    try:
        return MultiFernet([Fernet(key.encode()) for key in _keys()])
    except ValueError as exc:
        raise ImproperlyConfigured("IDENTITY_KEYS holds a value that is not a Fernet key.") from exc


def remember(values) -> None:
    """Mark values as secret for the log filter."""
    with _known_lock:
        for value in values:
            if isinstance(value, str) and len(value.strip()) >= _MIN_SCRUB_LENGTH:
                _known_values.add(value.strip())


def known_values() -> list[str]:
    with _known_lock:
        # Longest first, so a value containing another is replaced whole.
        return sorted(_known_values, key=len, reverse=True)


@sensitive_variables("data")
def encrypt(data: dict) -> str:
    remember(data.values())
    return fernet().encrypt(json.dumps(data, ensure_ascii=False).encode()).decode()


@sensitive_variables("data")
def decrypt(token: str) -> dict:
    try:
        data = json.loads(fernet().decrypt(token.encode()))
    except InvalidToken:
        raise VaultError("No configured identity key opens this record.") from None
    remember(data.values())
    return data


def rotate(token: str) -> str:
    """The same record encrypted with the newest key."""
    try:
        return fernet().rotate(token.encode()).decode()
    except InvalidToken:
        raise VaultError("No configured identity key opens this record.") from None


def encrypted_with_newest_key(token: str) -> bool:
    newest = Fernet(_keys()[0].encode())
    try:
        newest.decrypt(token.encode())
    except InvalidToken:
        return False
    return True
