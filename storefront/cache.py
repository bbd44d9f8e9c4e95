"""Django's Redis cache, keeping one redis-py client per connection pool.

Django 5.2's RedisCacheClient makes a new ``redis.Redis`` for every get, set and delete (it
copies some 200 response callbacks each time): measured in bench/profile_page.py, that was more
CPU than the cache call itself, and a kept page or an add to the basket makes several. A
client only borrows a connection from its pool while a command runs, and redis-py documents
clients as safe to share between threads, so one per pool does. Everything else (pools,
serializer, options, key format) is Django's.
"""

from django.core.cache.backends.redis import RedisCache as DjangoRedisCache
from django.core.cache.backends.redis import RedisCacheClient


class SharedClientRedisCacheClient(RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class RedisCache(DjangoRedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = SharedClientRedisCacheClient
