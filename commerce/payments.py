"""The one module that talks to Stripe (DESIGN.md section 5; import-linter keeps it that way).

Everything else in the shop calls these functions and gets plain values back: amounts in
integer paise, intents and refunds as small frozen dataclasses, errors as the exceptions below.
The Stripe server comes from settings (localstripe in development and tests, Stripe in
production), read on every call so tests can point it at their own localstripe.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass
from functools import lru_cache

import stripe
from django.conf import settings

#: Intent states in which the card is authorised for the amount (capturable or captured).
AUTHORISED = frozenset({"requires_capture", "succeeded"})


class PaymentError(Exception):
    """Stripe could not be reached or refused the request for a reason that is not the card's."""


class CardDeclined(PaymentError):
    """The card was refused; ``str(exc)`` is Stripe's message, fit to show the buyer."""

    def __init__(self, message, intent_id=None):
        super().__init__(message)
        self.intent_id = intent_id


class InvalidWebhook(Exception):
    """The webhook body or its signature is not Stripe's."""


@dataclass(frozen=True)
class Intent:
    id: str
    status: str
    amount: int
    currency: str
    client_secret: str
    capture_method: str
    charge_id: str | None
    error_message: str
    metadata: dict

    @property
    def is_authorised(self):
        return self.status in AUTHORISED

    def matches(self, amount_paise, currency):
        """Authorised for exactly this amount in this currency."""
        return (
            self.is_authorised
            and self.amount == amount_paise
            and self.currency.lower() == currency.lower()
        )


@dataclass(frozen=True)
class Refund:
    id: str
    amount: int
    currency: str
    status: str
    intent_id: str | None
    metadata: dict


@lru_cache(maxsize=4)
def _client(api_key, api_base):
    # No automatic retries: a retried create would be a second intent on localstripe, which
    # ignores Idempotency-Key (DESIGN.md section 10). Our callers retry with the stored id.
    return stripe.StripeClient(
        api_key, base_addresses={"api": api_base}, max_network_retries=0
    )


def client():
    return _client(settings.STRIPE_SECRET_KEY, settings.STRIPE_API_BASE)


def _field(obj, name, default=None):
    try:
        value = getattr(obj, name)
    except AttributeError:
        return default
    return default if value is None else value


def _intent(obj) -> Intent:
    # localstripe expands latest_charge; Stripe gives its id. Read fields both return.
    charge = _field(obj, "latest_charge")
    charge_id = charge if isinstance(charge, str) or charge is None else _field(charge, "id")
    error = _field(obj, "last_payment_error")
    message = ""
    if error:
        message = error.get("message", "") if isinstance(error, dict) else _field(error, "message", "")
    metadata = _field(obj, "metadata", {})
    return Intent(
        id=obj.id,
        status=obj.status,
        amount=int(obj.amount),
        currency=str(obj.currency).lower(),
        client_secret=_field(obj, "client_secret", ""),
        capture_method=_field(obj, "capture_method", ""),
        charge_id=charge_id,
        error_message=message,
        metadata=dict(metadata.to_dict() if hasattr(metadata, "to_dict") else metadata),
    )


def _refund(obj) -> Refund:
    metadata = _field(obj, "metadata", {})
    return Refund(
        id=obj.id,
        amount=int(obj.amount),
        currency=str(obj.currency).lower(),
        status=_field(obj, "status", ""),
        intent_id=_field(obj, "payment_intent"),
        metadata=dict(metadata.to_dict() if hasattr(metadata, "to_dict") else metadata),
    )


def _call(fn, *args, **kwargs):
    try:
        return fn(*args, **kwargs)
    except stripe.CardError as exc:
        error = exc.error
        intent = _field(error, "payment_intent") if error is not None else None
        intent_id = intent if isinstance(intent, str) else _field(intent, "id")
        raise CardDeclined(exc.user_message or str(exc), intent_id=intent_id) from exc
    except stripe.StripeError as exc:
        raise PaymentError(exc.user_message or str(exc)) from exc


