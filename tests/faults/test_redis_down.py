"""Redis stopped under the shop (issue 19): it still lists, shows and sells; /healthz names
Redis; once Redis is back nothing is lost and no page kept before the outage is served."""

import time

import pytest
from django.core.cache import cache
from django.test import Client
from django.test.utils import override_settings
from django.urls import reverse
from oscar.core.loading import get_model

from pagecache import pages as pagecache
from pagecache import redis as cache_backend
from tests.faults.conftest import needs_matrix_run
from tests.support.checkout import add_to_basket, place_order, to_preview

Order = get_model("order", "Order")
Product = get_model("catalogue", "Product")

pytestmark = [pytest.mark.django_db, needs_matrix_run]


@pytest.fixture
def shop_on(own_redis):
    """The shop's cache on the test's own Redis, with whole pages kept as in production."""
    caches = {"default": {
        "BACKEND": "pagecache.redis.RedisCache", "LOCATION": own_redis.url,
        "KEY_PREFIX": "haat-fault", "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
    }}
    with override_settings(CACHES=caches, HAAT_PAGE_CACHE=True):
        yield own_redis


def for_sale():
    for product in Product.objects.browsable().order_by("-date_created", "-id"):
        record = product.stockrecords.first()
        if record and record.net_stock_level and record.net_stock_level >= 2:
            return product
    raise AssertionError("the demo has a product with two pieces in stock")


def kept(response):
    return response.get(pagecache.HEADER)


def test_with_redis_stopped_the_shop_lists_shows_and_sells(shop_on, stripe_server):
    product = for_sale()
    Client().get(product.get_absolute_url())
    assert kept(Client().get(product.get_absolute_url())) == "hit"

    shop_on.stop()

    for url in ("/", reverse("catalogue:index"), product.get_absolute_url()):
        response = Client().get(url)
        assert response.status_code == 200, url
        assert kept(response) != "hit", url
    assert product.title in Client().get(product.get_absolute_url()).content.decode()
    health = Client().get("/healthz")
    assert health.status_code == 503
    assert health.json()["failing"] == ["cache"]
    assert health.json()["detail"] == {"cache": "redis unreachable"}
    assert health.json()["parts"]["database"] == "ok"

    shopper = Client()
    add_to_basket(shopper, product.upc)
    _, token = to_preview(shopper, stripe_server)
    response = place_order(shopper, token)
    assert response.status_code == 302, response
    order = Order.objects.get(lines__product=product, guest_email="asha@example.in")
    assert order.total_incl_tax > 0

    shop_on.start()  # an empty Redis, as a restarted one with nothing saved is
    assert Client().get("/healthz").json()["parts"]["cache"] == "ok"
    assert Order.objects.filter(pk=order.pk).exists()


def test_a_page_kept_before_an_outage_is_not_served_after_it(
    shop_on, django_capture_on_commit_callbacks, monkeypatch,
):
    """Redis frozen (its data kept) while a price changes: the retiring of the kept pages is
    lost, so the first call that reaches Redis again forgets what was kept before."""
    monkeypatch.setattr(cache_backend, "RETRY_SECONDS", 0.3)
    product = for_sale()
    url = product.get_absolute_url()
    Client().get(url)
    assert kept(Client().get(url)) == "hit"

    shop_on.pause()
    record = product.stockrecords.get()
    record.price = record.price + 111
    with django_capture_on_commit_callbacks(execute=True):
        record.save()
    new_price = f"{record.price:,.2f}"[:-3]
    assert Client().get(url).status_code == 200  # served while Redis does not answer

    shop_on.resume()
    time.sleep(0.4)  # the cache leaves Redis alone for RETRY_SECONDS after a failure
    response = Client().get(url)
    assert response.status_code == 200
    assert kept(response) == "miss"
    assert new_price.replace(",", "") in response.content.decode().replace(",", "")
    assert kept(Client().get(url)) == "hit"  # and keeping pages works again


def test_clearing_the_cache_leaves_other_keys_in_the_database(shop_on):
    """cache.clear() deletes the cache's own keys only: Celery's broker may share the
    database, and Django's own clear() is FLUSHDB."""
    import redis

    other = redis.Redis.from_url(shop_on.url)
    other.rpush("haat", "a queued task")
    cache.set("figure", 1)
    cache.clear()
    assert cache.get("figure") is None
    assert other.llen("haat") == 1
