"""Writes to the catalogue that other apps make (the workshop's Bengali title, demo data)."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from modeltranslation.translator import translator
from modeltranslation.utils import build_localized_fieldname

TITLE_MAX_LENGTH = 255


def translated_fields(model) -> tuple[str, ...]:
    return tuple(translator.get_options_for_model(model).fields)


def set_translations(obj, texts: dict[str, dict[str, str]], *, save: bool = True):
    """Write a product's or category's text in other languages than English.

    ``texts`` maps a translated field to {language code: text}, e.g.
    ``{"title": {"bn": "কাঁথার ব্যাগ"}}``. English is not written here (the dashboard and the
    batch form own it); an empty text clears that language, which then shows the English.
    """
    allowed = translated_fields(type(obj))
    languages = set(settings.MODELTRANSLATION_LANGUAGES) - {
        settings.MODELTRANSLATION_DEFAULT_LANGUAGE
    }
    changed = []
    for field, by_language in texts.items():
        if field not in allowed:
            raise ValidationError(_("%(field)s is not translated.") % {"field": field})
        for language, text in by_language.items():
            if language not in languages:
                raise ValidationError(
                    _("%(language)s is not one of the shop's other languages.")
                    % {"language": language}
                )
            text = (text or "").strip()
            if field in ("title", "name") and len(text) > TITLE_MAX_LENGTH:
                raise ValidationError(_("A title is at most 255 characters."))
            column = build_localized_fieldname(field, language)
            setattr(obj, column, text or None)
            changed.append(column)
    if save and changed:
        # Through save(), not update(): the catalogue's caches are retired by its receivers.
        obj.save()
    return obj


def set_product_title(product, *, language: str, title: str):
    """The product's title in ``language`` (the workshop's batch form fills the Bengali one)."""
    return set_translations(product, {"title": {language: title}})
