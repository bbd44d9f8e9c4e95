"""The shop's own web fonts (ops/make_webfonts.py): Bengali and Devanagari subsets that every
page's CSS loads from our static files. Each file the stylesheets name exists, is WOFF2, and
holds a glyph for every character of the shop's Bengali and Hindi catalogues, so no word a
shopper or a maker reads falls back to boxes on a machine without Indic fonts."""

import re
from pathlib import Path

import pytest
from fontTools.ttLib import TTFont

ROOT = Path(__file__).resolve().parents[2]
CSS = ROOT / "storefront" / "static" / "storefront" / "css"
FONTS = ROOT / "storefront" / "static" / "storefront" / "fonts"
SCRIPTS = {"bn": ("Bengali", r"[\u0980-\u09ff]"), "hi": ("Devanagari", r"[\u0900-\u097f]")}
CATALOGUES = ["locale", "artisans/locale", "exhibitions/locale"]


def font_faces(css_file):
    return re.findall(r"@font-face\s*{([^}]*)}", (CSS / css_file).read_text())


@pytest.mark.parametrize("css_file", ["haat.css", "dashboard.css"])
def test_each_stylesheet_serves_both_scripts_from_our_own_files(css_file):
    faces = font_faces(css_file)
    families = {re.search(r'font-family:\s*"([^"]+)"', f).group(1) for f in faces}
    assert families == {"Noto Sans Bengali", "Noto Sans Devanagari"}
    for face in faces:
        assert "font-display: swap" in face and "unicode-range" in face
        url = re.search(r'url\("([^"]+)"\)', face).group(1)
        assert not url.startswith(("http:", "https:", "//")), url  # no CDN
        path = (CSS / url).resolve()
        assert path.is_file(), url
        assert path.read_bytes()[:4] == b"wOF2", url


@pytest.mark.parametrize("language", ["bn", "hi"])
@pytest.mark.parametrize("weight", ["Regular", "Bold"])
def test_the_subset_has_every_letter_of_our_catalogues(language, weight):
    script, letters = SCRIPTS[language]
    cmap = TTFont(FONTS / f"NotoSans{script}-{weight}.subset.woff2").getBestCmap()
    used = set()
    for folder in CATALOGUES:
        po = ROOT / folder / language / "LC_MESSAGES" / "django.po"
        if po.exists():
            used |= set(re.findall(letters, po.read_text(encoding="utf-8")))
    assert len(used) > 30
    missing = sorted(ch for ch in used if ord(ch) not in cmap)
    assert missing == [], [f"U+{ord(c):04X}" for c in missing]


def test_the_subset_keeps_the_shaping_that_joins_conjuncts():
    """Indic text is shaped by GSUB (half forms, conjuncts, reph): a subset that dropped it would
    show ক্ষ as ক + ্ + ষ."""
    for script in ("Bengali", "Devanagari"):
        font = TTFont(FONTS / f"NotoSans{script}-Regular.subset.woff2")
        features = {r.FeatureTag for r in font["GSUB"].table.FeatureList.FeatureRecord}
        assert {"akhn", "half", "pres", "blws"} <= features, script
