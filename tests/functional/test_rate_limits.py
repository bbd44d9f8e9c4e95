"""Rate limits (django-ratelimit, security.ratelimits): past the limit a clear 429,
and nothing is stored or sent."""

import pytest
from django.test import override_settings

from commerce.checkout.models import StripeEvent
from tests.support.stripe import build_event, deliver

pytestmark = pytest.mark.django_db

LIMITS = {"stripe-webhook": "3/m", "verification-email": "2/h", "quote-request": "2/h"}


@override_settings(HAAT_RATE_LIMITS=LIMITS)
def test_the_webhook_turns_a_flood_away_before_storing_anything(client):
    for _ in range(3):
        assert deliver(client, build_event("payment_intent.payment_failed", {}),
                       signature="t=1,v1=forged").status_code == 400
    event = build_event("payment_intent.succeeded", {"id": "pi_flood", "object": "payment_intent"})
    refused = deliver(client, event)
    assert refused.status_code == 429
    assert refused.content == b"rate limited"
    assert not StripeEvent.objects.filter(event_id=event["id"]).exists()


@override_settings(HAAT_RATE_LIMITS=LIMITS)
def test_the_webhook_limit_is_per_address(client):
    from django.test import Client

    for _ in range(3):
        deliver(client, build_event("payment_intent.payment_failed", {}), signature="t=1,v1=x")
    assert deliver(client, build_event("charge.refunded", {}), signature="x").status_code == 429
    other = Client(REMOTE_ADDR="10.1.2.3")
    assert deliver(other, build_event("charge.refunded", {}), signature="x").status_code == 400


def test_without_a_rate_the_limit_is_off(client, settings):
    settings.HAAT_RATE_LIMITS = {}
    for _ in range(5):
        assert deliver(client, build_event("charge.refunded", {}), signature="x").status_code == 400


@override_settings(HAAT_RATE_LIMITS=LIMITS)
def test_a_buyer_asking_for_quotes_too_often_is_told_to_wait(client):
    import datetime

    from django.urls import reverse
    from django.utils import timezone

    from csr_partners.models.bulk import QuoteRequest
    from tests.support.auth import sign_in
    from tests.support.bulk import bag_product, company_with_buyer

    product = bag_product()
    _company, buyer = company_with_buyer(name="Rate Ltd", gstin="07AAACR1111A1Z1",
                                         address="x", state="Delhi")
    sign_in(client, buyer)
    wanted = timezone.localdate() + datetime.timedelta(days=75)
    form = {"lines-TOTAL_FORMS": "1", "lines-INITIAL_FORMS": "0",
            "lines-0-product": product.pk, "lines-0-quantity": 20,
            "wanted_by": wanted.isoformat(), "delivery": "many", "notes": "March"}
    url = reverse("csr_partners:bulk:request")
    assert [client.post(url, form).status_code for _ in range(2)] == [302, 302]
    refused = client.post(url, form)
    assert refused.status_code == 429
    assert "too many times in a short while" in refused.content.decode()
    assert QuoteRequest.objects.filter(company=_company).count() == 2
    assert client.get(url).status_code == 200  # reading the form is not limited


@override_settings(HAAT_RATE_LIMITS=LIMITS)
def test_verification_emails_are_limited_per_person_and_per_work_address(client):
    from django.core import mail
    from django.test import Client
    from django.urls import reverse

    from tests.support.csr import make_tieup

    tieup = make_tieup()
    url = reverse("csr_partners:verify", args=[tieup.pk])

    def ask(who, email):
        return who.post(url, {"work_email": email, "guest_email": "guest@example.test"})

    assert [ask(client, f"asha{i}@testco.example").status_code for i in range(2)] == [302, 302]
    refused = ask(client, "asha9@testco.example")
    assert refused.status_code == 429
    assert "too many times in a short while" in refused.content.decode()
    assert len(mail.outbox) == 2
    # From other addresses, one inbox still gets at most the limit.
    for n in range(2):
        assert ask(Client(REMOTE_ADDR=f"10.0.0.{n + 1}"), "ravi@testco.example").status_code == 302
    assert ask(Client(REMOTE_ADDR="10.0.0.9"), "ravi@testco.example").status_code == 429
    assert sum("ravi@testco.example" in m.to for m in mail.outbox) == 2
