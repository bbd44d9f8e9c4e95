"""What the editorial pages' furniture needs from Wagtail's tree (the about page's address, the
impact page, the stories on the home page, each page's address in every language), kept in the
cache so that a page view does not walk the tree: a warm home page stays within its query budget
(tests/functional/test_query_counts.py).

Everything here is retired at once by a generation number bumped when any page is published,
unpublished, moved or deleted, and when a maker's consent changes (storefront.receivers)."""

from django.core.cache import cache
from django.utils import translation

GENERATION_KEY = "storefront:furniture:generation"
TIMEOUT = 10 * 60


def generation() -> int:
    return cache.get(GENERATION_KEY) or 0


def bump(*args, **kwargs) -> None:
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:
        cache.set(GENERATION_KEY, generation() + 1, timeout=None)


def cached(name: str, compute, *parts):
    """compute() under a key made of `name`, the active language, `parts` and the generation."""
    key = ":".join(["storefront:furniture", str(generation()), name,
                    translation.get_language() or "", *map(str, parts)])
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, TIMEOUT)
    return value
