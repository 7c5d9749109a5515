"""HTTP caching of the public pages: browsers and the proxy in front (nginx) keep them for a minute.

A page the same for every anonymous reader says so in its Cache-Control header; ConditionalGetMiddleware
gives it an ETag and answers a request that already holds it with a 304. Django keeps no copy itself: a
staff member's change is on the next page Django renders, and reaches the public once the copies kept in
front expire.
"""

import functools

from django.conf import settings
from django.utils.cache import add_never_cache_headers, patch_cache_control

# How long browsers and proxies may keep a public page without asking again: how late a change may show.
PUBLIC_PAGE_SECONDS = 60


def public_page(view):
    """Declare the view's pages public: cacheable by anyone for a minute, unless asked for with a session.

    A request with a session (staff, council members) is answered uncacheable, so that no cache in between
    ever keeps a page rendered for someone signed in and hands it to others.
    """

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        if settings.SESSION_COOKIE_NAME in request.COOKIES:
            add_never_cache_headers(response)
        else:
            patch_cache_control(response, public=True, max_age=PUBLIC_PAGE_SECONDS)
        return response

    return wrapper
