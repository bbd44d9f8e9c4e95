"""Makes the shop's web fonts: Noto Sans Bengali and Noto Sans Devanagari (SIL OFL 1.1, the TTFs
in storefront/static/fonts/ that the PDFs embed), subset to their own scripts and saved as WOFF2
under storefront/static/storefront/fonts/. haat.css loads them with `unicode-range`, so a browser
fetches one only for a page that shows that script, and with `font-display: swap`.

    .venv/bin/python ops/make_webfonts.py

fontTools and brotli come with WeasyPrint (already a dependency). The .woff2 files are committed:
run this again only when the TTFs change.
"""

import shutil
import sys
from pathlib import Path

from fontTools import subset

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT / "storefront" / "static" / "fonts"
TARGET = ROOT / "storefront" / "static" / "storefront" / "fonts"

# The same ranges as the `unicode-range` of each @font-face in haat.css: the script's block, the
# dandas both scripts share, Vedic signs, the zero-width (non-)joiners that shape conjuncts, the
# rupee sign and the dotted circle a shaper draws under a lone vowel sign.
RANGES = {
    "Bengali": "U+0951-0952,U+0964-0965,U+0980-09FE,U+1CD0-1CF9,U+200C-200D,U+20B9,U+25CC,U+A8F1",
    "Devanagari": "U+0900-097F,U+1CD0-1CF9,U+200C-200D,U+20A8,U+20B9,U+20F0,U+25CC,U+A830-A839,"
                  "U+A8E0-A8FF",
}


def main():
    TARGET.mkdir(parents=True, exist_ok=True)
    for script, unicodes in RANGES.items():
        for weight in ("Regular", "Bold"):
            source = SOURCE / f"NotoSans{script}-{weight}.ttf"
            target = TARGET / f"NotoSans{script}-{weight}.subset.woff2"
            subset.main([
                str(source), f"--unicodes={unicodes}", f"--output-file={target}",
                "--flavor=woff2",
                # Every OpenType layout feature: Indic shaping (half forms, conjuncts, reph,
                # vowel-sign placement) lives in GSUB/GPOS and breaks if one is dropped.
                "--layout-features=*", "--no-hinting", "--desubroutinize",
                "--name-IDs=*", "--name-languages=*", "--notdef-outline",
            ])
            print(f"{target.relative_to(ROOT)}: {target.stat().st_size // 1024} KiB")
    shutil.copy(SOURCE / "OFL.txt", TARGET / "OFL.txt")
    return 0


if __name__ == "__main__":
    sys.exit(main())
