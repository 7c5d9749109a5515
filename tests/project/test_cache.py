"""The shared cache: Redis with one client per pool, and the registry version each process remembers."""

import socket

import pytest

from krakow_relations import caching
from krakow_relations.cache import ReusingRedisCache

REDIS = ("127.0.0.1", 6379)


@pytest.fixture
def redis_cache():
    try:
        socket.create_connection(REDIS, timeout=1).close()
    except OSError:
        pytest.skip("needs Redis on 127.0.0.1:6379 (apt-get install redis-server)")
    cache = ReusingRedisCache("redis://127.0.0.1:6379/9", {"KEY_PREFIX": "krakow-test"})
    yield cache
    cache.clear()


def test_the_redis_cache_keeps_one_client_and_works(redis_cache):
    redis_cache.set("page", {"body": "Kraków"}, 30)

    assert redis_cache.get("page") == {"body": "Kraków"}
    assert redis_cache._cache.get_client() is redis_cache._cache.get_client()


def test_a_change_bumps_the_version_this_process_sees_at_once(settings):
    before = caching.registry_version()

    caching.registry_changed()

    assert caching.registry_version() == before + 1


def test_another_process_change_is_seen_within_the_memo(monkeypatch):
    from django.core.cache import cache

    clock = [1000.0]
    monkeypatch.setattr(caching.time, "monotonic", lambda: clock[0])
    monkeypatch.setattr(caching, "_memo", {"version": None, "until": 0.0})
    seen = caching.registry_version()
    cache.incr(caching.VERSION_KEY)  # as another process would

    assert caching.registry_version() == seen
    clock[0] += caching.VERSION_MEMO_SECONDS + 0.01
    assert caching.registry_version() == seen + 1
