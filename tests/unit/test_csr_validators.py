"""GSTIN and e-mail domain checks for companies (csr_partners.validators)."""

import pytest
from django.core.exceptions import ValidationError

from csr_partners.validators import (
    gstin_check_character,
    parse_domains,
    validate_domains,
    validate_gstin,
)


@pytest.mark.parametrize("gstin", ["27AAPFU0939F1ZV", "29AAGCB7383J1Z4", "19AABCT5678K1ZO"])
def test_real_shaped_gstins_pass(gstin):
    validate_gstin(gstin)
    assert gstin_check_character(gstin[:14]) == gstin[14]


@pytest.mark.parametrize("gstin, code", [
    ("27AAPFU0939F1ZW", "gstin_check"),  # one character off
    ("27AAPFU0939F1Z", "gstin_format"),
    ("99AAPFU0939F1ZV", "gstin_state"),
    ("27aapfu0939f1zv ", None),  # lower case and a space are forgiven
])
def test_bad_gstins_are_refused_with_a_reason(gstin, code):
    if code is None:
        validate_gstin(gstin)
        return
    with pytest.raises(ValidationError) as exc:
        validate_gstin(gstin)
    assert exc.value.code == code


def test_domains_are_parsed_and_public_mail_is_refused():
    assert parse_domains("@Acme.example, acme.co.in\nacme.example") == ["acme.example",
                                                                        "acme.co.in"]
    validate_domains("acme.example")
    for bad, word in (("gmail.com", "public mail"), ("not a domain", "not a domain"), ("", "at least")):
        with pytest.raises(ValidationError, match=word):
            validate_domains(bad)
