"""Whether the shop runs any offer at the moment.

Oscar asks the database for site, voucher and user offers on every page that shows a basket,
and the add-to-basket view re-applies them to tell the shopper an offer was gained or lost; the
shop's offers are rare (a Women's Day discount), so both happen only while an offer runs
(views.BasketAddView, middleware.BasketMiddleware). The answer is kept in the cache, and never
too long: "yes" for a minute (an offer that ends meanwhile is then just looked for and not
found, as Oscar does), "no" for a minute or until the next offer's start time if sooner. Any
offer saved or deleted forgets it at once and again on commit, so a new, edited or suspended
offer counts on the next request.
"""

import math

from django.core.cache import cache
from django.db import transaction
from django.db.models import Min, Q
from django.utils import timezone
from oscar.core.loading import get_model

KEY = "basket:offers-running"
SECONDS = 60


def shop_runs_offers(request=None) -> bool:
    # Asked twice in an add to basket (the basket middleware, then the view): the request keeps
    # the first answer, which spares the second its round trip to Redis (issue 22).
    running = getattr(request, "_shop_runs_offers", None)
    if running is not None:
        return running
    running = cache.get(KEY)
    if running is None:
        running, seconds = _running_and_for_how_long()
        if seconds > 0:
            cache.set(KEY, running, seconds)
    if request is not None:
        request._shop_runs_offers = running
    return running


def _running_and_for_how_long() -> tuple[bool, int]:
    offer = get_model("offer", "ConditionalOffer")
    if offer.active.exists():
        return True, SECONDS
    now = timezone.now()
    next_start = (
        offer.objects.filter(status=offer.OPEN, start_datetime__gt=now)
        .filter(Q(end_datetime__isnull=True) | Q(end_datetime__gt=now))
        .aggregate(first=Min("start_datetime"))["first"]
    )
    if next_start is None:
        return False, SECONDS
    return False, min(SECONDS, math.floor((next_start - now).total_seconds()))


def forget(**kwargs) -> None:
    cache.delete(KEY)
    transaction.on_commit(lambda: cache.delete(KEY))


def connect_receivers() -> None:
    from django.db.models.signals import post_delete, post_save

    offer = get_model("offer", "ConditionalOffer")
    post_save.connect(forget, sender=offer, dispatch_uid="basket-offers-running-saved")
    post_delete.connect(forget, sender=offer, dispatch_uid="basket-offers-running-deleted")
