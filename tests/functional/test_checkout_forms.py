"""Indian addresses at checkout, INR shipping methods, and checkout while signed in."""

import pytest
from django.urls import reverse
from django.utils import translation
from oscar.core.loading import get_model

from tests.support.auth import demo_user
from tests.support.checkout import ADDRESS, add_to_basket, place_order, to_preview
from tests.unit.test_india_pin_codes import REAL_PIN_CODES

Order = get_model("order", "Order")
UserAddress = get_model("address", "UserAddress")

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("eager_celery")]


def guest_at_address(client):
    add_to_basket(client, "HAAT-TOTE-01")
    client.post(reverse("checkout:index"), {"username": "a@example.in", "options": "anonymous"})


@pytest.mark.parametrize("pin", ["70001", "0700019", "012345", "70001A", ""])
def test_a_pin_code_is_six_digits_not_starting_with_zero(client, pin):
    guest_at_address(client)
    response = client.post(reverse("checkout:shipping-address"), {**ADDRESS, "postcode": pin})
    assert response.status_code == 200
    assert "postcode" in response.context["form"].errors


def test_a_pin_code_may_be_typed_with_a_space(client):
    guest_at_address(client)
    response = client.post(reverse("checkout:shipping-address"), {**ADDRESS, "postcode": "700 019"})
    assert response.status_code == 302


def test_a_pin_code_outside_the_chosen_state_is_refused_naming_both(client):
    """Issue 19: 110001 with West Bengal was accepted."""
    guest_at_address(client)

    response = client.post(
        reverse("checkout:shipping-address"), {**ADDRESS, "postcode": "110001"}
    )

    assert response.status_code == 200
    assert response.context["form"].errors["postcode"] == [
        "PIN code 110001 is in Delhi, not West Bengal."
    ]
    assert "PIN code 110001 is in Delhi, not West Bengal." in response.content.decode()
    assert client.get(reverse("checkout:shipping-method")).status_code == 302  # not past it


def test_the_pin_code_message_is_in_bengali_on_the_bengali_checkout(client):
    guest_at_address(client)
    with translation.override("bn"):
        url = reverse("checkout:shipping-address")
    response = client.post(url, {**ADDRESS, "postcode": "110001"})
    assert response.context["form"].errors["postcode"] == [
        "পিন কোড 110001 Delhi-এর, West Bengal-এর নয়।"
    ]


def test_a_saved_address_with_a_pin_outside_its_state_is_not_shipped_to(demo_login):
    """An address book entry (its form is Oscar's, unchecked) is checked when chosen."""
    client = demo_login("Shopper")
    add_to_basket(client, "HAAT-POUCH-03")
    client.get(reverse("checkout:index"))
    user = demo_user("Shopper")
    fields = {k: v for k, v in ADDRESS.items() if k != "phone_number"}
    wrong = UserAddress.objects.create(
        user=user, country_id="IN", phone_number="+919830012345",
        **{**fields, "postcode": "110001"})
    right = UserAddress.objects.create(
        user=user, country_id="IN", phone_number="+919830012345",
        **{**fields, "line1": "14 Lake Road"})

    refused = client.post(reverse("checkout:shipping-address"),
                          {"action": "ship_to", "address_id": wrong.pk}, follow=True)

    assert refused.redirect_chain[0][0] == reverse(
        "checkout:user-address-update", kwargs={"pk": wrong.pk})
    assert "PIN code 110001 is in Delhi, not West Bengal." in refused.content.decode()
    shipped = client.post(reverse("checkout:shipping-address"),
                          {"action": "ship_to", "address_id": right.pk})
    assert shipped["Location"] == reverse("checkout:shipping-method")


@pytest.mark.parametrize("state, pin", sorted(REAL_PIN_CODES.items()))
def test_a_real_pin_code_of_every_state_passes_checkout(client, state, pin):
    guest_at_address(client)
    response = client.post(
        reverse("checkout:shipping-address"), {**ADDRESS, "state": state, "postcode": pin}
    )
    assert response.status_code == 302, response.context["form"].errors


def test_the_state_comes_from_the_list_of_states_and_union_territories(client):
    guest_at_address(client)
    form = client.get(reverse("checkout:shipping-address")).context["form"]
    states = [value for value, _label in form.fields["state"].choices if value]
    assert len(states) == 36 and "West Bengal" in states and "Ladakh" in states
    response = client.post(reverse("checkout:shipping-address"), {**ADDRESS, "state": "Bavaria"})
    assert "state" in response.context["form"].errors
    response = client.post(reverse("checkout:shipping-address"), {**ADDRESS, "phone_number": ""})
    assert "phone_number" in response.context["form"].errors


def test_shipping_methods_are_in_rupees_and_post_is_free_from_1500(client):
    guest_at_address(client)
    client.post(reverse("checkout:shipping-address"), ADDRESS)
    methods = client.get(reverse("checkout:shipping-method")).context["methods"]
    basket = client.get(reverse("basket:summary")).context["basket"]
    charges = {m.code: m.calculate(basket) for m in methods}
    assert {code: (c.incl_tax, c.currency) for code, c in charges.items()} == {
        "india-post": (80, "INR"), "courier": (180, "INR"),
    }
    add_to_basket(client, "HAAT-TOTE-06")  # 850 + 1150 = 2000
    basket = client.get(reverse("basket:summary")).context["basket"]
    assert methods[0].calculate(basket).incl_tax == 0


def test_a_signed_in_shopper_checks_out_and_the_address_is_remembered(demo_login, stripe_server):
    client = demo_login("Shopper")
    add_to_basket(client, "HAAT-POUCH-03")
    _preview, token = to_preview(client, stripe_server, method="courier")

    response = place_order(client, token)

    assert response["Location"] == reverse("checkout:thank-you")
    order = Order.objects.get()
    assert order.user.email == "shopper@demo.haat.test" and not order.guest_email
    assert order.total_incl_tax == 700  # 520 + 180 courier
    assert order.shipping_code == "courier"
    assert UserAddress.objects.filter(user=order.user, postcode="700019").exists()
