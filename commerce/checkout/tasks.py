"""Celery tasks of the checkout: acting on Stripe's webhook events, and the sweep that settles
what a lost browser, webhook or process left half done. (The emails to buyers are tasks of
``emails``.)

Top of the checkout: these call the flows (``stripe_sync``, ``sweep``); nothing below imports
this module."""

import logging
from datetime import timedelta

from celery import shared_task
from django.db.models import Q
from django.utils import timezone
from oscar.core.loading import get_model

from .stripe_sync import sync_intent
from .sweep import sweep
from .webhooks import flag_unknown_intent, is_shop_intent

logger = logging.getLogger("storefront.checkout")

StripeEvent = get_model("checkout", "StripeEvent")


# An event claimed this long ago by a worker that never finished it (the worker died) may be
# claimed again; acting on an event takes seconds.
CLAIM_SECONDS = 300
# The sweep acts on events stored this long ago and still not processed: the broker was down
# when they came (the webhook view stores first, queues after the commit).
UNQUEUED_AFTER_SECONDS = 60


def _claim(event_pk) -> bool:
    now = timezone.now()
    free = Q(claimed_at__isnull=True) | Q(claimed_at__lt=now - timedelta(seconds=CLAIM_SECONDS))
    return bool(
        StripeEvent.objects.filter(free, pk=event_pk, processed_at__isnull=True)
        .update(claimed_at=now)
    )


def act_on_event(event_pk) -> str:
    """Act on a stored webhook event, at most one worker at a time. Events about the same
    intent may come twice and in any order; ``sync_intent`` reads Stripe's current state, so
    the result is the same."""
    if not _claim(event_pk):
        return "skipped"  # done already, or being done by another worker
    event = StripeEvent.objects.get(pk=event_pk)
    if event.intent_id and not is_shop_intent(event.intent_id):
        flag_unknown_intent(event)
        return "unknown intent"
    try:
        if event.intent_id:
            outcome = sync_intent(event.intent_id)
            result = outcome.status if outcome else "unknown intent"
        else:
            result = "ignored"
    except Exception as exc:
        StripeEvent.objects.filter(pk=event_pk).update(error=repr(exc)[:2000], claimed_at=None)
        raise
    StripeEvent.objects.filter(pk=event_pk).update(processed_at=timezone.now(), error="")
    return result


@shared_task(ignore_result=False, bind=True, max_retries=5, default_retry_delay=30)
def process_stripe_event(self, event_pk):
    try:
        return act_on_event(event_pk)
    except Exception as exc:
        logger.exception("Stripe event %s failed", event_pk)
        raise self.retry(exc=exc) from exc


def act_on_unqueued_events(older_than=None) -> list[tuple[int, str]]:
    """Events the broker never carried (stored, not processed, not being processed)."""
    older_than = timedelta(seconds=UNQUEUED_AFTER_SECONDS) if older_than is None else older_than
    now = timezone.now()
    waiting = (
        StripeEvent.objects.filter(processed_at__isnull=True, received_at__lt=now - older_than)
        .filter(Q(claimed_at__isnull=True)
                | Q(claimed_at__lt=now - timedelta(seconds=CLAIM_SECONDS)))
        .order_by("pk").values_list("pk", flat=True)
    )
    results = []
    for event_pk in list(waiting):
        try:
            results.append((event_pk, act_on_event(event_pk)))
        except Exception:  # the next sweep tries again; the others go on
            logger.exception("Sweep: Stripe event %s could not be acted on now", event_pk)
            results.append((event_pk, "error"))
    return results


@shared_task(ignore_result=False)
def sweep_payment_attempts():
    """Settle attempts a lost browser, webhook or process left half done (see sweep.sweep),
    after acting on the webhook events a broker outage left unqueued."""
    return {"events": act_on_unqueued_events(), "attempts": sweep()}
