from django import template
from django.conf import settings

register = template.Library()


@register.simple_tag(takes_context=True)
def signed_in_user(context):
    """The user signed in, or None, read only when the request carries a session cookie.

    Reading request.user loads the session, and the session middleware then adds "Vary: Cookie": a page for
    everyone (registry.caching.public_page) would no longer be one copy for the proxy to keep.
    """
    request = context["request"]
    if settings.SESSION_COOKIE_NAME not in request.COOKIES or not request.user.is_authenticated:
        return None
    return request.user
