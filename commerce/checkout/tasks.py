"""Celery tasks of the checkout: emails to buyers and Stripe webhook processing."""

import logging
from datetime import timedelta

from celery import shared_task
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from oscar.core.loading import get_class, get_model

logger = logging.getLogger("storefront.checkout")

Order = get_model("order", "Order")
StripeEvent = get_model("checkout", "StripeEvent")
StripeRefund = get_model("checkout", "StripeRefund")
CommunicationEventType = get_model("communication", "CommunicationEventType")
OrderDispatcher = get_class("order.utils", "OrderDispatcher")


def _status_path(order):
    if order.user_id:
        return reverse("customer:order", kwargs={"order_number": order.number})
    return reverse(
        "customer:anon-order",
        kwargs={"order_number": order.number, "hash": order.verification_hash()},
    )


def _send(order, event_code, extra=None):
    dispatcher = OrderDispatcher(logger=logger)
    context = {
        "order": order,
        "user": order.user,
        "lines": order.lines.all(),
        "status_path": _status_path(order),
        "status_url": _status_path(order),
        **(extra or {}),
    }
    messages = dispatcher.dispatcher.get_messages(event_code, context)
    dispatcher.dispatch_order_messages(order, messages, event_code)


@shared_task(ignore_result=False)
def send_order_confirmation(order_id):
    """The order confirmation email (Oscar's ORDER_PLACED message), after payment; once.

    The broker may hand this task out twice: it is acknowledged after it ran (acks_late), so a
    worker that died between sending and acknowledging leaves it to another worker (README,
    "Scaling out"). Oscar records each email it sends for an order as a CommunicationEvent
    when the event type exists (so staff see it on the order's page too): one recorded means
    sent, and the buyer is not emailed again."""
    order = Order.objects.filter(pk=order_id).first()
    if order is None:
        return False
    code = OrderDispatcher.ORDER_PLACED_EVENT_CODE
    CommunicationEventType.objects.get_or_create(
        code=code, defaults={"name": "Order placed", "category": CommunicationEventType.ORDER_RELATED})
    if order.communication_events.filter(event_type__code=code).exists():
        return False
    _send(order, code)
    return True


@shared_task(ignore_result=False)
def send_refund_email(refund_record_id):
    record = StripeRefund.objects.select_related("order").filter(pk=refund_record_id).first()
    if record is None or record.order is None:
        return False
    from catalogue.money import rupees

    by_id = {line.pk: line for line in record.order.lines.all()}
    lines = [(by_id[line_id], qty) for line_id, qty in record.lines if line_id in by_id]
    _send(
        record.order,
        "ORDER_REFUNDED",
        {
            "refund": record,
            "refund_amount": rupees(record.amount_paise),
            "refund_lines": lines,
        },
    )
    return True


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
    from .services import sync_intent
    from .webhooks import flag_unknown_intent, is_shop_intent

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
    """Settle attempts a lost browser, webhook or process left half done (see services.sweep),
    after acting on the webhook events a broker outage left unqueued."""
    from .services import sweep

    return {"events": act_on_unqueued_events(), "attempts": sweep()}
