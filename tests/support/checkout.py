"""Walking a shopper through Oscar's checkout with the Django test client."""

import re

from django.urls import reverse
from oscar.core.loading import get_model

from tests.support.stripe import CARD_OK, card_reference

Product = get_model("catalogue", "Product")

ADDRESS = {
    "first_name": "Asha",
    "last_name": "Roy",
    "line1": "12 Lake Road",
    "line2": "Ballygunge",
    "line4": "Kolkata",
    "state": "West Bengal",
    "postcode": "700019",
    "phone_number": "+91 98300 12345",
}


def add_to_basket(client, upc, quantity=1):
    product = Product.objects.get(upc=upc)
    response = client.post(
        reverse("basket:add", kwargs={"pk": product.pk}), {"quantity": quantity}
    )
    assert response.status_code == 302, response
    return product


def to_payment_details(client, *, email="asha@example.in", method="india-post", address=None):
    """Gateway (as a guest unless signed in), address and shipping method."""
    response = client.get(reverse("checkout:index"))
    if response.status_code == 200:
        response = client.post(
            reverse("checkout:index"), {"username": email, "options": "anonymous"}
        )
    assert response.status_code == 302, getattr(response, "context", None) and response.context.get("form").errors
    response = client.post(reverse("checkout:shipping-address"), address or ADDRESS)
    assert response.status_code == 302, response.context["form"].errors
    response = client.post(reverse("checkout:shipping-method"), {"method_code": method})
    assert response.status_code == 302, response
    return response


def to_preview(client, base, card=CARD_OK, **kwargs):
    """Up to the preview page, with the card given as the card Element would. Returns the
    preview response and its submission token."""
    to_payment_details(client, **kwargs)
    response = client.post(
        reverse("checkout:preview"),
        {"payment_method": card_reference(base, card), "card_label": "Visa ending " + card[-4:]},
    )
    assert response.status_code == 200, response
    # Read from the page, not response.context: threads share the test client's signals.
    match = re.search(r'name="attempt_token" value="([0-9a-f]{32})"', response.content.decode())
    assert match, "no submission token on the preview page"
    return response, match.group(1)


def place_order(client, token):
    return client.post(
        reverse("checkout:preview"), {"action": "place_order", "attempt_token": token}
    )
