"""Oscar's checkout views with Stripe's server-side confirmation (DESIGN.md sections 5, 10).

payment details (card Element) -> preview -> place order: the server creates and confirms a
PaymentIntent with manual capture; when Stripe asks for 3-D Secure the browser completes it
and posts back to ``payment-return``; the order is placed (stock allocated) only once the
intent reads back as authorised, and captured after that (``services``).
"""

import logging
import uuid

from django import http
from django.conf import settings
from django.contrib import messages
from django.db import transaction
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.csrf import csrf_exempt
from oscar.apps.checkout import views as oscar_views
from oscar.apps.checkout.exceptions import FailedPreCondition
from oscar.apps.checkout.signals import post_checkout
from oscar.core.loading import get_class, get_model

from catalogue.india import canonical_state, pin_not_in_state
from commerce import payments
from security.ratelimits import limited

from . import services
from .tasks import process_stripe_event

logger = logging.getLogger("storefront.checkout")

PaymentMethodForm = get_class("checkout.forms", "PaymentMethodForm")
CheckoutSessionData = get_class("checkout.utils", "CheckoutSessionData")
PaymentAttempt = get_model("checkout", "PaymentAttempt")
StripeEvent = get_model("checkout", "StripeEvent")
Basket = get_model("basket", "Basket")

SESSION_ATTEMPT = "haat_payment_attempt"
SESSION_TOKENS = "haat_preview_tokens"

# Oscar's views, unchanged, so get_class finds them here.
IndexView = oscar_views.IndexView
UserAddressUpdateView = oscar_views.UserAddressUpdateView
UserAddressDeleteView = oscar_views.UserAddressDeleteView
ShippingMethodView = oscar_views.ShippingMethodView
PaymentMethodView = oscar_views.PaymentMethodView
ThankYouView = oscar_views.ThankYouView


class ShippingAddressView(oscar_views.ShippingAddressView):
    """Oscar's, and a saved address (the address book's form does not check it) is shipped to
    only when its PIN code can be in its state; otherwise the buyer is sent to correct it."""

    def post(self, request, *args, **kwargs):
        if request.user.is_authenticated and request.POST.get("action") == "ship_to":
            address = request.user.addresses.filter(pk=request.POST.get("address_id")).first()
            state = canonical_state(address.state) if address else None
            pin = "".join((address.postcode or "").split()) if address else ""
            problem = pin_not_in_state(pin, state) if state and pin else None
            if address is not None and problem:
                messages.error(request, problem)
                return redirect("checkout:user-address-update", pk=address.pk)
        return super().post(request, *args, **kwargs)


def stripe_context():
    return {
        "stripe_js_url": settings.STRIPE_JS_URL,
        "stripe_publishable_key": settings.STRIPE_PUBLISHABLE_KEY,
        "stripe_flavour": settings.STRIPE_JS_FLAVOUR,
    }


class OutcomeResponseMixin:
    """Turn a services.Outcome into what the buyer sees."""

    def respond(self, outcome, **payment_kwargs):
        request = self.request
        if outcome.status == "placed":
            return self.order_placed(outcome.order)
        if outcome.status == "action":
            # The basket stays usable while the buyer is with their bank: placing the order
            # later checks the basket still comes to the authorised amount.
            request.session[SESSION_ATTEMPT] = outcome.attempt.pk
            Basket._default_manager.filter(
                pk=outcome.attempt.basket_id, status=Basket.FROZEN
            ).update(status=Basket.OPEN)
            return self.render_authenticate(outcome)
        request.session.pop(SESSION_ATTEMPT, None)
        if outcome.status == "sold_out":
            self.restore_frozen_basket()
            messages.error(request, outcome.message)
            return redirect("basket:summary")
        if outcome.status == "declined":
            self.restore_frozen_basket()
            self.checkout_session._unset("payment", "method")
            return self.render_payment_details(request, error=outcome.message)
        if outcome.status == "pending":
            messages.info(
                request,
                _("Your bank is still confirming the payment. We will email you as soon as "
                  "the order is placed."),
            )
            return redirect("basket:summary")
        self.restore_frozen_basket()
        return self.render_payment_details(request, error=outcome.message)

    def order_placed(self, order):
        already_told = self.request.session.get("checkout_order_id") == order.id
        self.checkout_session.flush()
        self.request.session.pop(SESSION_ATTEMPT, None)
        self.request.session["checkout_order_id"] = order.id
        response = http.HttpResponseRedirect(reverse("checkout:thank-you"))
        if not already_told:  # a second submit of a placed order is not a second checkout
            post_checkout.send(
                sender=self, order=order, user=self.request.user, request=self.request,
                response=response,
            )
        return response

    def render_authenticate(self, outcome):
        context = {
            "client_secret": outcome.client_secret
            or payments.retrieve_intent(outcome.attempt.intent_id).client_secret,
            "attempt": outcome.attempt,
            **stripe_context(),
        }
        return render(self.request, "oscar/checkout/authenticate.html", context)

    def restore_frozen_basket(self):
        """Give the buyer their basket back. The service has already thawed it; what is left
        is to merge anything they added meanwhile into a new basket (Oscar's behaviour)."""
        basket_id = self.checkout_session.get_submitted_basket_id()
        submitted = Basket._default_manager.filter(pk=basket_id).first() if basket_id else None
        if submitted is None:
            return
        if submitted.status == Basket.FROZEN:
            submitted.thaw()
        current = self.request.basket
        if current.pk and current.pk != submitted.pk and current.status == Basket.OPEN:
            submitted.merge(current)


