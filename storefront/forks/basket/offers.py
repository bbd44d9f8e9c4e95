"""Whether the shop runs any offer at the moment.

Read on every piece added to a basket: only while an offer runs are the offers re-applied to
tell the shopper one was gained or lost (views.BasketAddView). Kept in the cache for a minute,
and forgotten whenever an offer is saved or deleted (at once and again on commit), so a new or
edited offer counts on the next add; only an offer's start or end time arriving on its own
shows up to a minute late, and then just in that message (the basket page applies every offer
on each view).
"""

from django.core.cache import cache
from django.db import transaction
from oscar.core.loading import get_model

KEY = "basket:offers-running"
SECONDS = 60


def shop_runs_offers() -> bool:
    running = cache.get(KEY)
    if running is None:
        running = get_model("offer", "ConditionalOffer").active.exists()
        cache.set(KEY, running, SECONDS)
    return running


def forget(**kwargs) -> None:
    cache.delete(KEY)
    transaction.on_commit(lambda: cache.delete(KEY))


def connect_receivers() -> None:
    from django.db.models.signals import post_delete, post_save

    offer = get_model("offer", "ConditionalOffer")
    post_save.connect(forget, sender=offer, dispatch_uid="basket-offers-running-saved")
    post_delete.connect(forget, sender=offer, dispatch_uid="basket-offers-running-deleted")
