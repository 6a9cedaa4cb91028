"""Django's Redis cache, with its client object made once instead of on every call.

``django.core.cache.backends.redis`` builds a new ``redis.Redis`` for every
operation, and a ``redis.Redis`` fills its table of response callbacks when it
is made: about 0.1 ms, as much as the round trip to Redis itself, on every page
the cache answers. A ``redis.Redis`` is thread-safe and shares its connection
pool, so one per pool does.
"""

from django.core.cache.backends import redis as django_redis


class RedisCacheClient(django_redis.RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class RedisCache(django_redis.RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = RedisCacheClient
