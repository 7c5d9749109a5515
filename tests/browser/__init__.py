"""Real-browser tests: Playwright drives Debian's /usr/bin/chromium against pytest-django's live server.

The fixtures (`chromium`, `page`, `recorded_page`, `page_record`) live in conftest.py; what the tests import
lives here: `PageRecord`, what a page requested and complained about, and `assert_accessible`, axe-core's
WCAG 2.0 / 2.1 A and AA rules.

How axe meets the Content-Security-Policy: the registry's CSP (script-src 'self') blocks the inline <script>
that Playwright's `add_script_tag` inserts. Rather than open the page in a second context with `bypass_csp`
just for axe, axe is evaluated through the DevTools protocol (`page.evaluate`), which the page's CSP does not
govern. So there is one page, one context and the real CSP throughout: axe checks the very DOM the test
drove, and whatever the page itself loads is still held to the CSP. Should axe ever need something the CSP
refuses (eval, say), Chromium reports the violation on the console and the `page` fixture fails the test,
so a crippled axe run cannot pass unnoticed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

if TYPE_CHECKING:
    from playwright.sync_api import ConsoleMessage, Error, Page

AXE_SCRIPT = Path(__file__).parent / "vendor" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

# URLs that never leave the browser: a data: image or a blob: worker is no request to another host.
LOCAL_SCHEMES = frozenset({"data", "blob", "about"})


@dataclass
class PageRecord:
    """Every request a page made, and every console error, uncaught exception and CSP violation it reported.

    `origin` is the live server's URL; a request to any other host (or port) is foreign.
    """

    origin: str
    requests: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)

    def watch(self, page: Page) -> None:
        page.on("request", lambda request: self.requests.append(request.url))
        page.on("console", self._on_console)
        page.on("pageerror", self._on_page_error)

    def is_foreign(self, url: str) -> bool:
        parts = urlsplit(url)
        return parts.scheme not in LOCAL_SCHEMES and parts.netloc != urlsplit(self.origin).netloc

    @property
    def foreign_requests(self) -> list[str]:
        return [url for url in self.requests if self.is_foreign(url)]

    @property
    def foreign_hosts(self) -> list[str]:
        return sorted({urlsplit(url).netloc for url in self.foreign_requests})

    def problems(self) -> list[str]:
        """What fails a test: requests to other hosts, console errors (CSP violations among them)."""
        foreign = [f"request to another host: {url}" for url in self.foreign_requests]
        return foreign + self.console_errors

    def _on_console(self, message: ConsoleMessage) -> None:
        # Chromium reports every CSP violation, failed load and script error as a console error.
        if message.type == "error":
            self.console_errors.append(f"console: {message.text} ({message.location.get('url', '?')})")

    def _on_page_error(self, error: Error) -> None:
        self.console_errors.append(f"uncaught {error.name}: {error.message}")


@cache
def _axe_source() -> str:
    return AXE_SCRIPT.read_text(encoding="utf-8")


def axe_violations(page: Page) -> list[dict]:
    """axe-core's WCAG 2.0 / 2.1 A and AA violations on the page as it stands (see the module docstring)."""
    if page.evaluate("typeof window.axe") == "undefined":
        page.evaluate(_axe_source())
    return page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}}).then(result => result.violations)",
        AXE_TAGS,
    )


def format_violations(violations: list[dict]) -> str:
    lines = []
    for violation in violations:
        lines.append(
            f"{violation['id']} ({violation['impact']}): {violation['help']} <{violation['helpUrl']}>"
        )
        lines.extend(f"    {', '.join(map(str, node['target']))}" for node in violation["nodes"])
    return "\n".join(lines)


def assert_accessible(page: Page) -> None:
    """Fail unless axe-core finds no WCAG 2.0 / 2.1 A or AA violation on the page."""
    violations = axe_violations(page)
    assert not violations, f"axe-core found violations on {page.url}:\n{format_violations(violations)}"


def grouped_count(page):
    """How many cities the map shows, each alone or within a group of nearby ones."""
    return page.evaluate(
        """() => [...document.querySelectorAll('.partner-map .leaflet-marker-icon')]
            .filter(icon => !icon.closest('.leaflet-pane').matches('[class*="partner-home"]'))
            .reduce((sum, icon) => sum + (icon.classList.contains('partner-map__cluster')
                ? Number(icon.textContent) : 1), 0)"""
    )
