"""The shop's own strings in Bengali and Hindi (locale/bn, locale/hi): the compiled catalogues
match the .po files, and every string a shopper meets on the way from the home page to the
order confirmation is translated."""

import gettext
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
# Files whose every string must be translated: the shopper's path and the story side.
SHOPPER_TEMPLATES = [
    "templates/storefront/home_page.html",
    "templates/storefront/story_page.html",
    "templates/storefront/impact_page.html",
    "templates/storefront/partials/impact_figures.html",
    "templates/oscar/partials/footer.html",
    "templates/oscar/partials/nav_accounts.html",
    "templates/oscar/basket/partials/basket_content.html",
    "templates/oscar/checkout/payment_details.html",
    "templates/oscar/checkout/preview.html",
    "templates/oscar/catalogue/partials/product.html",
    "storefront/impact.py",
    "commerce/oscar_strings.py",
]


def entries(po: Path):
    text = po.read_text(encoding="utf-8")
    for block in text.split("\n\n")[1:]:
        refs = " ".join(line for line in block.splitlines() if line.startswith("#:"))
        body = "\n".join(line for line in block.splitlines() if not line.startswith("#"))
        found = re.search(r"msgid ((?:\".*\"\n?)+)", body)
        if not found:
            continue
        msgid = "".join(re.findall(r'"(.*)"', found.group(1)))
        strs = ["".join(re.findall(r'"(.*)"', m))
                for m in re.findall(r"msgstr(?:\[\d\])? ((?:\".*\"\n?)+)", body)]
        yield msgid, strs, refs, "fuzzy" in block


@pytest.mark.parametrize("language", ["bn", "hi"])
def test_the_compiled_catalogue_is_up_to_date(language):
    po = ROOT / "locale" / language / "LC_MESSAGES" / "django.po"
    with open(po.with_suffix(".mo"), "rb") as fh:
        catalogue = gettext.GNUTranslations(fh)
    for msgid, strs, _refs, fuzzy in entries(po):
        if not msgid or fuzzy or not all(strs) or len(strs) > 1:
            continue
        assert catalogue.gettext(msgid.replace('\\"', '"').replace("\\n", "\n")) == \
            strs[0].replace('\\"', '"').replace("\\n", "\n"), msgid


@pytest.mark.parametrize("language", ["bn", "hi"])
def test_every_string_on_the_shoppers_path_is_translated(language):
    po = ROOT / "locale" / language / "LC_MESSAGES" / "django.po"
    missing = [
        msgid for msgid, strs, refs, fuzzy in entries(po)
        if any(f"{t}:" in refs for t in SHOPPER_TEMPLATES) and (fuzzy or not all(strs))
        and msgid.strip()
    ]
    assert missing == []
