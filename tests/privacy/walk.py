"""Every address the project answers, found from its URLconf, its sitemap and the links of its own pages, and
what each response says in text (a PDF's read back with pypdf)."""

import io
import re
from html import unescape
from urllib.parse import parse_qsl, urlsplit

from django.conf import settings
from django.urls import NoReverseMatch, URLPattern, URLResolver, get_resolver, reverse
from django.urls.converters import IntConverter
from django.utils import translation
from pypdf import PdfReader

# Addresses that change the session rather than show anything.
NOT_VISITED = ("/i18n/", "/logout/")


def named_routes(urlpatterns=None, namespace=None):
    """(URL name with its namespaces, {argument: is it a number}) of every named route of the project."""
    for entry in urlpatterns if urlpatterns is not None else get_resolver().url_patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}:{entry.namespace}" if namespace and entry.namespace else entry.namespace
            yield from named_routes(entry.url_patterns, inner or namespace)
        elif isinstance(entry, URLPattern) and entry.name:
            pattern = entry.pattern
            converters = getattr(pattern, "converters", {})
            arguments = {
                name: isinstance(converters.get(name), IntConverter) for name in pattern.regex.groupindex
            }
            yield (f"{namespace}:{entry.name}" if namespace else entry.name), arguments


def addresses(*, numbers, words, skip_namespaces=()):
    """Each named route's address in every language, with each argument tried with each candidate: `numbers`
    for a number (a year, a primary key), `words` for any other (identifiers, tokens, keys)."""
    found = set()
    for name, arguments in named_routes():
        if name.split(":")[0] in skip_namespaces:
            continue
        for language, _name in settings.LANGUAGES:
            with translation.override(language):
                for kwargs in _combinations(arguments, numbers=numbers, words=words):
                    try:
                        found.add(reverse(name, kwargs=kwargs))
                    except NoReverseMatch:
                        continue
    return sorted(address for address in found if not address.startswith(NOT_VISITED))


def _combinations(arguments, *, numbers, words):
    combinations = [{}]
    for argument, is_number in arguments.items():
        candidates = numbers if is_number else words
        combinations = [
            {**kwargs, argument: candidate} for kwargs in combinations for candidate in candidates
        ]
    return combinations


def text_of(response):
    """What a response says: its text, a PDF's text, a stream's whole content."""
    content = b"".join(response.streaming_content) if response.streaming else response.content
    if response.get("Content-Type", "").startswith("application/pdf"):
        return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)
    return unescape(content.decode("utf-8", errors="replace"))


def links(text):
    """The site's own addresses a page links to (href, src, a sitemap's loc, a JSON url)."""
    found = re.findall(r'(?:href|src)="([^"#]+)"|<loc>([^<]+)</loc>|"(https?://testserver/[^"]+)"', text)
    paths = set()
    for groups in found:
        address = next(group for group in groups if group)
        parts = urlsplit(address)
        if parts.netloc in ("", "testserver") and parts.path.startswith("/") and "/static/" not in parts.path:
            paths.add(parts.path + (f"?{parts.query}" if parts.query else ""))
    return paths


def kind_of(address):
    parts = urlsplit(address)
    return re.sub(r"\d+", "#", parts.path), frozenset(name for name, _value in parse_qsl(parts.query))


def crawl(client, start, *, within=("/",), avoid=("/admin/", *NOT_VISITED), limit=600):
    """GET every address of `start` and every address their responses link to (under `within`, not under
    `avoid`), once each: {address: (status, text)}."""
    seen, pending = {}, list(start)
    # A list links to itself under many filters and sorts, the dashboard to each year's report: one address
    # of each path (its numbers aside) and set of parameters shows what they all show.
    kinds = {kind_of(address) for address in start}
    while pending and len(seen) < limit:
        address = pending.pop()
        if address in seen:
            continue
        response = client.get(address)
        text = text_of(response)
        seen[address] = (response.status_code, text)
        for link in links(text):
            kind = kind_of(link)
            # The admin is walked on its own (test_admin.py), under either language's prefix.
            unprefixed = re.sub(r"^/[a-z]{2}/", "/", link)
            if link.startswith(within) and not unprefixed.startswith(avoid) and kind not in kinds:
                kinds.add(kind)
                pending.append(link)
    return seen
