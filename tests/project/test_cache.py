"""The shared cache: Redis with one client per pool, each process's memory in front of it, and the registry
version each process remembers."""

import socket

import pytest
from django.core.cache.backends.dummy import DummyCache
from django.core.cache.backends.locmem import LocMemCache

from krakow_relations import caching
from krakow_relations.cache import LayeredCache, ReusingRedisCache

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


@pytest.fixture
def fresh_memo(monkeypatch):
    """This process remembers no version yet (another test's may be in the cache no longer)."""
    monkeypatch.setattr(caching, "_memo", {"version": None, "until": 0.0})


@pytest.mark.django_db
def test_a_change_bumps_the_version_this_process_sees_at_once(fresh_memo, django_capture_on_commit_callbacks):
    before = caching.registry_version()

    with django_capture_on_commit_callbacks(execute=False):
        caching.registry_changed()
        assert caching.registry_version() == before + 1


@pytest.mark.django_db
def test_a_change_bumps_the_version_again_when_its_transaction_commits(
    fresh_memo, django_capture_on_commit_callbacks
):
    before = caching.registry_version()

    with django_capture_on_commit_callbacks(execute=True):
        caching.registry_changed()

    assert caching.registry_version() == before + 2


def test_a_version_lost_with_the_cache_is_never_used_again(fresh_memo):
    from django.core.cache import cache

    used = caching.registry_version()
    cache.delete(caching.VERSION_KEY)  # Redis restarted, say
    caching._memo["until"] = 0.0

    assert caching.registry_version() > used


def test_another_process_change_is_seen_within_the_memo(monkeypatch, fresh_memo):
    from django.core.cache import cache

    clock = [1000.0]
    monkeypatch.setattr(caching.time, "monotonic", lambda: clock[0])
    seen = caching.registry_version()
    cache.incr(caching.VERSION_KEY)  # as another process would

    assert caching.registry_version() == seen
    clock[0] += caching.VERSION_MEMO_SECONDS + 0.01
    assert caching.registry_version() == seen + 1


def test_a_page_read_back_from_redis_is_then_served_from_memory(redis_cache):
    memory = LocMemCache("test-public-pages", {"TIMEOUT": 60})
    pages = LayeredCache(memory=memory, shared=redis_cache)
    pages.set("page", "Kraków", 600)
    assert memory.get("page") is None  # memory keeps only what it read back

    assert pages.get("page") == "Kraków"
    redis_cache.delete("page")

    assert pages.get("page") == "Kraków"


def test_without_a_shared_cache_nothing_is_kept_in_memory():
    pages = LayeredCache(memory=LocMemCache("test-no-pages", {"TIMEOUT": 60}), shared=DummyCache("", {}))
    pages.set("page", "Kraków", 600)

    assert pages.get("page") is None
