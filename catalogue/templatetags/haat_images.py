from django import template

from catalogue.images import product_thumbnail

register = template.Library()


@register.simple_tag
def product_image(image, size_name):
    """`{% product_image product.primary_image "card" as thumb %}`: the derived file, or None.

    Oscar's primary_image returns a placeholder dict (no `original` file) for a product
    without photos; templates then show their own placeholder.
    """
    original = getattr(image, "original", None)
    if not original:
        return None
    try:
        return product_thumbnail(original, size_name)
    except (OSError, ValueError):
        return None
