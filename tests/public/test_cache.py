"""The public pages served from the cache (krakow_relations.middleware): to whom, with which headers, and
which pages never.

A cached page is answered above SessionMiddleware, so its request never gets a session: that is how these
tests tell a page served from the cache from one the stack rendered.
"""

import time

import pytest
from django.core.cache import cache
from django.http import HttpResponse
from django.test import RequestFactory
from django.utils.http import parse_http_date

from krakow_relations import caching
from krakow_relations.middleware import PageKeys, PublicPageCacheMiddleware
from partners.models import PartnerCity
from tests.agreements.factories import AgreementFactory
from tests.public.test_pages import bulk_registry

pytestmark = pytest.mark.django_db

PUBLIC_PAGES = ["/en/partners/", "/pl/partners/kyoto/", "/en/associations/", "/pl/eu-programmes/"]


@pytest.fixture(autouse=True)
def kyoto():
    cache.clear()
    return AgreementFactory(
        city__slug="kyoto", city__name_en="Kyoto", city__name_pl="Kioto", city__country="JP"
    )


def served_from_cache(response):
    return not hasattr(response.wsgi_request, "session")


def rename_unnoticed(name):
    """Change the registry behind the cache's back (no signal, so no new version)."""
    PartnerCity.objects.filter(slug="kyoto").update(name_en=name, name_pl=name)


@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_a_public_page_is_served_from_the_cache_the_second_time(client, path):
    first, second = client.get(path), client.get(path)

    assert (first.status_code, second.status_code) == (200, 200)
    assert not served_from_cache(first) and served_from_cache(second)
    assert second.content == first.content


@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_a_cached_page_carries_every_header_of_the_rendered_one(client, settings, path):
    settings.SECURE_HSTS_SECONDS = 3600
    rendered = client.get(path, secure=True)
    cached = client.get(path, secure=True)

    assert served_from_cache(cached)
    assert dict(cached.headers) == dict(rendered.headers) | {"Expires": cached["Expires"]}
    assert cached["Strict-Transport-Security"].startswith("max-age=3600")
    assert "frame-ancestors 'none'" in cached["Content-Security-Policy"]
    assert cached["X-Frame-Options"] == "DENY"
    assert cached["X-Content-Type-Options"] == "nosniff"
    assert cached["Referrer-Policy"] == "same-origin"
    assert cached["Cross-Origin-Opener-Policy"] == "same-origin"
    assert cached["Content-Language"] == path[1:3]
    assert cached["Cache-Control"] == "max-age=60, public"


def test_the_content_security_policy_has_no_nonce_a_cached_page_would_share(client):
    response = client.get("/en/partners/")

    assert "nonce-" not in response["Content-Security-Policy"]
    assert "nonce=" not in response.content.decode()


def test_a_page_expires_a_minute_after_it_is_served_however_long_it_was_kept(client, monkeypatch):
    rendered = client.get("/en/partners/")
    assert abs(parse_http_date(rendered["Expires"]) - (time.time() + 60)) <= 2

    later = time.time() + 300
    monkeypatch.setattr("krakow_relations.middleware.time.time", lambda: later)
    cached = client.get("/en/partners/")

    assert served_from_cache(cached)
    assert abs(parse_http_date(cached["Expires"]) - (later + 60)) <= 2


def test_a_registry_change_renders_the_page_again(client):
    client.get("/en/partners/")
    rename_unnoticed("Kyōto")
    assert "Kyōto" not in client.get("/en/partners/").content.decode()

    caching.registry_changed()
    response = client.get("/en/partners/")

    assert not served_from_cache(response)
    assert "Kyōto" in response.content.decode()


