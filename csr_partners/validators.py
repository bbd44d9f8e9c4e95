"""Checks of what staff type about a company: GSTIN and e-mail domains."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

# 2-digit state code, 10-character PAN, entity number, "Z", check character.
GSTIN_RE = re.compile(r"^[0-9]{2}[A-Z]{5}[0-9]{4}[A-Z][1-9A-Z]Z[0-9A-Z]$")
_GSTIN_CHARS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def gstin_check_character(first14: str) -> str:
    """The GSTIN's 15th character: a Luhn mod 36 check over the first fourteen (GSTN's rule)."""
    total = 0
    for i, ch in enumerate(first14):
        product = _GSTIN_CHARS.index(ch) * (2 if i % 2 else 1)
        total += product // 36 + product % 36
    return _GSTIN_CHARS[(36 - total % 36) % 36]


def validate_gstin(value: str) -> None:
    value = (value or "").strip().upper()
    if not GSTIN_RE.match(value):
        raise ValidationError(
            _("A GSTIN has 15 characters: state code, PAN, entity number, Z and a check "
              "character (e.g. 19AABCA1234F1Z5)."), code="gstin_format")
    if not 1 <= int(value[:2]) <= 38:
        raise ValidationError(_("%(c)s is not an Indian state code.") % {"c": value[:2]},
                              code="gstin_state")
    if gstin_check_character(value[:14]) != value[14]:
        raise ValidationError(_("This GSTIN's check character is wrong: please copy it again "
                                "from the company's GST certificate."), code="gstin_check")


DOMAIN_RE = re.compile(r"^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$")
# Domains anyone can get an address at: they would prove nothing about employment.
PUBLIC_MAIL_DOMAINS = {
    "gmail.com", "googlemail.com", "yahoo.com", "yahoo.co.in", "hotmail.com", "outlook.com",
    "live.com", "rediffmail.com", "icloud.com", "protonmail.com", "proton.me", "aol.com",
    "zoho.com", "mail.com", "gmx.com", "yandex.com",
}


def parse_domains(text: str) -> list[str]:
    """One domain per line or comma-separated, lower-cased, a leading "@" dropped."""
    items = re.split(r"[\s,;]+", (text or "").strip().lower())
    domains = []
    for item in items:
        item = item.removeprefix("@").strip(".")
        if item and item not in domains:
            domains.append(item)
    return domains


def validate_domains(text: str) -> None:
    domains = parse_domains(text)
    if not domains:
        raise ValidationError(_("Give at least one e-mail domain of the company (e.g. "
                                "acme.example)."), code="no_domain")
    for domain in domains:
        if not DOMAIN_RE.match(domain):
            raise ValidationError(_("“%(d)s” is not a domain name.") % {"d": domain},
                                  code="bad_domain")
        if domain in PUBLIC_MAIL_DOMAINS:
            raise ValidationError(
                _("“%(d)s” is a public mail service: anyone can have an address there, so it "
                  "cannot prove employment.") % {"d": domain}, code="public_domain")
