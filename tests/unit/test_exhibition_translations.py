"""The exhibitions' point of sale is complete in Bengali, and its compiled catalogue matches the
.po file (so a fresh machine without gettext serves the same words)."""

import gettext
from pathlib import Path

from babel.messages.pofile import read_po

PO = Path(__file__).resolve().parents[2] / "exhibitions" / "locale" / "bn" / "LC_MESSAGES" / "django.po"


def messages():
    with open(PO, "rb") as fh:
        return [m for m in read_po(fh, locale="bn") if m.id]


def test_every_string_of_the_point_of_sale_has_a_bengali_translation():
    found = messages()
    assert len(found) > 200
    missing = [m.id for m in found
               if m.fuzzy or not (all(m.string) if isinstance(m.string, tuple) else m.string)]
    assert missing == []


def test_the_compiled_catalogue_is_up_to_date():
    with open(PO.with_suffix(".mo"), "rb") as fh:
        catalogue = gettext.GNUTranslations(fh)
    for m in messages():
        if isinstance(m.id, tuple):
            assert catalogue.ngettext(m.id[0], m.id[1], 1) == m.string[0], m.id
        else:
            assert catalogue.gettext(m.id) == m.string, m.id
