"""The public pages served from the cache near the top of the middleware stack."""

import time

from csp.constants import HEADER, HEADER_REPORT_ONLY
from django.conf import settings
from django.core.cache import caches
from django.middleware.locale import LocaleMiddleware
from django.utils.cache import get_cache_key, get_max_age, has_vary_header, learn_cache_key, set_response_etag
from django.utils.http import http_date

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
        key_prefix = f"public-{registry_version()}"
        cache = self.cache
        key = get_cache_key(request, key_prefix, "GET", cache=cache)
        response = cache.get(key) if key else None
        if response is not None:
            # Fresh for browsers and proxies from now on, as a page rendered now would be.
            response.headers["Expires"] = http_date(time.time() + (get_max_age(response) or 0))
            return response
        response = self.get_response(request)
        if request.method == "GET" and is_the_same_for_everyone(response):
            if not response.has_header("ETag"):
                set_response_etag(response)  # once, not on every hit by ConditionalGetMiddleware
            key = learn_cache_key(request, response, PUBLIC_PAGE_SECONDS, key_prefix, cache=cache)
            cache.set(key, response, PUBLIC_PAGE_SECONDS)
        return response


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
