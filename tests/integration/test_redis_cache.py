"""The shop's Redis cache (pagecache/redis.py): Django's backend, reusing one client per
connection pool. Runs where the test matrix has Redis (make test's PostgreSQL + Redis run)."""

import threading

import pytest
from django.conf import settings
from django.core.cache import cache, caches

pytestmark = pytest.mark.skipif(
    settings.CACHES["default"]["BACKEND"] != "pagecache.redis.RedisCache",
    reason="REDIS_URL is not set: the cache is in memory",
)


def test_what_is_stored_is_read_back_and_counters_count():
    cache.set("redis-cache-test:page", {"html": "<p>₹850.00</p>"}, 30)
    assert cache.get("redis-cache-test:page") == {"html": "<p>₹850.00</p>"}
    assert cache.add("redis-cache-test:page", "other", 30) is False
    cache.set("redis-cache-test:generation", 1, None)
    assert cache.incr("redis-cache-test:generation") == 2
    cache.delete_many(["redis-cache-test:page", "redis-cache-test:generation"])
    assert cache.get("redis-cache-test:page") is None
    with pytest.raises(ValueError):
        cache.incr("redis-cache-test:generation")


def test_one_client_serves_every_call_and_every_thread_shares_the_pool():
    backend = cache._cache
    assert backend.get_client() is backend.get_client(write=True)
    seen, errors = [], []

    def worker(n):
        try:
            own = caches["default"]  # each thread gets its own backend object, as in gunicorn
            own.set(f"redis-cache-test:thread:{n}", n, 30)
            seen.append(own.get(f"redis-cache-test:thread:{n}"))
        except Exception as exc:  # noqa: BLE001 (reported below)
            errors.append(exc)

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors and sorted(seen) == list(range(8))
    cache.delete_many([f"redis-cache-test:thread:{n}" for n in range(8)])
