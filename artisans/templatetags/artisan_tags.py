"""'Made by <pseudonym>' on product cards and pages, with the makers of a whole list fetched in
one query.

    {% load artisan_tags %}
    {% attach_makers products %}          {# once, before the loop: one query for the page #}
    {% made_by product %}                 {# in each card: no query of its own #}

A product shown without attach_makers (a product page) costs one query.
"""

from django import template

from .. import selectors

register = template.Library()

ATTR = "_haat_makers"


@register.simple_tag
def attach_makers(products):
    """Fetch the makers of every product in `products` at once and keep them on the objects."""
    if not products:
        return ""
    products = list(products)
    makers = selectors.makers_by_product(products)
    for product in products:
        setattr(product, ATTR, makers.get(product.pk, []))
    return ""


def makers_of(product):
    makers = getattr(product, ATTR, None)
    if makers is None:
        makers = selectors.makers_by_product([product]).get(product.pk, [])
        setattr(product, ATTR, makers)
    return makers


@register.inclusion_tag("artisans/partials/made_by.html")
def made_by(product, variant="card"):
    return {"makers": makers_of(product), "variant": variant}


@register.simple_tag
def product_makers(product):
    """`{% product_makers product as makers %}` for a page that lays them out itself."""
    return makers_of(product)


@register.simple_tag
def consented_quotes(makers):
    """`{% consented_quotes makers as quotes %}`: {artisan id: quote} shown only with consent."""
    return selectors.quotes_with_consent(makers) if makers else {}


@register.filter
def get_item(mapping, key):
    return mapping.get(key) if mapping else None


WORKBENCH_IMAGES = 3


@register.simple_tag
def workbench_url(maker):
    """A photo of a workbench (cloth, thread, a needle; no person) for a maker whose photo of
    her hands is not shown: a card is never blank. One of a few, so a row of cards varies."""
    from django.templatetags.static import static

    return static(f"artisans/img/workbench-{maker.pk % WORKBENCH_IMAGES + 1}.jpg")
