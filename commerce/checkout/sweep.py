"""The sweep (a Celery beat job, ``tasks.sweep_payment_attempts``): it finishes what a lost
browser, a lost webhook or a crash left half done, through the checkout's own steps
(``services.proceed``), so a swept attempt ends the way a live one would."""

from __future__ import annotations

import logging
from datetime import timedelta

from oscar.core.loading import get_model

from commerce import payments

from .attempts import abandon, close, now
from .services import outcome_of, proceed

logger = logging.getLogger("storefront.checkout")

PaymentAttempt = get_model("checkout", "PaymentAttempt")


def sweep(*, stale_after=None, capture_after=None):
    """Finish what a lost browser, a lost webhook or a crash left half done (a Celery beat job).

    * An order placed but not captured (the process died between the two, or Stripe refused
      the capture for a moment) is captured.
    * An attempt left open for ``stale_after`` is settled from Stripe's side: an authorised
      intent completes (or is released when the piece or the basket is gone); one still waiting
      for the card or for 3-D Secure is cancelled, and the basket given back.
    """
    stale_after = timedelta(hours=1) if stale_after is None else stale_after
    capture_after = timedelta(minutes=2) if capture_after is None else capture_after
    started = now()
    results = []
    uncaptured = PaymentAttempt.objects.filter(
        state=PaymentAttempt.PLACED, captured=False, updated_at__lt=started - capture_after
    )
    stale = PaymentAttempt.objects.filter(
        state__in=PaymentAttempt.OPEN_STATES, updated_at__lt=started - stale_after
    )
    for attempt in list(uncaptured) + list(stale):
        try:
            if not attempt.intent_id:
                close(attempt, PaymentAttempt.FAILED, "abandoned before payment")
                results.append((attempt.pk, "failed"))
                continue
            intent = payments.retrieve_intent(attempt.intent_id)
            if attempt.order_id or intent.is_authorised:
                outcome = proceed(attempt, intent)
            else:
                abandon(attempt, "abandoned: " + intent.status)
                outcome = outcome_of(attempt)
            results.append((attempt.pk, outcome.status))
        except payments.PaymentError:
            logger.exception("Sweep: attempt %s could not be settled now", attempt.pk)
            results.append((attempt.pk, "error"))
    return results
