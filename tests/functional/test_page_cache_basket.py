"""The basket page is kept whole per basket for anonymous shoppers: never stale, never
another visitor's basket or CSRF token, never a signed-in shopper's or a forged cookie's
(pagecache/pages.py, issue 10). The shop pages are in test_page_cache.py."""

import re
from decimal import Decimal

import pytest
from django.conf import settings as django_settings
from django.core.signing import Signer
from django.test import Client
from django.urls import reverse

from pagecache import pages as pagecache
from tests.functional.page_cache_support import (  # noqa: F401  (_page_cache_on: a fixture)
    TOKEN,
    _page_cache_on,
    basket_count,
    cached,
    for_sale,
    in_stock,
)
from tests.support.auth import demo_user, sign_in

pytestmark = pytest.mark.django_db


def look_at_basket(client):
    """Open the basket page like a browser: cookies the shop deleted are forgotten."""
    response = client.get(reverse("basket:summary"))
    assert response.status_code == 200
    for name, morsel in list(client.cookies.items()):
        if morsel["max-age"] == 0:
            del client.cookies[name]
    return response


def add(client, product, quantity=1):
    response = client.post(reverse("basket:add", kwargs={"pk": product.pk}),
                           {"quantity": quantity})
    assert response.status_code == 302


def shopper_with(*products):
    """An anonymous shopper who put these products in their basket and saw it once (with the
    "added to your basket" messages, which are then gone)."""
    client = Client()
    for product in products:
        add(client, product)
    assert "added to your basket" in look_at_basket(client).content.decode().lower()
    return client


def lines(response):
    """{line title: quantity} as the basket page shows them."""
    html = response.content.decode()
    titles = re.findall(r'class="basket-line__title"><a href="[^"]*">([^<]+)</a>', html)
    quantities = [
        int(re.search(r'value="(\d+)"', tag).group(1))
        for tag in re.findall(r'<input[^>]*name="form-\d+-quantity"[^>]*>', html)
    ]
    assert len(titles) == len(quantities)
    return dict(zip(titles, quantities, strict=True))


def basket_form(response):
    """The basket page's line form as the browser would post it (nothing ticked)."""
    html = response.content.decode()
    form = html[html.index('id="basket_formset"'):]
    form = form[:form.index("</form>")]
    data = {}
    for tag in re.findall(r"<input[^>]*>", form):
        name, value = re.search(r'name="([^"]+)"', tag), re.search(r'value="([^"]*)"', tag)
        if name and 'type="checkbox"' not in tag:
            data[name.group(1)] = value.group(1) if value else ""
    return data


def test_a_second_look_at_the_same_basket_is_served_whole(django_assert_num_queries):
    products = in_stock(3)
    shopper = shopper_with(*products)
    first = look_at_basket(shopper)
    assert cached(first) == "miss"
    with django_assert_num_queries(0):
        again = look_at_basket(shopper)
    assert cached(again) == "hit"
    assert lines(again) == lines(first) == {p.get_title(): 1 for p in products}
    assert basket_count(again.content.decode()) == 3
    assert "private" in again["Cache-Control"] and "Cookie" in again["Vary"]
    # The page from the cache carries the shopper's own CSRF token, which works.
    assert pagecache.PLACEHOLDER not in again.content.decode()
    checked = Client(enforce_csrf_checks=True)
    checked.cookies = shopper.cookies
    assert checked.post(reverse("basket:summary"), basket_form(again)).status_code == 302


def test_another_visitor_never_gets_this_basket_or_its_csrf_token():
    mine, theirs = in_stock(3)[:2], in_stock(3)[2]
    shopper = shopper_with(*mine)
    look_at_basket(shopper)
    page = look_at_basket(shopper)
    assert cached(page) == "hit"
    my_tokens = set(TOKEN.findall(page.content.decode()))

    other = shopper_with(theirs)
    for _ in range(2):
        response = look_at_basket(other)
        assert lines(response) == {theirs.get_title(): 1}
        assert not set(TOKEN.findall(response.content.decode())) & my_tokens
    assert cached(response) == "hit"
    for _ in range(2):
        response = look_at_basket(Client())  # no basket at all
        html = response.content.decode()
        assert "Your basket is empty." in html and lines(response) == {}
        assert not set(TOKEN.findall(html)) & my_tokens
    assert lines(look_at_basket(shopper)) == {p.get_title(): 1 for p in mine}


