from django.conf import settings


def shop(request):
    """What every page's header and footer need."""
    return {"shop_name": settings.OSCAR_SHOP_NAME, "shop_tagline": settings.OSCAR_SHOP_TAGLINE}
