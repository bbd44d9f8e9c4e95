"""Cached HTML of product cards and product pages, and of the category menu (DESIGN.md section 8).

A cached fragment can never show a stale price, stock level or photo: its key is made of the
values it shows (the product's update time, each stock record's price, stock and allocation,
the photo, the language), all of them already fetched for the page. So
even a conditional UPDATE that sends no signal (allocating stock when an order is placed) gives
the card a new key. On top of that a catalogue *generation* number, bumped by the receivers on
every save or delete of a product, stock record, photo or category (catalogue/receivers.py)
and of a maker, a product's maker link or a consent (artisans/cache_receivers.py),
retires every fragment at once, for whatever the key does not carry (a product class, a
category's name, a template change after a deploy: bump CACHE_VERSION).

Fragments never hold a CSRF token: they are rendered with a placeholder that is replaced by the
request's own token on the way out.
"""

import hashlib

from django.core.cache import cache
from django.db.models import prefetch_related_objects
from django.utils import translation

CACHE_VERSION = 2  # 2: translated titles, handmade note, stall notice (issue 20)
TIMEOUT = 60 * 60 * 24
GENERATION_KEY = "catalogue:fragments:generation"
CSRF_PLACEHOLDER = "__haat_csrf_token_placeholder__"


def generation() -> int:
    value = cache.get(GENERATION_KEY)
    if value is None:
        cache.add(GENERATION_KEY, 1, timeout=None)
        value = cache.get(GENERATION_KEY, 1)
    return value


def bump_generation() -> None:
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:  # not set yet (or evicted): any new number retires the old keys
        cache.set(GENERATION_KEY, 2, timeout=None)


def _prefetched(product, name):
    """A relation's rows, prefetched now if the page did not, so rendering reuses them."""
    if name not in getattr(product, "_prefetched_objects_cache", {}):
        prefetch_related_objects([product], name)
    return list(getattr(product, name).all())


def product_stamp(product) -> str:
    """Everything a card or product page shows that can change, as one string.

    Uses the stamps catalogue.selectors annotates list queries with; a product fetched without
    them (a product page) is stamped from its stock records and photos (prefetched or queried).
    """
    parts = [
        product.pk,
        product.date_updated.isoformat() if product.date_updated else "",
        product.is_public,
        getattr(product, "has_product_class_options", ""),
        getattr(product, "has_product_options", ""),
    ]
    if hasattr(product, "stock_stamp"):
        parts += [product.stock_stamp, product.image_stamp]
        return "|".join(str(p) for p in parts)
    for record in sorted(_prefetched(product, "stockrecords"), key=lambda r: r.pk):
        parts += [
            record.pk, record.price, record.price_currency, record.num_in_stock,
            record.num_allocated, record.date_updated.isoformat() if record.date_updated else "",
        ]
    for image in _prefetched(product, "images"):
        parts += [image.pk, image.original.name if image.original else "", image.display_order]
    return "|".join(str(p) for p in parts)


def fragment_key(kind: str, product, gen: int) -> str:
    digest = hashlib.md5(product_stamp(product).encode(), usedforsecurity=False).hexdigest()
    language = translation.get_language() or ""
    return f"catalogue:fragment:v{CACHE_VERSION}:{gen}:{kind}:{language}:{product.pk}:{digest}"


def category_tree_key(depth, gen: int) -> str:
    return f"catalogue:category-tree:v{CACHE_VERSION}:{gen}:{depth}:{translation.get_language()}"