def test_a_page_rendered_before_a_change_commits_is_not_kept_past_the_commit(
    client, kyoto, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as on_commit:
        kyoto.city.save()  # the change: its version is bumped at once...
        client.get("/en/partners/")  # ...and another reader renders the page before it commits
    for callback in on_commit:
        callback()

    assert not served_from_cache(client.get("/en/partners/"))


def test_filters_and_page_numbers_are_kept_apart(client):
    bulk_registry(60, "paged")
    caching.registry_changed()
    for _ in range(2):
        everyone = client.get("/en/partners/")
        japan = client.get("/en/partners/?country=JP")
        second_page = client.get("/en/partners/?page=2")

    assert served_from_cache(everyone) and served_from_cache(japan) and served_from_cache(second_page)
    assert "61 cities" in everyone.content.decode() and "page 1 of 2" in everyone.content.decode()
    assert "Kyoto" in japan.content.decode() and "City 1" not in japan.content.decode()
    assert "page 2 of 2" in second_page.content.decode()


def test_a_head_request_is_answered_from_the_page_a_get_left(client):
    rendered = client.get("/en/partners/")
    head = client.head("/en/partners/")

    assert served_from_cache(head)
    assert head.status_code == 200
    assert head.content == b""
    assert head["ETag"] == rendered["ETag"]


def test_a_head_request_leaves_no_page_in_the_cache(client):
    client.head("/en/partners/")

    assert not served_from_cache(client.get("/en/partners/"))


def test_a_request_header_left_out_and_one_sent_empty_get_pages_of_their_own():
    factory = RequestFactory()
    keys = [
        PageKeys(request, "public-1").key(["HTTP_ACCEPT"])
        for request in (factory.get("/api/partners/"), factory.get("/api/partners/", HTTP_ACCEPT=""))
    ]

    assert "HTTP_ACCEPT" not in factory.get("/api/partners/").META
    assert keys[0] != keys[1]


def test_languages_are_kept_apart(client):
    for _ in range(2):
        english = client.get("/en/partners/kyoto/")
        polish = client.get("/pl/partners/kyoto/")

    assert served_from_cache(english) and served_from_cache(polish)
    assert "Kyoto" in english.content.decode() and english["Content-Language"] == "en"
    assert "Kioto" in polish.content.decode() and polish["Content-Language"] == "pl"


@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_a_page_not_modified_since_its_etag_is_a_304(client, path):
    etag = client.get(path)["ETag"]
    cached = client.get(path)

    not_modified = client.get(path, HTTP_IF_NONE_MATCH=etag)

    assert served_from_cache(not_modified)
    assert cached["ETag"] == etag
    assert not_modified.status_code == 304
    assert not_modified.content == b""
    assert (not_modified["ETag"], not_modified["Cache-Control"]) == (etag, "max-age=60, public")
    assert client.get(path, HTTP_IF_NONE_MATCH='"another"').status_code == 200


class TestTheMemoryOfEachProcess:
    """With Redis, each process keeps the pages it read back in its own memory (here both are local)."""

    @pytest.fixture(autouse=True)
    def memory_in_front(self, settings, monkeypatch):
        settings.CACHES = {
            "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "shared"},
            "public-pages": {
                "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
                "LOCATION": "memory",
            },
        }
        monkeypatch.setattr(caching.time, "monotonic", lambda: 1000.0)  # the version stays remembered
        monkeypatch.setattr(caching, "_memo", {"version": None, "until": 0.0, "bump_owed": False})

    def test_a_page_read_back_once_is_then_served_without_the_shared_cache(self, client):
        client.get("/en/partners/")
        client.get("/en/partners/")  # read back, now in memory too
        cache.clear()  # the shared cache loses it

        assert served_from_cache(client.get("/en/partners/"))

    def test_a_large_page_is_always_read_from_the_shared_cache(self, client, monkeypatch):
        monkeypatch.setattr("krakow_relations.middleware.MEMORY_PAGE_BYTES", 1000)
        client.get("/en/partners/")
        assert served_from_cache(client.get("/en/partners/"))
        cache.clear()

        assert not served_from_cache(client.get("/en/partners/"))


class TestNeverFromTheCache:
    def test_a_signed_in_member_of_staff_gets_the_page_rendered(self, client, admin_client):
        client.get("/en/partners/")
        rename_unnoticed("Kyōto")

        response = admin_client.get("/en/partners/")

        assert not served_from_cache(response)
        assert "Kyōto" in response.content.decode()

    def test_a_request_with_a_session_cookie_gets_the_page_rendered_and_leaves_it_out(self, client):
        client.get("/en/partners/")
        rename_unnoticed("Kyōto")

        client.cookies["sessionid"] = "anything"
        with_session = client.get("/en/partners/")
        del client.cookies["sessionid"]

        assert not served_from_cache(with_session)
        assert "Kyōto" in with_session.content.decode()
        assert "Kyōto" not in client.get("/en/partners/").content.decode()

    def test_a_request_with_credentials_gets_the_page_rendered(self, client):
        client.get("/en/partners/")

        assert not served_from_cache(client.get("/en/partners/", HTTP_AUTHORIZATION="Basic b2ZmaWNlcjp4"))

    def test_a_post_gets_the_page_rendered_and_leaves_it_out(self, client):
        client.get("/en/partners/")
        rename_unnoticed("Kyōto")

        posted = client.post("/en/partners/")

        assert not served_from_cache(posted)
        assert "Kyōto" not in client.get("/en/partners/").content.decode()

    @pytest.mark.parametrize(
        "path",
        ["/en/login/", "/en/admin/login/", "/en/dashboard/", "/staff/attachments/x.pdf", "/sitemap.xml"],
    )
    def test_pages_that_are_not_declared_public_are_never_kept(self, client, path):
        client.get(path)

        assert not served_from_cache(client.get(path))

    def test_a_page_not_found_is_never_kept(self, client):
        client.get("/en/partners/nowhere/")

        assert not served_from_cache(client.get("/en/partners/nowhere/"))


def public_page_that(status=200, cookies=None, headers=None):
    """A middleware whose view answers with a declared public page of this status, cookies and headers."""

    def view(request):
        response = HttpResponse("Kyoto", status=status, headers=headers)
        response.is_public_page = True
        for name, value in (cookies or {}).items():
            response.set_cookie(name, value)
        view.calls += 1
        return response

    view.calls = 0
    return PublicPageCacheMiddleware(view), view


@pytest.mark.parametrize(
    "made",
    [
        {"cookies": {"csrftoken": "a-visitors-secret"}},
        {"headers": {"Vary": "Cookie"}},
        {"headers": {"Content-Security-Policy": "script-src 'self' 'nonce-b64nonce'"}},
        {"headers": {"Content-Security-Policy-Report-Only": "script-src 'nonce-b64nonce'"}},
        {"status": 404},
    ],
    ids=[
        "a cookie (a CSRF token)",
        "varies on cookies (read the session)",
        "CSP nonce",
        "report-only nonce",
        "404",
    ],
)
def test_a_public_page_made_for_its_visitor_or_failed_is_never_kept(made):
    middleware, view = public_page_that(**made)

    for _ in range(2):
        middleware(RequestFactory().get("/en/partners/"))

    assert view.calls == 2


def test_a_public_page_made_for_everyone_is_kept():
    middleware, view = public_page_that(headers={"Content-Security-Policy": "script-src 'self'"})

    for _ in range(2):
        middleware(RequestFactory().get("/en/partners/"))

    assert view.calls == 1
