"""Every public page in a real browser, in both languages: accessible (axe-core, WCAG 2.1 AA), under the
Content-Security-Policy, without a single request to another host, with a working map."""

import io

import pytest
from django.conf import settings
from django.core.management import call_command

from tests.agreements.factories import AgreementFactory
from tests.browser import assert_accessible
from tests.partners.factories import PartnerCityFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PAGES = [
    "/{language}/partners/",
    "/{language}/partners/?status=ended",
    "/{language}/partners/nuremberg/",
    "/{language}/partners/saint-petersburg/",
    "/{language}/associations/",
    "/{language}/eu-programmes/",
]


@pytest.fixture
def demo():
    call_command("import_registry", str(settings.DEMO_REGISTRY_FILE), stderr=io.StringIO())


@pytest.mark.parametrize("language", ["pl", "en"])
@pytest.mark.parametrize("path", PAGES)
def test_public_page_is_accessible_and_asks_no_other_host(page, demo, path, language):
    response = page.goto(path.format(language=language))

    assert response.ok
    assert page.locator("html").get_attribute("lang") == language
    assert_accessible(page)


def test_the_map_shows_every_listed_city(page, demo):
    page.goto("/en/partners/?relation=twin_city")

    page.wait_for_selector(".partner-map .leaflet-marker-icon")
    markers = page.locator(".partner-map .leaflet-marker-icon")
    # The four twin cities and Krakow itself.
    assert markers.count() == 5


def test_the_list_works_without_javascript(chromium, live_server, demo):
    context = chromium.new_context(java_script_enabled=False, base_url=live_server.url)
    page = context.new_page()

    page.goto("/en/partners/?relation=twin_city")

    assert page.locator("table.cities tbody tr").count() == 4
    context.close()


def test_a_name_with_html_is_text_in_the_map_popup(page):
    AgreementFactory(city=PartnerCityFactory(slug="evil", name_en="<b>Evil</b><script>alert(1)</script>"))
    page.goto("/en/partners/")

    page.locator(".partner-map .leaflet-marker-icon[aria-label^='<b>Evil']").first.click()

    popup = page.locator(".leaflet-popup-content")
    assert "<b>Evil</b><script>alert(1)</script>" in popup.inner_text()
    assert popup.locator("b, script").count() == 0


def test_the_page_fits_a_phone(chromium, live_server, demo):
    context = chromium.new_context(viewport={"width": 360, "height": 740}, base_url=live_server.url)
    page = context.new_page()
    page.goto("/pl/partners/")
    # Measured with the map drawn; and no request may still be in flight when the test database is emptied.
    page.wait_for_selector(".partner-map .leaflet-marker-icon")
    page.wait_for_load_state("networkidle")

    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    context.close()
    assert scroll_width <= 360
