"""The workshop is complete in Bengali, and the compiled catalogue matches the .po file
(so a fresh machine without gettext serves the same words)."""

import gettext
import re
from pathlib import Path

PO = Path(__file__).resolve().parents[2] / "artisans" / "locale" / "bn" / "LC_MESSAGES" / "django.po"


def entries():
    text = PO.read_text(encoding="utf-8")
    for block in text.split("\n\n")[1:]:
        body = "\n".join(line for line in block.splitlines() if not line.startswith("#"))
        msgid = "".join(re.findall(r'"(.*)"', re.search(r"msgid ((?:\".*\"\n?)+)", body).group(1)))
        strs = [
            "".join(re.findall(r'"(.*)"', m))
            for m in re.findall(r"msgstr(?:\[\d\])? ((?:\".*\"\n?)+)", body)
        ]
        if msgid:  # not the header
            yield msgid, strs, "fuzzy" in block


def test_every_string_of_the_artisans_app_has_a_bengali_translation():
    missing = [msgid for msgid, strs, fuzzy in entries() if fuzzy or not all(strs)]
    assert missing == []


def test_the_compiled_catalogue_is_up_to_date():
    with open(PO.with_suffix(".mo"), "rb") as fh:
        catalogue = gettext.GNUTranslations(fh)
    for msgid, strs, _fuzzy in entries():
        if "%(counter)s" in msgid and len(strs) > 1:
            continue
        expected = strs[0].replace('\\"', '"')
        assert catalogue.gettext(msgid.replace('\\"', '"')) == expected, msgid
