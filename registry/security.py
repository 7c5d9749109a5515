"""The client's address for login throttling, read behind the reverse proxy when one is configured."""

from django.conf import settings


def client_ip(request):
    """REMOTE_ADDR, or the header the proxy overwrites with the client's address (AXES_CLIENT_IP_HEADER)."""
    if settings.AXES_CLIENT_IP_HEADER:
        meta_key = "HTTP_" + settings.AXES_CLIENT_IP_HEADER.upper().replace("-", "_")
        return request.META.get(meta_key) or request.META.get("REMOTE_ADDR")
    return request.META.get("REMOTE_ADDR")
