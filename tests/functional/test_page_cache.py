"""Whole pages kept for anonymous visitors never show stale prices, stock or basket lines, never
reach a signed-in user, and never share one visitor's basket, message or CSRF token with another
(pagecache/pages.py, issue 10)."""

import json
import re
from decimal import Decimal

import pytest
from django.conf import settings as django_settings
from django.core.signing import Signer
from django.test import Client
from django.urls import reverse
from django.utils import translation
from oscar.core.loading import get_model

from pagecache import pages as pagecache
from tests.support.auth import demo_user, sign_in

Product = get_model("catalogue", "Product")
StockRecord = get_model("partner", "StockRecord")

pytestmark = pytest.mark.django_db

BUY_BUTTON = 'data-testid="add-to-basket"'
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


@pytest.fixture(autouse=True)
def _page_cache_on(settings):
    # Off by default under DJANGO_ENV=test (tests change stock behind the shop's back); on here.
    settings.HAAT_PAGE_CACHE = True


def in_stock(count, at_least=1):
    """The newest browsable products with at least `at_least` pieces in stock."""
    found = []
    for product in Product.objects.browsable().order_by("-date_created", "-id"):
        record = product.stockrecords.first()
        if record and record.net_stock_level and record.net_stock_level >= at_least:
            found.append(product)
            if len(found) == count:
                return found
    raise AssertionError(f"the demo has {count} products with {at_least} in stock")


def for_sale():
    """The newest browsable product that can be bought (on the first catalogue page)."""
    for product in Product.objects.browsable().order_by("-date_created", "-id"):
        record = product.stockrecords.first()
        if record and record.net_stock_level and record.net_stock_level > 0:
            return product
    raise AssertionError("the demo has a product in stock")


def cached(response):
    return response.get(pagecache.HEADER)


def basket_count(html):
    return int(re.search(r'class="basket-count[^"]*"[^>]*>(\d+)<', html).group(1))


def test_the_second_anonymous_visit_is_served_whole_from_the_cache(django_assert_num_queries):
    url = for_sale().get_absolute_url()
    assert cached(Client().get(url)) == "miss"
    with django_assert_num_queries(0):
        response = Client().get(url)
    assert response.status_code == 200 and cached(response) == "hit"
    assert "Add to basket" in response.content.decode()
    for page in (reverse("catalogue:index"), "/"):
        Client().get(page)
        assert cached(Client().get(page)) == "hit", page


def test_a_new_price_shows_on_the_cached_pages_at_once():
    product = for_sale()
    for url in (product.get_absolute_url(), reverse("catalogue:index")):
        Client().get(url)
        assert cached(Client().get(url)) == "hit"
    record = product.stockrecords.get()
    record.price = Decimal("4321.00")
    record.save()
    for url in (product.get_absolute_url(), reverse("catalogue:index")):
        assert "4,321" in Client().get(url).content.decode(), url


def test_a_piece_sold_by_an_order_shows_sold_out_on_the_cached_page(
    django_capture_on_commit_callbacks,
):
    """Placing an order allocates stock with a conditional UPDATE that sends no signal."""
    product = for_sale()
    url = product.get_absolute_url()
    Client().get(url)
    response = Client().get(url)
    assert cached(response) == "hit" and BUY_BUTTON in response.content.decode()
    record = product.stockrecords.get()
    with django_capture_on_commit_callbacks(execute=True):
        StockRecord.allocate_or_fail(record.pk, record.net_stock_level)
    html = Client().get(url).content.decode()
    assert BUY_BUTTON not in html and "This piece has sold out" in html


def test_a_signed_in_shopper_never_gets_the_anonymous_page(client):
    product = for_sale()
    urls = [product.get_absolute_url(), reverse("catalogue:index"), "/"]
    for url in urls:
        Client().get(url)
        assert cached(Client().get(url)) == "hit"
    sign_in(client, demo_user("Shopper"))
    for url in urls:
        response = client.get(url)
        assert cached(response) is None, url
        assert 'id="logout_link"' in response.content.decode(), url


def test_two_visitors_never_see_each_others_basket_or_csrf_token():
    product = for_sale()
    url = product.get_absolute_url()
    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)

    page = first.get(url).content.decode()
    first_tokens = set(TOKEN.findall(page))
    assert first_tokens and pagecache.PLACEHOLDER not in page
    added = first.post(reverse("basket:add", kwargs={"pk": product.pk}),
                       {"csrfmiddlewaretoken": next(iter(first_tokens)), "quantity": 1})
    assert added.status_code == 302
    # The first visitor now has a basket: their pages are rendered for them, never stored.
    mine = first.get(reverse("catalogue:index"))
    assert cached(mine) is None and basket_count(mine.content.decode()) == 1

    response = second.get(url)
    page = response.content.decode()
    assert cached(response) == "hit"
    second_tokens = set(TOKEN.findall(page))
    assert len(second_tokens) == 1 and not second_tokens & first_tokens
    assert basket_count(page) == 0
    assert "added to your basket" not in page.lower()
    # The second visitor's own token works for them.
    added = second.post(reverse("basket:add", kwargs={"pk": product.pk}),
                        {"csrfmiddlewaretoken": second_tokens.pop(), "quantity": 1})
    assert added.status_code == 302
    assert basket_count(second.get(reverse("basket:summary")).content.decode()) == 1


