"""The shared cache: Redis with one client per pool, failing soft when out of reach, each process's memory in
front of it, and the registry version each process remembers."""

import logging
import socket

import environ
import pytest
from django.core.cache import caches
from django.core.cache.backends.dummy import DummyCache
from django.core.cache.backends.locmem import LocMemCache

from krakow_relations import caching
from krakow_relations.cache import LayeredCache, cache_settings
from tests.agreements.factories import AgreementFactory
from tests.deploy.servers import free_port

REDIS = ("127.0.0.1", 6379)


def redis_caches(url):
    """CACHES as the settings make them for CACHE_URL=url."""
    return cache_settings(environ.Env.cache_url_config(url))


@pytest.fixture
def redis_cache():
    try:
        socket.create_connection(REDIS, timeout=1).close()
    except OSError:
        pytest.skip("needs Redis on 127.0.0.1:6379 (apt-get install redis-server)")
    from django_redis.cache import RedisCache

    settings = redis_caches("redis://127.0.0.1:6379/9")["default"]
    cache = RedisCache(settings["LOCATION"], {**settings, "KEY_PREFIX": "krakow-test"})
    yield cache
    cache.clear()


def test_the_redis_cache_keeps_one_client_and_works(redis_cache):
    redis_cache.set("page", {"body": "Kraków"}, 30)

    assert redis_cache.get("page") == {"body": "Kraków"}
    assert redis_cache.client.get_client() is redis_cache.client.get_client()


@pytest.fixture
def redis_out_of_reach(settings, fresh_memo):
    """The project's Redis caches, pointed at a port where nothing listens (Redis stopped, say)."""
    settings.CACHES = redis_caches(f"redis://127.0.0.1:{free_port()}/1")
    yield
    caches["default"].close()


@pytest.mark.django_db
def test_with_redis_out_of_reach_the_site_serves_its_pages_and_logs_each_failure(
    client, admin_client, redis_out_of_reach, caplog
):
    AgreementFactory(city__slug="nuremberg")

    with caplog.at_level(logging.ERROR, logger="django_redis.cache"):
        pages = [client.get(url) for url in ("/en/partners/", "/en/partners/nuremberg/", "/api/partners/")]
        dashboard = admin_client.get("/en/dashboard/")

    assert [page.status_code for page in pages] == [200, 200, 200]
    assert b"City " in pages[0].content
    assert dashboard.status_code == 200
    assert "Exception ignored" in caplog.text


@pytest.mark.django_db
def test_with_redis_out_of_reach_staff_still_save_and_the_public_list_shows_it_at_once(
    client, admin_client, redis_out_of_reach
):
    agreement = AgreementFactory(city__name_en="Nuremberg")
    assert b"Nuremberg" in client.get("/en/partners/").content

    response = admin_client.post(
        f"/en/admin/agreements/agreement/transition/terminated/?ids={agreement.slug}",
        {"terminated_on": "2020-01-31", "reason": "Expired."},
    )
    agreement.refresh_from_db()

    assert response.status_code == 302, response.content.decode()[:2000]
    assert agreement.status == "terminated"
    assert b"Nuremberg" not in client.get("/en/partners/").content  # current relations only


@pytest.fixture
def fresh_memo(monkeypatch):
    """This process remembers no version yet (another test's may be in the cache no longer)."""
    monkeypatch.setattr(caching, "_memo", {"version": None, "until": 0.0, "bump_owed": False})


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


def test_a_change_saved_while_redis_is_out_of_reach_bumps_the_shared_version_once_redis_answers(
    settings, redis_cache, fresh_memo
):
    reachable = redis_caches("redis://127.0.0.1:6379/9")
    settings.CACHES = reachable
    before = caching.registry_version()

    settings.CACHES = redis_caches(f"redis://127.0.0.1:{free_port()}/1")
    caching._bump()  # a staff member saves a change
    during = caching.registry_version()
    settings.CACHES = reachable
    caching._memo["until"] = 0.0  # a second later
    after = caching.registry_version()

    assert during not in (before, after)  # this process moved on at once, alone
    assert after == before + 1  # and then the shared version did
    assert caches["default"].get(caching.VERSION_KEY) == before + 1
    assert caching.registry_version() == after
