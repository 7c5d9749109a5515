"""The caches: Redis through django-redis, failing soft, and a process's memory in front of it for pages.

Redis holds nothing the registry cannot rebuild (pages, charts, the registry's version, copies of sessions),
so Redis out of reach must cost speed, never a page or a staff member's save: every call then answers as a
miss (IGNORE_EXCEPTIONS) after at most the timeouts below, and is logged. django-redis keeps one client per
connection pool for the life of the process, where Django's own Redis backend builds one for every call.
"""

REDIS_BACKENDS = ("django_redis.cache.RedisCache", "django.core.cache.backends.redis.RedisCache")
REDIS_OPTIONS = {
    "IGNORE_EXCEPTIONS": True,
    # Redis answers in well under a millisecond; a host out of reach costs a request this much a call.
    "SOCKET_CONNECT_TIMEOUT": 0.5,
    "SOCKET_TIMEOUT": 0.5,
}
# Each process keeps its own copy of the public pages it read from Redis, for a minute, so that a hit costs no
# round trip (krakow_relations.middleware); a page of Krakow's registry is some 30 kB.
PUBLIC_PAGES_IN_MEMORY = {
    "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
    "LOCATION": "public-pages",
    "TIMEOUT": 60,
    "OPTIONS": {"MAX_ENTRIES": 500},
}


def cache_settings(default):
    """CACHES for this default cache (a django-environ cache URL's settings)."""
    if default["BACKEND"] not in REDIS_BACKENDS:
        return {"default": default}
    redis = {
        **default,
        "BACKEND": REDIS_BACKENDS[0],
        "OPTIONS": {**default.get("OPTIONS", {}), **REDIS_OPTIONS},
    }
    return {"default": redis, "public-pages": PUBLIC_PAGES_IN_MEMORY}


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
