"""The maker's statement as a PDF (WeasyPrint), in English or Bengali.

WeasyPrint shapes text with HarfBuzz, so Bengali conjuncts and vowel signs come out right if
the font has the glyphs: the fonts are shipped with the shop (storefront/static/fonts/, Noto,
SIL Open Font License) and named in the page's own @font-face rules by file:// address, so the
PDF is the same on a machine without any Indic system font and embeds (a subset of) them.
Devanagari is there for the Hindi statement of a later issue.
"""

from __future__ import annotations

from pathlib import Path

from django.contrib.staticfiles import finders
from django.core.exceptions import ValidationError
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from .selectors import statement

# The statement's languages: {what a caller may ask for: Django's language code}.
LANGUAGES = {"en": "en-in", "en-in": "en-in", "bn": "bn"}

FONTS = [  # (family, weight, file under storefront/static/)
    ("Noto Sans", 400, "fonts/NotoSans-Regular.ttf"),
    ("Noto Sans", 700, "fonts/NotoSans-Bold.ttf"),
    ("Noto Sans Bengali", 400, "fonts/NotoSansBengali-Regular.ttf"),
    ("Noto Sans Bengali", 700, "fonts/NotoSansBengali-Bold.ttf"),
    ("Noto Sans Devanagari", 400, "fonts/NotoSansDevanagari-Regular.ttf"),
    ("Noto Sans Devanagari", 700, "fonts/NotoSansDevanagari-Bold.ttf"),
]


def statement_language(language: str | None) -> str:
    """Django's code for a statement language ("en", "en-in" or "bn"); anything else is refused
    with a message."""
    code = LANGUAGES.get((language or "en").strip().lower())
    if code is None:
        raise ValidationError(
            _("Statements are in English (en) or Bengali (bn), not “%(lang)s”.")
            % {"lang": str(language)[:20]}
        )
    return code


def font_faces() -> list[dict]:
    faces = []
    for family, weight, name in FONTS:
        path = finders.find(name)
        if path:
            faces.append({"family": family, "weight": weight, "url": Path(path).as_uri()})
    return faces


def html(artisan, period, *, language: str = "en", legal_name: str = "",
         data: dict | None = None) -> str:
    """The statement's HTML, in the language asked for (the PDF is made from it). ``data``:
    her ``selectors.statement`` already read (a batch reads every maker's at once)."""
    code = statement_language(language)
    with translation.override(code):
        return render_to_string("payouts/statement.html", {
            "s": data if data is not None else statement(artisan, period),
            "legal_name": legal_name, "fonts": font_faces(),
        })


def font_configuration():
    """WeasyPrint's fonts for many statements in a row (a month's batch): without one, every
    PDF loads the system's fontconfig again and copies the six shipped fonts anew, most of a
    statement's time; with it, the second statement on finds them loaded."""
    from weasyprint.text.fonts import FontConfiguration

    return FontConfiguration()


def render(artisan, period, *, language: str = "en", legal_name: str = "", data=None,
           font_config=None) -> bytes:
    """The statement of ``artisan`` for the month of ``period`` as PDF bytes. ``legal_name``
    only for the custodian's copy (the caller has read it through the audited vault);
    ``data`` and ``font_config`` when making many (payouts.statement_batches)."""
    from weasyprint import HTML

    return HTML(string=html(artisan, period, language=language, legal_name=legal_name,
                            data=data)).write_pdf(font_config=font_config)
