"""PDF documents from HTML (WeasyPrint), without ever touching the network."""

import weasyprint
from django.conf import settings
from weasyprint.urls import URLFetcher


def local_url_fetcher():
    """WeasyPrint's fetcher limited to local files: a document never waits for, or leaks to, the network."""
    return URLFetcher(allowed_protocols={"file"}, allow_redirects=False)


def render_pdf(html):
    """The PDF of a rendered template (its CSS inline, fonts from the system)."""
    base_url = f"{settings.BASE_DIR / 'templates' / 'pdf'}/"
    return weasyprint.HTML(string=html, base_url=base_url, url_fetcher=local_url_fetcher()).write_pdf()
