"""The maker's statement as a PDF (WeasyPrint), in English or Bengali.

WeasyPrint shapes text with HarfBuzz, so Bengali conjuncts and vowel signs come out right if
the font has the glyphs: the fonts are shipped with the shop (storefront/static/fonts/, Noto,
SIL Open Font License) and named in the page's own @font-face rules by file:// address, so the
PDF is the same on a machine without any Indic system font and embeds (a subset of) them.
Devanagari is there for the Hindi statement of a later issue.
"""

from __future__ import annotations

import atexit
import functools
import threading
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


@functools.cache
def _font_faces() -> tuple:
    faces = []
    for family, weight, name in FONTS:
        path = finders.find(name)
        if path:
            faces.append({"family": family, "weight": weight, "url": Path(path).as_uri()})
    return tuple(faces)


def font_faces() -> list[dict]:
    """The shipped fonts' @font-face values (looked up among the static files once a process:
    they do not move while it runs)."""
    return [dict(face) for face in _font_faces()]


def html(artisan, period, *, language: str = "en", legal_name: str = "",
         data: dict | None = None, css_apart: bool = False) -> str:
    """The statement's HTML, in the language asked for (the PDF is made from it). ``data``:
    her ``selectors.statement`` already read (a batch reads every maker's at once);
    ``css_apart``: without its <style> (a batch hands WeasyPrint the parsed ``stylesheet``)."""
    code = statement_language(language)
    with translation.override(code):
        return render_to_string("payouts/statement.html", {
            "s": data if data is not None else statement(artisan, period),
            "legal_name": legal_name, "fonts": font_faces(), "css_apart": css_apart,
        })


def stylesheet(language: str, font_config):
    """The statement's CSS (payouts/statement_style.html, the same the single statement has
    inline) parsed once per language and font configuration: a batch's statements skip
    tokenizing it and adding its @font-face rules each time."""
    code = statement_language(language)
    sheets = getattr(_local, "stylesheets", None)
    if sheets is None or sheets[0] is not font_config:
        sheets = _local.stylesheets = (font_config, {})
    sheet = sheets[1].get(code)
    if sheet is None:
        from weasyprint import CSS

        with translation.override(code):
            text = render_to_string("payouts/statement_style.html", {"fonts": font_faces()})
        sheet = sheets[1][code] = CSS(string=text, font_config=font_config)
    return sheet


_local = threading.local()
# Let go of the kept configuration while the interpreter can still run its clean-up (it removes
# its folder of fonts); at the very end WeasyPrint's __del__ would find its modules gone.
atexit.register(_local.__dict__.clear)


def font_configuration():
    """WeasyPrint's fonts for every statement this process makes (a month's batch: each
    worker process renders many chunks): without one, every PDF loads the system's fontconfig
    again and copies the six shipped fonts anew, most of a statement's time; with it, the
    second statement on finds them loaded. WeasyPrint adds an @font-face once per
    configuration (keyed by its descriptors), so keeping it does not grow. Made lazily, in the
    process that renders (not in a Celery parent before it forks), one per thread (a batch run
    eagerly inside a threaded server does not share Pango's font map with another thread)."""
    from weasyprint.text.fonts import FontConfiguration

    config = getattr(_local, "font_config", None)
    if config is None:
        config = _local.font_config = FontConfiguration()
    return config


def render(artisan, period, *, language: str = "en", legal_name: str = "", data=None,
           font_config=None) -> bytes:
    """The statement of ``artisan`` for the month of ``period`` as PDF bytes. ``legal_name``
    only for the custodian's copy (the caller has read it through the audited vault);
    ``data`` and ``font_config`` when making many (payouts.statement_batches: then the CSS is
    the one parsed once, ``stylesheet``)."""
    from weasyprint import HTML

    if font_config is None:
        return HTML(string=html(artisan, period, language=language, legal_name=legal_name,
                                data=data)).write_pdf()
    return HTML(string=html(artisan, period, language=language, legal_name=legal_name,
                            data=data, css_apart=True)).write_pdf(
        font_config=font_config, stylesheets=[stylesheet(language, font_config)])
