"""Fixtures of the browser tests: Debian's Chromium driven by Playwright, and watched pages on the live server.

Without /usr/bin/chromium (or Playwright) the browser tests are skipped with a notice; .ci/run installs
Debian's chromium and, with STRICT_SKIPS=1, counts any skip as a failure. Playwright's own browser download
is never used.
"""

from pathlib import Path

import pytest

from tests.browser import PageRecord

CHROMIUM = Path("/usr/bin/chromium")
# As root (CI) Chromium starts only unsandboxed, a container has no GPU, and with updates, sync and the
# first-run setup off the only traffic is what the pages under test ask for.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
MISSING_CHROMIUM = "needs Debian's chromium: apt-get install chromium (browser tests skipped)"


@pytest.fixture(scope="package")
def chromium():
    """Headless Debian Chromium, shared by every browser test.

    Package scope rather than session scope: Playwright's sync API keeps an asyncio event loop running on the
    main thread from start to stop, and Django refuses ORM calls on a thread with a running loop
    (SynchronousOnlyOperation) — the tests' own factories and the database flush after each live-server test
    would fail. The loop only shuttles messages to Chromium and never touches the database, so while the
    browser runs DJANGO_ALLOW_ASYNC_UNSAFE lifts the check; stopping Playwright after the last browser test
    puts it back for the rest of the suite.

    `launch()` gives Chromium a fresh temporary user-data dir and deletes it on close (Playwright refuses a
    --user-data-dir argument there), so no profile state survives from one run to the next.
    """
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.skip(MISSING_CHROMIUM)
    if not CHROMIUM.exists():
        pytest.skip(MISSING_CHROMIUM)
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
            yield browser
            browser.close()


@pytest.fixture
def page_record(live_server):
    """What this test's page requested and reported (see `PageRecord`)."""
    return PageRecord(origin=live_server.url)


@pytest.fixture
def recorded_page(chromium, page_record):
    """A fresh page (own context, no cookies) on the live server, recorded in `page_record` but not judged."""
    context = chromium.new_context(base_url=page_record.origin)
    # A request to another host is recorded, then refused: a test never depends on, or leaks to, the network.
    context.route(page_record.is_foreign, lambda route: route.abort())
    page = context.new_page()
    page_record.watch(page)
    yield page
    # A fetch still in flight (the map's cities) would meet the live server's database being emptied.
    page.wait_for_load_state("networkidle")
    context.close()


@pytest.fixture
def page(recorded_page, page_record):
    """A fresh page on the live server under the registry's real CSP.

    The test fails at teardown if the page requested any host but the live server's (privacy), or reported a
    console error, an uncaught exception or a CSP violation.
    """
    yield recorded_page
    if problems := page_record.problems():
        pytest.fail("the page misbehaved in the browser:\n" + "\n".join(problems), pytrace=False)
