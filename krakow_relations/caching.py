"""Caching of the public pages, invalidated whenever staff change the registry.

A view declares its pages public with `public_page`; the PublicPageCacheMiddleware of
krakow_relations/middleware.py keeps them and serves them again near the top of the middleware stack. Every
cache key carries the registry's version; any save or delete of a registry record bumps it (the only signal
receivers in the project, and they only clear the cache). Use a shared cache (Redis, CACHE_URL) when several
processes serve the site, so that all of them see the new version.
"""

import functools
import time

from django.core.cache import cache
from django.db import transaction
from django.utils.cache import patch_cache_control, patch_response_headers

VERSION_KEY = "registry-version"
# How long the server keeps a rendered page of one registry version; a change makes a new version at once.
PUBLIC_PAGE_SECONDS = 600
# How long browsers and proxies (nginx) may keep a page without asking again: how late a change may show.
BROWSER_SECONDS = 60


# Each process remembers the version for a second, saving a cache round trip on most requests: a change made
# through another process shows here at most a second later (this process's own changes at once).
VERSION_MEMO_SECONDS = 1.0
# `bump_owed`: a change was saved while the cache was out of reach; the shared version still has to move on.
_memo = {"version": None, "until": 0.0, "bump_owed": False}


def _remember(version):
    _memo.update(version=version, until=time.monotonic() + VERSION_MEMO_SECONDS)
    return version


def _first_version():
    # Should the cache lose the version (Redis restarted or flushed), counting again from 1 could meet the
    # pages some process still keeps under those numbers; the time in microseconds is past all of them.
    return time.time_ns() // 1000


def registry_version():
    if _memo["until"] > time.monotonic():
        return _memo["version"]
    if _memo["bump_owed"]:
        _bump()
        return _memo["version"]
    return _remember(cache.get_or_set(VERSION_KEY, _first_version, timeout=None))


def _bump():
    try:
        version = cache.incr(VERSION_KEY)
    except ValueError:  # the cache answered but had lost the version
        version = _first_version()
        cache.set(VERSION_KEY, version, timeout=None)
    # Redis out of reach answers None (krakow_relations.cache): this process moves on alone at once, and bumps
    # the shared version once Redis answers again, so that pages cached before the change are not served.
    _memo["bump_owed"] = version is None
    _remember(_first_version() if version is None else version)


def registry_changed(using=None, **kwargs):
    """Bump the version at the change, and again once its transaction commits: a page rendered in between
    (another process, reading the new version and the database as it was) is kept under the first."""
    _bump()
    transaction.on_commit(_bump, using=using)


def public_page(view):
    """Declare the view's pages public: the same for every visitor, so kept by the server per registry version
    (PublicPageCacheMiddleware) and by browsers and proxies for a minute."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        patch_response_headers(response, BROWSER_SECONDS)
        patch_cache_control(response, public=True)
        response.is_public_page = True
        return response

    return wrapper
