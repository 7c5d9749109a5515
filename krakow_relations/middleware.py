"""The public pages served from the cache near the top of the middleware stack."""

import hashlib
import time

from csp.constants import HEADER, HEADER_REPORT_ONLY
from django.conf import settings
from django.core.cache import caches
from django.middleware.locale import LocaleMiddleware
from django.utils.cache import get_max_age, has_vary_header, set_response_etag
from django.utils.http import http_date
from django.utils.translation import get_language

from .cache import LayeredCache
from .caching import PUBLIC_PAGE_SECONDS, registry_version

MEMORY_CACHE = "public-pages"
# Larger responses (at a hundred times Krakow's registry, the whole registry as CSV, PDF or map data: up to a
# megabyte) come from Redis each time, so that the memory of a process stays within MAX_ENTRIES times this.
MEMORY_PAGE_BYTES = 100 * 1024


class PublicPageCacheMiddleware:
    """Keep the pages that views declare public (`caching.public_page`) and serve them to anonymous readers.

    Only SecurityMiddleware, WhiteNoise and ConditionalGetMiddleware sit above it: they add their headers (and
    turn a hit into a 304) on every response. The headers of the rest of the stack (CSP, X-Frame-Options,
    Content-Language, Vary) are kept with the page, so a hit is the response the whole stack produced,
    without running it again: no session, CSRF check, database transaction or view.

    Only a GET or HEAD without a session cookie or credentials is served from the cache, and only a public
    page's 200 that sets no cookie, does not vary on cookies and has no CSP nonce is kept: a page with a
    CSRF token sets the token's cookie, one that read the session varies on the cookie, and a nonce must be
    new for every response. Keys carry the registry version, the URL with its query string, the language
    and the headers named in Vary (the API's Accept).

    Django's own pair (UpdateCacheMiddleware, FetchFromCacheMiddleware) does not do here: it would keep any
    cacheable response of any visitor, not only the declared pages of anonymous ones; its key prefix is fixed
    at start-up, where the registry version changes; above LocaleMiddleware it keys the language on whatever
    the thread served last (the API's language comes from Accept-Language); it answers no conditional
    request; and a hit costs two round trips to Redis. At the top of the stack a hit took 0.37-0.43 ms in
    process, and 2 workers served the cached list at 1/50 to 1/55 of nginx's static rate
    (tests/benchmarks/load.py); with this middleware 0.14 ms and 1/15 to 1/19.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.locale = LocaleMiddleware(get_response)

    @property
    def cache(self):
        if MEMORY_CACHE in settings.CACHES:
            return LayeredCache(memory=caches[MEMORY_CACHE], shared=caches["default"], fits=fits_in_memory)
        return caches["default"]

    def __call__(self, request):
        if not is_anonymous_read(request):
            return self.get_response(request)
        # The key's language is the active one: chosen here as LocaleMiddleware will choose it.
        self.locale.process_request(request)
        # Read before rendering: a page rendered while the registry changes is kept under the older version.
        page = PageKeys(request, f"public-{registry_version()}")
        cache = self.cache
        vary = cache.get(page.vary_key)
        response = cache.get(page.key(vary)) if vary is not None else None
        if response is not None:
            # Fresh for browsers and proxies from now on, as a page rendered now would be.
            response.headers["Expires"] = http_date(time.time() + (get_max_age(response) or 0))
            return response
        response = self.get_response(request)
        if request.method == "GET" and is_the_same_for_everyone(response):
            if not response.has_header("ETag"):
                set_response_etag(response)  # once, not on every hit by ConditionalGetMiddleware
            vary = varying_request_headers(response)
            cache.set(page.vary_key, vary, PUBLIC_PAGE_SECONDS)
            cache.set(page.key(vary), response, PUBLIC_PAGE_SECONDS)
        return response


class PageKeys:
    """The cache keys of a page: which request headers its response varies on, and the response for them.

    As Django's get_cache_key and learn_cache_key make them (the registry version, the URL with its query
    string, the language, then the values of the headers named in Vary), but with the URL's digest and the
    language worked out once: Django's pair works both out twice, and that was a quarter of a hit's time.
    A HEAD request is answered with the GET's page.
    """

    def __init__(self, request, prefix):
        self.request = request
        url = hashlib.md5(request.build_absolute_uri().encode(), usedforsecurity=False).hexdigest()
        self.url_key = f"{prefix}.{url}.{get_language()}"
        self.vary_key = f"vary.{self.url_key}"

    def key(self, vary):
        values = hashlib.md5(usedforsecurity=False)
        for header in vary:
            value = self.request.META.get(header)
            # A header left out is not one sent empty.
            values.update(b"-\0" if value is None else f"={value}\0".encode())
        return f"page.{self.url_key}.{values.hexdigest()}"


def varying_request_headers(response):
    """The request headers (WSGI's names) that the response's Vary names; the language is in every key."""
    named = (header.strip().upper().replace("-", "_") for header in response.get("Vary", "").split(","))
    return sorted(f"HTTP_{header}" for header in named if header and header != "ACCEPT_LANGUAGE")


def is_anonymous_read(request):
    return (
        request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and "HTTP_AUTHORIZATION" not in request.META
    )


def is_the_same_for_everyone(response):
    return (
        getattr(response, "is_public_page", False)
        and response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not has_vary_header(response, "Cookie")
        and not has_vary_header(response, "*")
        and not any("'nonce-" in response.get(header, "") for header in (HEADER, HEADER_REPORT_ONLY))
    )


def fits_in_memory(value):
    return len(getattr(value, "content", b"")) <= MEMORY_PAGE_BYTES
