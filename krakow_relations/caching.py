"""Caching of the public pages, invalidated whenever staff change the registry.

Every cache key carries the registry's version; any save or delete of a registry record bumps it (the only
signal receivers in the project, and they only clear the cache). Use a shared cache (Redis, CACHE_URL) when
several processes serve the site, so that all of them see the new version.
"""

import functools

from django.core.cache import cache
from django.utils.cache import patch_cache_control
from django.views.decorators.cache import cache_page

VERSION_KEY = "registry-version"
PUBLIC_PAGE_SECONDS = 600
BROWSER_SECONDS = 60


def registry_version():
    return cache.get_or_set(VERSION_KEY, 1, timeout=None)


def registry_changed(**kwargs):
    try:
        cache.incr(VERSION_KEY)
    except ValueError:
        cache.set(VERSION_KEY, 1, timeout=None)


def public_page(view):
    """Cache the page server-side per registry version; browsers and proxies may keep it a minute."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        cached_view = cache_page(PUBLIC_PAGE_SECONDS, key_prefix=f"public-{registry_version()}")(view)
        response = cached_view(request, *args, **kwargs)
        patch_cache_control(response, public=True, max_age=BROWSER_SECONDS)
        return response

    return wrapper
