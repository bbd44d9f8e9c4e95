from django.conf import settings
from django.utils.translation import gettext_lazy


def shop(request):
    """What every page's header and footer need. The tagline in the page's language (its msgid
    is listed in commerce/oscar_strings.py); the brand's name is the same in every language."""
    return {"shop_name": settings.OSCAR_SHOP_NAME, "shop_tagline": gettext_lazy(settings.OSCAR_SHOP_TAGLINE)}
