"""Which version of a Wagtail page a visitor sees in Bengali and Hindi (wagtail-localize).

A page is shown in a language only when its translation there is live and whole: a page with no
translation, a draft translation, an alias (the English copy Wagtail keeps in each language's
tree) or a wagtail-localize translation with segments still untranslated is served as the
English page, at the language's address, with a notice in the visitor's language that links to
the English page (templates/storefront/partials/untranslated_notice.html). Never a 404 for a page
that exists in English, never a page half in one language and half in another.

  - HomePage.route: a path the language's tree does not have is looked up in the English tree.
  - wagtail_hooks.serve_whole_translations (before_serve_page): a page found in the language's
    tree but not wholly translated is replaced by its English page.
"""

from django.conf import settings
from django.urls import translate_url
from django.utils import translation


def default_locale():
    from wagtail.models import Locale

    return Locale.get_default()


def is_default_locale(page) -> bool:
    from wagtail.models import Locale

    from . import furniture

    default_pk = furniture.cached("default-locale", lambda: Locale.get_default().pk)
    return page.locale_id == default_pk


def translation_progress(page) -> tuple[int, int] | None:
    """(segments, translated) of the wagtail-localize translation that made this page, or None
    when the page was not made by wagtail-localize (an editor's own copy: hers to publish)."""
    from wagtail_localize.models import Translation

    found = (
        Translation.objects.filter(
            source__object_id=page.translation_key, target_locale_id=page.locale_id,
            enabled=True,
        ).exclude(source__locale_id=page.locale_id).select_related("source").first()
    )
    if found is None:
        return None
    return found.get_progress()


def is_whole_translation(page) -> bool:
    """True when the page may be shown as its language's version: not an alias, and every
    segment translated (when wagtail-localize made it)."""
    if page.alias_of_id:
        return False
    progress = translation_progress(page)
    return progress is None or progress[0] == progress[1]


def english_version(page):
    """The live English page this page translates (or aliases), or None."""
    from wagtail.models import Page

    if page.alias_of_id:
        original = Page.objects.filter(pk=page.alias_of_id).live().first()
        if original is not None and is_default_locale(original):
            return original.specific
    english = (
        Page.objects.filter(translation_key=page.translation_key, locale=default_locale())
        .live().first()
    )
    return english.specific if english is not None else None


def version_to_show(page):
    """The page itself when it may be shown, else its English page (None: show the page)."""
    if is_default_locale(page) or is_whole_translation(page):
        return None
    english = english_version(page)
    if english is None or english.pk == page.pk:
        return None
    return english


def shown_translation(english_page, language_code):
    """The live, whole translation of an English page in a language, or None."""
    from wagtail.models import Locale, Page

    locale = Locale.objects.filter(language_code=language_code).first()
    if locale is None:
        return None
    if locale.pk == english_page.locale_id:
        return english_page
    found = (
        Page.objects.filter(translation_key=english_page.translation_key, locale=locale)
        .live().public().first()
    )
    if found is None or not is_whole_translation(found):
        return None
    return found


def fallback_url(english_url: str, language_code: str) -> str:
    """The English page's address under a language's prefix (/about/ -> /bn/about/)."""
    if language_code == settings.LANGUAGE_CODE:
        return english_url
    return translate_url(english_url, language_code)


def language_name(language_code: str) -> str:
    """The language's name in the active language (Bengali / বাংলা / बंगाली)."""
    from django.utils.translation import pgettext

    names = {"bn": pgettext("translated into", "Bengali"),
             "hi": pgettext("translated into", "Hindi"),
             "en-in": pgettext("translated into", "English")}
    return names.get(language_code, language_code)


def notice(page) -> dict | None:
    """{"language", "english_url"} when the page shown is not in the visitor's language (an
    English page served at /bn/ or /hi/), else None."""
    from wagtail.models import Page

    if not isinstance(page, Page) or not page.pk:
        return None
    current = translation.get_language()
    if page.locale.language_code == current:
        return None
    return {"language": language_name(current), "english_url": page.get_url()}


def translation_status() -> list[dict]:
    """For the editors' dashboard in /cms/: each language's pages that visitors see in English,
    with why (not translated, draft, segments left) and where to act. English pages in tree
    order; [{"language", "pages": [{"page", "state", "progress", "edit_page"}]}]."""
    from wagtail.models import Locale, Page

    english_pages = list(
        Page.objects.filter(locale=default_locale(), depth__gt=1).live().order_by("path")
        .specific(defer=True)
    )
    keys = [p.translation_key for p in english_pages]
    status = []
    for locale in Locale.objects.exclude(pk=default_locale().pk).order_by("language_code"):
        existing = {
            p.translation_key: p
            for p in Page.objects.filter(locale=locale, translation_key__in=keys)
        }
        rows = []
        for page in english_pages:
            translated = existing.get(page.translation_key)
            if translated is None:
                rows.append({"page": page, "state": "missing", "edit_page": page})
                continue
            if translated.alias_of_id:
                rows.append({"page": page, "state": "alias", "edit_page": translated})
                continue
            progress = translation_progress(translated)
            if progress is not None and progress[0] != progress[1]:
                rows.append({"page": page, "state": "partial", "progress": progress,
                             "edit_page": translated})
            elif not translated.live:
                rows.append({"page": page, "state": "draft", "edit_page": translated})
        status.append({"language": locale.get_display_name(), "code": locale.language_code,
                       "pages": rows, "total": len(english_pages)})
    return status
