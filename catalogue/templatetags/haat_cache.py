"""Fragment caching for product cards, product pages and the category menu (catalogue/fragments.py).

    {% load haat_cache %}
    {% attach_fragments products "card" %}   {# once per list: one cache round trip for the page #}
    {% productcache product "card" %} … {% endproductcache %}
    {% cached_category_tree depth=1 as tree_categories %}   {# Oscar's category_tree, cached #}
"""

from django import template
from django.core.cache import cache
from oscar.templatetags.category_tags import get_annotated_list

from .. import fragments, selectors

register = template.Library()

ATTR = "_haat_fragments"


def _generation(context):
    """The catalogue generation, read once per request (kept on the request)."""
    request = context.get("request")
    if request is None:
        return fragments.generation()
    if not hasattr(request, "_haat_generation"):
        request._haat_generation = fragments.generation()
    return request._haat_generation


@register.simple_tag(takes_context=True)
def attach_fragments(context, products, kind="card"):
    """Fetch the cached fragments of a whole list in one round trip and keep them on the objects.

    `{% attach_fragments products "card" as missing %}` gives the products whose fragment must be
    rendered, so what only rendering needs (their makers) is fetched for those alone.
    """
    products = list(products or [])
    if not products:
        return []
    gen = _generation(context)
    keys = {fragments.fragment_key(kind, p, gen): p for p in products}
    found = cache.get_many(list(keys))
    for key, product in keys.items():
        setattr(product, ATTR, {**getattr(product, ATTR, {}), kind: (key, found.get(key))})
    missing = [p for key, p in keys.items() if key not in found]
    if missing:
        selectors.prefetch_for_cards(missing)
    return missing


class ProductCacheNode(template.Node):
    def __init__(self, product, kind, nodelist):
        self.product, self.kind, self.nodelist = product, kind, nodelist

    def render(self, context):
        product = self.product.resolve(context)
        kind = self.kind.resolve(context)
        user = getattr(context.get("request"), "user", None)
        if user is not None and user.is_staff:
            kind += ":staff"  # staff see edit links
        key, html = getattr(product, ATTR, {}).get(kind, (None, None))
        if key is None:
            key = fragments.fragment_key(kind, product, _generation(context))
            html = cache.get(key)
        if html is None:
            with context.push(csrf_token=fragments.CSRF_PLACEHOLDER):
                html = self.nodelist.render(context)
            cache.set(key, html, fragments.TIMEOUT)
        if fragments.CSRF_PLACEHOLDER in html:
            html = html.replace(fragments.CSRF_PLACEHOLDER, str(context.get("csrf_token", "")))
        return html


@register.tag
def productcache(parser, token):
    bits = token.split_contents()
    if len(bits) != 3:
        raise template.TemplateSyntaxError("{% productcache product kind %} … {% endproductcache %}")
    nodelist = parser.parse(("endproductcache",))
    parser.delete_first_token()
    return ProductCacheNode(parser.compile_filter(bits[1]), parser.compile_filter(bits[2]), nodelist)


@register.simple_tag(takes_context=True)
def cached_category_tree(context, depth=None):
    """Oscar's `category_tree` (top levels only: no parent), kept until a category changes."""
    key = fragments.category_tree_key(depth, _generation(context))
    tree = cache.get(key)
    if tree is None:
        tree = get_annotated_list(depth=depth)
        cache.set(key, tree, fragments.TIMEOUT)
    return tree
