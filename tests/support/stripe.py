"""A real localstripe process for the test session, and helpers to talk to it.

The server runs on a free port (never 8420, which developers use) and the settings point at
it; ``stripe_server`` clears its data before each test. Webhook deliveries are built and
signed here with the webhook secret, since localstripe sends only a few event types, once.
"""

import json
import os
import socket
import subprocess
import sys
import tempfile
import time
import uuid

import pytest
import requests
from django.conf import settings
from django.test.utils import override_settings

from commerce import payments

CARD_OK = "4242424242424242"
CARD_DECLINED = "4000000000000341"
CARD_3DS = "4000000000003220"


IN_MEMORY_LOCALSTRIPE = """
import sys
import localstripe.resources as resources
resources.Store.dump_to_disk = lambda self: None
from localstripe.server import start
sys.argv[0] = "localstripe"
start()
"""


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="session")
def localstripe_server():
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    log = tempfile.NamedTemporaryFile(prefix="localstripe-", suffix=".log", delete=False)  # noqa: SIM115
    # localstripe pickles its whole store to /tmp/localstripe.pickle on every write, a file
    # every localstripe on the machine shares; ours keeps its state in memory only.
    process = subprocess.Popen(
        [sys.executable, "-c", IN_MEMORY_LOCALSTRIPE, "--port", str(port), "--from-scratch"],
        stdout=log, stderr=subprocess.STDOUT,
    )
    deadline = time.monotonic() + 30
    while True:
        try:
            requests.delete(f"{base}/_config/data", timeout=1)
            break
        except requests.ConnectionError:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                pytest.fail(f"localstripe did not start (log: {log.name})", pytrace=False)
            time.sleep(0.1)
    # A Celery worker started after this (tests/conftest.py) inherits the address.
    os.environ["STRIPE_API_BASE"] = base
    os.environ["STRIPE_JS_URL"] = f"{base}/js.stripe.com/v3/"
    with override_settings(
        STRIPE_API_BASE=base, STRIPE_JS_URL=f"{base}/js.stripe.com/v3/", STRIPE_JS_FLAVOUR="localstripe"
    ):
        yield base
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
    os.unlink(log.name)


@pytest.fixture
def stripe_server(localstripe_server):
    """localstripe with no data left from an earlier test."""
    requests.delete(f"{localstripe_server}/_config/data", timeout=5).raise_for_status()
    return localstripe_server


def card_reference(base, number=CARD_OK):
    """What the browser's card Element hands our server: localstripe's token card id."""
    response = requests.post(
        f"{base}/v1/tokens",
        data={
            "card[number]": number, "card[exp_month]": "12", "card[exp_year]": "2034",
            "card[cvc]": "123", "key": settings.STRIPE_PUBLISHABLE_KEY,
        },
        timeout=5,
    )
    response.raise_for_status()
    return response.json()["card"]["id"]


def authenticate_3ds(base, intent_id, success=True):
    """The buyer passes (or fails) 3-D Secure in localstripe's pop-up."""
    intent = payments.retrieve_intent(intent_id)
    response = requests.post(
        f"{base}/v1/payment_intents/{intent_id}/_authenticate",
        params={"success": "true" if success else "false"},
        json={"key": settings.STRIPE_PUBLISHABLE_KEY, "client_secret": intent.client_secret},
        timeout=5,
    )
    response.raise_for_status()
    return response.json()


def stripe_object(base, path):
    response = requests.get(
        f"{base}/v1/{path}", auth=(settings.STRIPE_SECRET_KEY, ""), timeout=5
    )
    response.raise_for_status()
    return response.json()


def build_event(event_type, obj, *, event_id=None, created=None):
    return {
        "id": event_id or f"evt_{uuid.uuid4().hex[:24]}",
        "object": "event",
        "api_version": "2024-06-20",
        "created": int(created or time.time()),
        "type": event_type,
        "livemode": False,
        "pending_webhooks": 1,
        "data": {"object": obj},
    }


def deliver(client, event, *, timestamp=None, secret=None, signature=None):
    """POST a signed event to our webhook endpoint, as Stripe would."""
    from django.urls import reverse

    payload = json.dumps(event)
    header = signature or payments.sign_webhook(payload, timestamp=timestamp, secret=secret)
    return client.post(
        reverse("checkout:stripe-webhook"),
        data=payload,
        content_type="application/json",
        HTTP_STRIPE_SIGNATURE=header,
    )
