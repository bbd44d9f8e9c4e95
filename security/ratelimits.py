"""Rate limits (django-ratelimit) by name, with the rates in settings.HAAT_RATE_LIMITS.

A refusal raises django_ratelimit's Ratelimited; RatelimitMiddleware turns it into a 429 page
(security.views.rate_limited). Lower apps (csr_partners) use django_ratelimit
directly with `rate=csr_partners...` reading the same setting; they cannot import storefront.
"""

from django.conf import settings
from django_ratelimit.decorators import ratelimit


def rate(group, request):
    """The rate for `group` ("120/m"), or None (no limit) when the setting leaves it out."""
    return settings.HAAT_RATE_LIMITS.get(group)


def limited(group: str, key: str = "ip", method: str = "POST"):
    """A view decorator: at most settings.HAAT_RATE_LIMITS[group] requests per `key`."""
    return ratelimit(group=group, key=key, rate=rate, method=method, block=True)
