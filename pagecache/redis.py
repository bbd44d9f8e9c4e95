"""Django's Redis cache, with one redis-py client per connection pool, that the shop outlives.

One client per pool: Django 5.2's RedisCacheClient makes a new ``redis.Redis`` for every get,
set and delete (it copies some 200 response callbacks each time): measured in
bench/profile_page.py, that was more CPU than the cache call itself, and a kept page or an add to
the basket makes several. A client only borrows a connection from its pool while a command runs,
and redis-py documents clients as safe to share between threads, so one per pool does.

Redis down (issue 19): the cache only ever holds copies (kept pages, fragments, figures, rate
counters; sessions and baskets live in the database), so when Redis cannot be reached a read is
a miss, a write is dropped, and the shop goes on listing, showing and selling, only slower. The
client then leaves Redis alone for ``RETRY_SECONDS`` rather than paying a connection attempt on
every call. A dropped write may have been an invalidation (a page retired because its stock
changed), so the first command that reaches Redis again first deletes every key of this cache
(its ``KEY_PREFIX``, never the Celery broker's keys that may share the database): no page kept
before the outage is served after it. Rate limits fail open while Redis is down (a counter that
cannot be read is a first request); lock-outs (django-axes) are in the database and hold.
"""

import logging
import threading
import time

from django.core.cache.backends.redis import RedisCache as DjangoRedisCache
from django.core.cache.backends.redis import RedisCacheClient
from django.utils.functional import cached_property
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger("pagecache.redis")

REDIS_DOWN = (RedisConnectionError, RedisTimeoutError)
RETRY_SECONDS = 2.0


class _Missing(Exception):
    """Raised in place of a counter Redis could not be asked about (``incr`` of a missing key)."""


class SharedClientRedisCacheClient(RedisCacheClient):
    # Set by RedisCache: the glob of this cache's own keys, deleted after an outage.
    own_keys = None

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}
        self._down_until = 0.0
        self._dropped_writes = False
        self._lock = threading.Lock()

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client

    # -- Redis down ------------------------------------------------------------------------------

    def _run(self, command, args, kwargs, *, write, fallback):
        method = getattr(super(), command)
        return self._run_own(lambda: method(*args, **kwargs), write=write, fallback=fallback)

    def _run_own(self, call, *, write, fallback):
        if time.monotonic() < self._down_until:
            self._dropped_writes = self._dropped_writes or write
            return fallback
        try:
            if self._dropped_writes:
                self._forget_what_was_kept()
                logger.warning("Redis is back: the keys kept before the outage were deleted")
            return call()
        except REDIS_DOWN as exc:
            with self._lock:
                first = time.monotonic() >= self._down_until
                self._down_until = time.monotonic() + RETRY_SECONDS
                self._dropped_writes = self._dropped_writes or write
            if first:
                logger.warning("Redis is unreachable (%s): cache calls are misses for now",
                               exc.__class__.__name__)
            return fallback

    def _forget_what_was_kept(self):
        client = self.get_client(write=True)
        batch = []
        for key in client.scan_iter(match=self.own_keys, count=500):
            batch.append(key)
            if len(batch) == 500:
                client.delete(*batch)
                batch = []
        if batch:
            client.delete(*batch)
        self._dropped_writes = False

    def get(self, *args, **kwargs):
        default = args[1] if len(args) > 1 else kwargs.get("default")
        return self._run("get", args, kwargs, write=False, fallback=default)

    def get_many(self, *args, **kwargs):
        return self._run("get_many", args, kwargs, write=False, fallback={})

    def has_key(self, *args, **kwargs):
        return self._run("has_key", args, kwargs, write=False, fallback=False)

    def add(self, *args, **kwargs):
        return self._run("add", args, kwargs, write=True, fallback=False)

    def set(self, *args, **kwargs):
        return self._run("set", args, kwargs, write=True, fallback=None)

    def set_many(self, *args, **kwargs):
        return self._run("set_many", args, kwargs, write=True, fallback=None)

    def touch(self, *args, **kwargs):
        return self._run("touch", args, kwargs, write=True, fallback=False)

    def delete(self, *args, **kwargs):
        return self._run("delete", args, kwargs, write=True, fallback=False)

    def delete_many(self, *args, **kwargs):
        return self._run("delete_many", args, kwargs, write=True, fallback=None)

    def clear(self):
        # Django's clear() is FLUSHDB, which would also empty the Celery broker's queues when
        # they share the database: only this cache's own keys go.
        def forget():
            self._forget_what_was_kept()
            return True
        return self._run_own(forget, write=True, fallback=False)

    def incr(self, *args, **kwargs):
        result = self._run("incr", args, kwargs, write=True, fallback=_Missing)
        if result is _Missing:
            # Django's answer for a counter that is not there: callers already handle it.
            raise ValueError("Redis is unreachable: the counter cannot be read")
        return result


class RedisCache(DjangoRedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = SharedClientRedisCacheClient

    @cached_property
    def _cache(self):
        client = self._class(self._servers, **self._options)
        client.own_keys = self.make_key("*", version="*")
        return client

    def reachable(self) -> bool:
        """Whether Redis answers a PING now (for /healthz, which must name Redis when it is
        down even though every cache call falls back)."""
        client = self._cache
        try:
            client.get_client(write=True).ping()
        except REDIS_DOWN:
            return False
        client._down_until = 0.0  # it answers: the next call need not wait out the pause
        return True
