"""Django's Redis cache, keeping one client per connection pool, and a process's memory in front of it.

Django builds a new `redis.Redis` for every cache call, and setting one up (its response callbacks) costs
more than the round trip to Redis; a cached public page makes two or three calls. The client is thread-safe
and holds no connection of its own, so one per pool serves every request of the process.
"""

from django.core.cache.backends.redis import RedisCache, RedisCacheClient


class ReusingRedisCacheClient(RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class ReusingRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ReusingRedisCacheClient


class LayeredCache:
    """A process's own memory in front of the shared cache, for the public pages.

    A page found in memory costs no round trip to Redis. Memory keeps only what it read back from the shared
    cache, for its own TIMEOUT, and only what `fits` (all by default): with no shared cache (dummycache)
    nothing is kept at all, and a page is never served from here longer than the shared cache holds it, plus
    that TIMEOUT. The keys carry the registry version, so a change makes new keys and the copies of older
    versions are never read again.
    """

    def __init__(self, memory, shared, fits=None):
        self.memory = memory
        self.shared = shared
        self.fits = fits

    def get(self, key, default=None):
        value = self.memory.get(key)
        if value is None:
            value = self.shared.get(key)
            if value is None:
                return default
            if self.fits is None or self.fits(value):
                self.memory.set(key, value)
        return value

    def set(self, key, value, timeout):
        self.shared.set(key, value, timeout)