class PaymentDetailsView(OutcomeResponseMixin, oscar_views.PaymentDetailsView):
    def dispatch(self, request, *args, **kwargs):
        # A second submit of the same preview (double click, retry): answer from the attempt
        # the first one made, whatever the basket and session look like by now.
        if request.method == "POST" and request.POST.get("action") == "place_order":
            token = request.POST.get("attempt_token", "")
            # Only this browser's own preview pages: an order's confirmation is theirs alone.
            mine = token and token in request.session.get(SESSION_TOKENS, [])
            attempt = PaymentAttempt.objects.filter(token=token).first() if mine else None
            if attempt is not None:
                self.checkout_session = CheckoutSessionData(request)
                return self.resubmitted(attempt)
        return super().dispatch(request, *args, **kwargs)

    def resubmitted(self, attempt):
        payment_method = self.request.POST.get("payment_method") or attempt.payment_method
        return self.respond(services.authorise(attempt, payment_method))

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx.update(stripe_context())
        ctx["card_label"] = self.checkout_session._get("payment", "card_label", "")
        if self.preview:
            ctx["attempt_token"] = token = uuid.uuid4().hex
            tokens = self.request.session.get(SESSION_TOKENS, [])[-4:]
            self.request.session[SESSION_TOKENS] = [*tokens, token]
        return ctx

    def handle_payment_details_submission(self, request):
        form = PaymentMethodForm(request.POST)
        if not form.is_valid():
            return self.render_payment_details(
                request, error=_("Please enter your card details again.")
            )
        self.checkout_session._set("payment", "method", form.cleaned_data["payment_method"])
        self.checkout_session._set("payment", "card_label", form.cleaned_data["card_label"])
        return self.render_preview(request)

    def get_pre_conditions(self, request):
        conditions = super().get_pre_conditions(request)
        if request.method == "POST" and request.POST.get("action") != "place_order":
            # The card reference arrives with this very request.
            conditions = [c for c in conditions if c != "check_payment_data_is_captured"]
        return conditions

    def check_payment_data_is_captured(self, request):
        if not self.checkout_session._get("payment", "method"):
            raise FailedPreCondition(
                url=reverse("checkout:payment-details"),
                message=_("Please enter your card details."),
            )

    def handle_place_order_submission(self, request):
        payment_method = self.checkout_session._get("payment", "method")
        submission = self.build_submission()
        basket = submission["basket"]
        order_number = self.generate_order_number(basket)
        self.checkout_session.set_order_number(order_number)
        attempt = services.open_attempt(
            basket=basket,
            user=submission["user"],
            guest_email=submission["order_kwargs"].get("guest_email", ""),
            shipping_address=submission["shipping_address"],
            shipping_method=submission["shipping_method"],
            order_total=submission["order_total"],
            order_number=order_number,
            payment_method=payment_method,
            token=request.POST.get("attempt_token", ""),
        )
        self.freeze_basket(basket)
        self.checkout_session.set_submitted_basket(basket)
        return self.respond(services.authorise(attempt, payment_method))


class PaymentReturnView(OutcomeResponseMixin, oscar_views.OrderPlacementMixin, View):
    """The browser comes back here after 3-D Secure (or its failure)."""

    def post(self, request, *args, **kwargs):
        attempt_id = request.session.get(SESSION_ATTEMPT)
        attempt = PaymentAttempt.objects.filter(pk=attempt_id).first() if attempt_id else None
        if attempt is None or not attempt.intent_id:
            messages.error(request, _("That payment has expired. Please check out again."))
            return redirect("basket:summary")
        return self.respond(services.proceed(attempt))

    def render_payment_details(self, request, error=None, **kwargs):
        messages.error(request, error or services.FAILED_MESSAGE)
        return redirect("checkout:payment-details")


@method_decorator(csrf_exempt, name="dispatch")
# A flood of posts (signed or not) is turned away before any signature check or database write.
@method_decorator(limited("stripe-webhook"), name="post")
class StripeWebhookView(View):
    """Stores each signed Stripe event once by its id; a Celery task acts on it."""

    def post(self, request, *args, **kwargs):
        try:
            event = payments.verify_webhook(
                request.body, request.headers.get("Stripe-Signature")
            )
        except payments.InvalidWebhook as exc:
            logger.warning("Refused a Stripe webhook: %s", exc)
            return http.JsonResponse({"error": "invalid signature or payload"}, status=400)
        with transaction.atomic():
            stored, created = StripeEvent.objects.get_or_create(
                event_id=event.id,
                defaults={
                    "type": event.type,
                    "intent_id": event.intent_id or "",
                    "payload": event.payload,
                },
            )
            if created or stored.processed_at is None:
                # A redelivery of an event not yet processed (say the broker was down) is
                # queued again; processing is idempotent.
                transaction.on_commit(lambda: queue_event(stored.pk))
        return http.JsonResponse({"received": True, "duplicate": not created})


def queue_event(event_pk):
    try:
        process_stripe_event.delay(event_pk)
    except Exception:
        # Stored, so Stripe's next delivery of it (or a sweep) queues it again.
        logger.exception("Could not queue Stripe event %s", event_pk)