def create_authorisation(*, amount_paise, currency, payment_method, idempotency_key, metadata):
    """Create and confirm a PaymentIntent that only authorises (capture_method=manual).

    Server-side confirmation (DESIGN.md section 10): ``payment_method`` is what the browser's
    card Element gave us (a ``pm_...`` from Stripe.js, a ``card_...`` from localstripe's).
    Returns the Intent: ``requires_capture`` when authorised, ``requires_action`` when the
    buyer must pass 3-D Secure. Raises CardDeclined with Stripe's message.
    """
    if not isinstance(amount_paise, int) or amount_paise <= 0:
        raise ValueError("amount_paise must be a positive int")
    params = {
        "amount": amount_paise,
        "currency": currency.lower(),
        "payment_method": payment_method,
        "payment_method_types": ["card"],
        "capture_method": "manual",
        "confirm": True,
        "metadata": {k: str(v) for k, v in metadata.items()},
    }
    if settings.STRIPE_JS_FLAVOUR == "stripe":
        # Real Stripe needs to know the browser will finish 3-D Secure itself; localstripe
        # refuses these parameters.
        params["use_stripe_sdk"] = True
    obj = _call(
        client().v1.payment_intents.create,
        params=params,
        options={"idempotency_key": idempotency_key},
    )
    return _intent(obj)


def retrieve_intent(intent_id) -> Intent:
    return _intent(_call(client().v1.payment_intents.retrieve, intent_id))


def capture(intent_id, *, idempotency_key) -> Intent:
    return _intent(
        _call(
            client().v1.payment_intents.capture,
            intent_id,
            options={"idempotency_key": idempotency_key},
        )
    )


def cancel(intent_id) -> Intent:
    """Release an authorisation. Cancelling one already cancelled is not an error."""
    current = retrieve_intent(intent_id)
    if current.status == "canceled":
        return current
    return _intent(_call(client().v1.payment_intents.cancel, intent_id))


def refund(intent_id, *, amount_paise, idempotency_key, metadata) -> Refund:
    if not isinstance(amount_paise, int) or amount_paise <= 0:
        raise ValueError("amount_paise must be a positive int")
    obj = _call(
        client().v1.refunds.create,
        params={
            "payment_intent": intent_id,
            "amount": amount_paise,
            "metadata": {k: str(v) for k, v in metadata.items()},
        },
        options={"idempotency_key": idempotency_key},
    )
    return _refund(obj)


def refunds_of(intent_id) -> list[Refund]:
    """Every refund Stripe holds for the intent, newest first."""
    result = _call(client().v1.refunds.list, params={"payment_intent": intent_id, "limit": 100})
    return [_refund(r) for r in result.data]


@dataclass(frozen=True)
class Event:
    id: str
    type: str
    object_id: str
    intent_id: str | None
    payload: dict


def _signed_at(signature: str) -> int:
    """The header's ``t=`` timestamp, read as stripe-python reads it (the first ``t``)."""
    items = [item.split("=", 2) for item in signature.split(",")]
    return int([item[1] for item in items if item[0] == "t"][0])


def verify_webhook(payload: bytes, signature: str | None) -> Event:
    """Check the Stripe-Signature header: its HMAC, and its ``t=`` timestamp within
    ``STRIPE_WEBHOOK_TOLERANCE`` seconds of now in either direction.

    stripe-python refuses only a timestamp too far in the past; a correctly signed delivery
    dated in the future (a clock far ahead, or a body signed now to be replayed later) would
    pass it, so the future side is checked here.
    """
    tolerance = settings.STRIPE_WEBHOOK_TOLERANCE
    try:
        stripe.WebhookSignature.verify_header(
            payload.decode("utf-8"),
            signature or "",
            settings.STRIPE_WEBHOOK_SECRET,
            tolerance,
        )
        signed_at = _signed_at(signature)
        if tolerance and signed_at > time.time() + tolerance:  # as stripe-python's past check
            raise InvalidWebhook(f"Timestamp in the future beyond the tolerance ({signed_at})")
        data = json.loads(payload)
        obj = data["data"]["object"]
        event_id, event_type, object_id = data["id"], data["type"], obj["id"]
    except (stripe.SignatureVerificationError, ValueError, KeyError, TypeError) as exc:
        raise InvalidWebhook(str(exc)) from exc
    if obj.get("object") == "payment_intent":
        intent_id = obj["id"]
    else:
        intent_id = obj.get("payment_intent")
    return Event(event_id, event_type, object_id, intent_id, data)


def sign_webhook(payload: str, *, timestamp=None, secret=None) -> str:
    """The Stripe-Signature header Stripe would send with ``payload`` (tests and tools)."""
    timestamp = int(time.time()) if timestamp is None else int(timestamp)
    secret = secret or settings.STRIPE_WEBHOOK_SECRET
    signature = stripe.WebhookSignature._compute_signature(f"{timestamp}.{payload}", secret)
    return f"t={timestamp},v1={signature}"