def test_a_page_showing_a_message_is_not_kept(client):
    product = for_sale()
    url = product.get_absolute_url()
    page = client.get(url).content.decode()
    client.post(reverse("basket:add", kwargs={"pk": product.pk}),
                {"csrfmiddlewaretoken": TOKEN.search(page).group(1), "quantity": 1})
    with_message = client.get(url)
    assert cached(with_message) is None
    assert "added to your basket" in with_message.content.decode().lower()
    other = Client().get(url)
    assert "added to your basket" not in other.content.decode().lower()


def test_a_first_time_visitors_message_is_theirs_alone(client):
    """A stale page number sends a first-time visitor to page one with a message."""
    response = client.get(reverse("catalogue:index") + "?page=9999", follow=True)
    assert "does not exist" in response.content.decode()
    assert cached(response) is None
    other = Client().get(reverse("catalogue:index"))
    assert "does not exist" not in other.content.decode()


def test_each_language_has_its_own_page():
    url = reverse("catalogue:index")
    Client().get(url)
    english = Client().get(url)
    assert cached(english) == "hit" and '<html lang="en-in"' in english.content.decode()
    bengali = Client()
    bengali.cookies[django_settings.LANGUAGE_COOKIE_NAME] = "bn"
    with translation.override("bn"):
        bengali_url = reverse("catalogue:index")  # /bn/shop/catalogue/ where URLs carry it
    for _ in range(2):
        response = bengali.get(bengali_url, follow=True)
        assert '<html lang="bn"' in response.content.decode()
    assert cached(response) == "hit"
    assert '<html lang="en-in"' in Client().get(url).content.decode()


def test_recently_viewed_pieces_are_the_visitors_own():
    first, second = for_sale(), Product.objects.browsable().exclude(pk=for_sale().pk).first()
    Client().get(first.get_absolute_url())
    visitor = Client()
    # From the cache, the history cookie is still the visitor's: this piece alone.
    response = visitor.get(first.get_absolute_url())
    assert cached(response) == "hit"
    cookie = response.cookies[django_settings.OSCAR_RECENTLY_VIEWED_COOKIE_NAME]
    assert json.loads(cookie.value) == [first.pk]
    # With a history, product pages are rendered for the visitor (they list what they saw).
    response = visitor.get(second.get_absolute_url())
    assert cached(response) is None
    assert first.get_title() in response.content.decode()
    assert json.loads(visitor.cookies[django_settings.OSCAR_RECENTLY_VIEWED_COOKIE_NAME].value) == [
        first.pk, second.pk,
    ]
    # Other pages do not show the history: still served from the cache.
    Client().get(reverse("catalogue:index"))
    assert cached(visitor.get(reverse("catalogue:index"))) == "hit"


def test_made_up_query_strings_and_posts_are_never_kept():
    url = reverse("catalogue:index")
    for query in ("?utm_source=x", "?sort_by=nonsense", "?page=1&page=2", "?page=x"):
        Client().get(url + query)
        assert cached(Client().get(url + query)) is None, query
    Client().get(url + "?sort_by=price-asc")
    assert cached(Client().get(url + "?sort_by=price-asc")) == "hit"
    assert cached(Client().post(url)) is None


# --- The basket page, kept per basket -------------------------------------------------------------
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


def test_a_page_past_its_time_is_rendered_by_one_visitor_while_the_others_get_the_old_copy(
    monkeypatch, django_assert_num_queries
):
    """At expiry, eight shoppers on a popular page must not all render it at once."""
    url = reverse("catalogue:index")
    assert cached(Client().get(url)) == "miss"
    later = pagecache.time.time() + django_settings.HAAT_PAGE_CACHE_SECONDS + 1
    monkeypatch.setattr(pagecache.time, "time", lambda: later)
    # Another shopper's request is renewing the page right now (it holds the "renewing" mark):
    # this one gets the old copy, without a query.
    real = pagecache.cache

    class SomeoneIsRenewing:
        def __getattr__(self, name):
            return getattr(real, name)

        def add(self, key, *args, **kwargs):
            return False if key.endswith(":renewing") else real.add(key, *args, **kwargs)

    monkeypatch.setattr(pagecache, "cache", SomeoneIsRenewing())
    with django_assert_num_queries(0):
        waiting = Client().get(url)
    assert waiting.status_code == 200 and cached(waiting) == "stale"
    assert for_sale().title in waiting.content.decode()
    # Once that render is done, the next request past the time renders the page anew, and what
    # it stores is fresh again for everyone.
    monkeypatch.setattr(pagecache, "cache", real)
    assert cached(Client().get(url)) == "miss"
    assert cached(Client().get(url)) == "hit"
