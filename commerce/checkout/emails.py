"""Emails to buyers about their orders, sent from Celery once the write that calls for them is
committed: the order confirmation after the capture (``services.capture``), the refund notice
after each refund recorded (``refunds.record_refund``).

The lowest module of the checkout: it reads orders and refunds, and imports nothing of the
flows that queue it."""

import logging

from celery import shared_task
from django.urls import reverse
from oscar.core.loading import get_class, get_model

from catalogue.money import rupees

logger = logging.getLogger("storefront.checkout")

Order = get_model("order", "Order")
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
