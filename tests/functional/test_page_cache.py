"""Whole pages kept for anonymous visitors never show stale prices, stock or basket lines, never
reach a signed-in user, and never share one visitor's basket, message or CSRF token with another
(pagecache/pages.py, issue 10). The basket page, kept per basket: test_page_cache_basket.py."""

import json
from decimal import Decimal

import pytest
from django.conf import settings as django_settings
from django.test import Client
from django.urls import reverse
from django.utils import translation
from oscar.core.loading import get_model

from pagecache import pages as pagecache
from tests.functional.page_cache_support import (  # noqa: F401  (_page_cache_on: a fixture)
    BUY_BUTTON,
    TOKEN,
    Product,
    _page_cache_on,
    basket_count,
    cached,
    for_sale,
)
from tests.support.auth import demo_user, sign_in

StockRecord = get_model("partner", "StockRecord")

pytestmark = pytest.mark.django_db


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
