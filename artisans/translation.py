"""What of a maker's public profile is written in each language (django-modeltranslation).

Registering these adds `bio_bn`, `bio_hi`, ... beside the English columns, and makes
`artisan.bio` read the visitor's language, falling back to English when a translation is empty
(settings.MODELTRANSLATION_FALLBACK_LANGUAGES). Only the public profile: the pseudonym is one
name in every language, and nothing of the identity vault is here. Story and quote stay gated by
her consent in artisans.selectors whichever language is read.
"""

from modeltranslation.translator import TranslationOptions, register

from .models import Artisan


@register(Artisan)
class ArtisanTranslation(TranslationOptions):
    fields = ("craft", "bio", "story", "quote")
