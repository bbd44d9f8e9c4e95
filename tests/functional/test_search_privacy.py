"""What the shop keeps of a search (issue 19): the words, never who typed them."""

import pytest
from django.urls import reverse
from oscar.core.loading import get_model

from tests.support.auth import demo_user, sign_in

UserSearch = get_model("analytics", "UserSearch")

pytestmark = pytest.mark.django_db


def test_a_signed_in_shoppers_search_is_kept_without_her(client):
    shopper = demo_user("shopper")
    sign_in(client, shopper)

    response = client.get(reverse("search:search"), {"q": "  kantha pouch "})

    assert response.status_code == 200
    kept = list(UserSearch.objects.values_list("query", "user"))
    assert kept == [("kantha pouch", None)]
    assert not UserSearch.objects.filter(user=shopper).exists()
    assert "kantha pouch" in str(UserSearch.objects.get())
    assert shopper.email not in str(UserSearch.objects.get())


def test_anonymous_and_empty_searches_write_nothing(client):
    client.get(reverse("search:search"), {"q": "kantha"})
    sign_in(client, demo_user("shopper"))
    client.get(reverse("search:search"), {"q": "   "})

    assert not UserSearch.objects.exists()


def test_the_privacy_page_says_searches_are_kept_without_the_shopper(client):
    response = client.get("/privacy/")

    assert response.status_code == 200
    assert "never who searched for them" in response.content.decode()
