"""Caching of the public pages, invalidated whenever staff change the registry.

Every cache key carries the registry's version; any save or delete of a registry record bumps it (the only
signal receivers in the project, and they only clear the cache). Use a shared cache (Redis, CACHE_URL) when
several processes serve the site, so that all of them see the new version.
"""

import functools
import time

from django.core.cache import cache
from django.utils.cache import patch_cache_control
from django.views.decorators.cache import cache_page

VERSION_KEY = "registry-version"
PUBLIC_PAGE_SECONDS = 600
BROWSER_SECONDS = 60


# Each process remembers the version for a second, saving a cache round trip on most requests: a change made
# through another process shows here at most a second later (this process's own changes at once).
VERSION_MEMO_SECONDS = 1.0
_memo = {"version": None, "until": 0.0}


def _remember(version):
    _memo.update(version=version, until=time.monotonic() + VERSION_MEMO_SECONDS)
    return version


def registry_version():
    if _memo["until"] > time.monotonic():
        return _memo["version"]
    return _remember(cache.get_or_set(VERSION_KEY, 1, timeout=None))


def registry_changed(**kwargs):
    try:
        version = cache.incr(VERSION_KEY)
    except ValueError:
        version = 1
        cache.set(VERSION_KEY, version, timeout=None)
    _remember(version)


def public_page(view):
    """Cache the page server-side per registry version; browsers and proxies may keep it a minute."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        cached_view = cache_page(PUBLIC_PAGE_SECONDS, key_prefix=f"public-{registry_version()}")(view)
        response = cached_view(request, *args, **kwargs)
        patch_cache_control(response, public=True, max_age=BROWSER_SECONDS)
        return response

    return wrapper