def test_adding_changing_and_removing_lines_show_at_once():
    first, second, third = in_stock(3, at_least=2)
    shopper = shopper_with(first, second)
    look_at_basket(shopper)
    page = look_at_basket(shopper)
    assert cached(page) == "hit" and lines(page) == {first.get_title(): 1, second.get_title(): 1}

    add(shopper, third)
    look_at_basket(shopper)  # "added to your basket"
    page = look_at_basket(shopper)
    assert lines(page) == {first.get_title(): 1, second.get_title(): 1, third.get_title(): 1}
    assert basket_count(page.content.decode()) == 3
    page = look_at_basket(shopper)
    assert cached(page) == "hit"

    data = basket_form(page)
    position = list(lines(page)).index(first.get_title())
    data[f"form-{position}-quantity"] = "2"
    assert shopper.post(reverse("basket:summary"), data).status_code == 302
    look_at_basket(shopper)  # any message about the change
    page = look_at_basket(shopper)
    assert lines(page) == {first.get_title(): 2, second.get_title(): 1, third.get_title(): 1}
    page = look_at_basket(shopper)
    assert cached(page) == "hit" and basket_count(page.content.decode()) == 4

    data = basket_form(page)
    data[f"form-{list(lines(page)).index(second.get_title())}-DELETE"] = "on"
    assert shopper.post(reverse("basket:summary"), data).status_code == 302
    look_at_basket(shopper)
    for _ in range(2):
        page = look_at_basket(shopper)
        assert lines(page) == {first.get_title(): 2, third.get_title(): 1}
    assert cached(page) == "hit"


def test_a_new_price_in_the_basket_shows_at_once():
    product = for_sale()
    shopper = shopper_with(product)
    look_at_basket(shopper)
    assert cached(look_at_basket(shopper)) == "hit"
    record = product.stockrecords.get()
    record.price = Decimal("4321.00")
    record.save()
    assert "4,321" in look_at_basket(shopper).content.decode()


def test_a_signed_in_shoppers_basket_page_is_never_served_from_the_cache(client):
    look_at_basket(Client())
    assert cached(look_at_basket(Client())) == "hit"  # the empty basket page, kept
    product = for_sale()
    sign_in(client, demo_user("Shopper"))
    add(client, product)
    for _ in range(3):
        response = look_at_basket(client)
        assert cached(response) is None
        html = response.content.decode()
        assert 'id="logout_link"' in html and product.get_title() in lines(response)


def test_a_basket_page_carrying_a_message_is_not_kept():
    product = for_sale()
    shopper = Client()
    add(shopper, product)
    with_message = look_at_basket(shopper)
    assert "added to your basket" in with_message.content.decode().lower()
    assert cached(with_message) is None
    for expected in ("miss", "hit"):
        response = look_at_basket(shopper)
        assert cached(response) == expected
        assert "added to your basket" not in response.content.decode().lower()


@pytest.mark.parametrize("forge", [
    lambda basket_id: str(basket_id),  # unsigned
    lambda basket_id: f"{basket_id}:{'A' * 27}",  # a made-up signature
    lambda basket_id: Signer(key="not-the-shops-key").sign(basket_id),
])
def test_a_made_up_basket_cookie_is_never_served_from_the_cache(forge):
    shopper = shopper_with(for_sale())
    look_at_basket(shopper)
    assert cached(look_at_basket(shopper)) == "hit"
    cookie = shopper.cookies[django_settings.OSCAR_BASKET_COOKIE_OPEN].value
    basket_id = Signer().unsign(cookie)
    for _ in range(2):
        stranger = Client()
        stranger.cookies[django_settings.OSCAR_BASKET_COOKIE_OPEN] = forge(basket_id)
        response = stranger.get(reverse("basket:summary"))
        assert cached(response) is None
        assert "Your basket is empty." in response.content.decode() and lines(response) == {}


def test_a_basket_that_is_gone_is_not_kept():
    """A signed cookie for a basket that no longer exists is deleted, never stored."""
    for _ in range(2):
        visitor = Client()
        visitor.cookies[django_settings.OSCAR_BASKET_COOKIE_OPEN] = Signer().sign("987654321")
        response = visitor.get(reverse("basket:summary"))
        assert cached(response) is None and "Your basket is empty." in response.content.decode()
