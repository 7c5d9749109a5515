"""Every public page in a real browser, in both languages: accessible (axe-core, WCAG 2.1 AA), under the
Content-Security-Policy, without a single request to another host, with a working map."""

import io

import pytest
from django.conf import settings
from django.core.management import call_command

from tests.agreements.factories import AgreementFactory
from tests.browser import assert_accessible, grouped_count
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
    # The four twin cities, alone or grouped, and Krakow itself.
    assert grouped_count(page) == 4
    assert page.locator(".partner-map .partner-map__marker--home").count() == 1


def test_nearby_cities_are_grouped_under_an_accessible_name_and_krakow_stays_alone(page, demo):
    page.goto("/en/partners/")
    page.wait_for_selector(".partner-map .partner-map__cluster")

    cluster = page.locator(".partner-map .partner-map__cluster").first
    count = int(cluster.inner_text())
    assert count > 1
    assert cluster.get_attribute("aria-label") == f"{count} cities"
    assert (cluster.get_attribute("role"), cluster.get_attribute("tabindex")) == ("button", "0")
    assert grouped_count(page) == page.evaluate(
        "fetch(document.querySelector('[data-map-url]').dataset.mapUrl).then(r => r.json()).then(d => d.cities.length)"
    )
    star = page.locator(".partner-map .partner-map__marker--home")
    assert star.count() == 1 and star.is_visible()
    # Nothing covers the star: the element at its centre is the star itself.
    assert page.evaluate(
        """() => { const star = document.querySelector('.partner-map__marker--home');
            const box = star.getBoundingClientRect();
            return star.contains(document.elementFromPoint(box.x + box.width / 2, box.y + box.height / 2)); }"""
    )


def test_a_group_opens_from_the_keyboard(page, demo):
    page.goto("/en/partners/")
    page.wait_for_selector(".partner-map .partner-map__cluster")
    before = page.locator(".partner-map .partner-map__cluster").count()

    page.locator(".partner-map .partner-map__cluster").first.focus()
    page.keyboard.press("Enter")
    page.wait_for_timeout(800)

    assert page.locator(".partner-map .leaflet-marker-icon").count() > before + 1


def test_the_polish_group_is_named_in_polish_plural(page, demo):
    page.goto("/pl/partners/")
    page.wait_for_selector(".partner-map .partner-map__cluster")

    labels = page.locator(".partner-map .partner-map__cluster").evaluate_all(
        "icons => icons.map(icon => [Number(icon.textContent), icon.getAttribute('aria-label')])"
    )
    for count, label in labels:
        form = "miasta" if count % 10 in (2, 3, 4) and count % 100 not in (12, 13, 14) else "miast"
        assert label == f"{count} {form}"


def test_the_map_opens_on_the_listed_cities_and_krakow(page, demo):
    page.goto("/en/partners/?country=DE")
    page.wait_for_selector(".partner-map .leaflet-marker-icon")

    # Germany's cities and Krakow fill the map, rather than a dot in a view of the world.
    inside, spread = page.evaluate(
        """() => { const map = document.querySelector('.partner-map').getBoundingClientRect();
            const boxes = [...document.querySelectorAll('.partner-map .leaflet-marker-icon')]
                .map(icon => icon.getBoundingClientRect());
            const inside = boxes.every(box => box.left >= map.left && box.right <= map.right
                && box.top >= map.top && box.bottom <= map.bottom);
            const xs = boxes.map(box => box.x);
            return [inside, (Math.max(...xs) - Math.min(...xs)) / map.width]; }"""
    )
    assert inside
    # At the map's closest opening zoom they span a fifth of its width; in a view of the world, a hundredth.
    assert spread > 0.15


def test_plus_keeps_krakow_in_view(page, demo):
    page.goto("/en/partners/?status=all")
    page.wait_for_selector(".partner-map .leaflet-marker-icon")

    for _ in range(3):
        page.locator(".partner-map .leaflet-control-zoom-in").click()
        page.wait_for_timeout(400)

    assert page.evaluate(
        """() => { const map = document.querySelector('.partner-map').getBoundingClientRect();
            const box = document.querySelector('.partner-map__marker--home').getBoundingClientRect();
            return box.left >= map.left && box.right <= map.right && box.top >= map.top && box.bottom <= map.bottom; }"""
    )
    assert page.locator(".partner-map .leaflet-control-zoom-in").get_attribute("aria-label") == "Zoom in"


def test_a_popup_opens_in_view_and_clear_of_the_zoom_buttons(page, demo):
    page.goto("/en/partners/?country=US")
    page.wait_for_selector(".partner-map .leaflet-marker-icon[aria-label^='Rochester']")

    page.locator(".partner-map .leaflet-marker-icon[aria-label^='Rochester']").click()
    page.wait_for_selector(".leaflet-popup")
    page.wait_for_timeout(600)

    popup = page.locator(".leaflet-popup-content-wrapper").bounding_box()
    buttons = page.locator(".partner-map .leaflet-control-zoom").bounding_box()
    map_box = page.locator(".partner-map").bounding_box()
    assert popup["x"] >= map_box["x"] and popup["y"] >= map_box["y"]
    assert popup["x"] + popup["width"] <= map_box["x"] + map_box["width"]
    assert popup["x"] >= buttons["x"] + buttons["width"]


def test_the_city_map_shows_krakow_beside_the_city(page, demo):
    page.goto("/en/partners/nuremberg/")
    page.wait_for_selector(".partner-map .partner-map__marker--home")

    assert page.locator(".partner-map .partner-map__marker--home").is_visible()
    assert page.locator(".partner-map .leaflet-marker-icon[aria-label^='Nuremberg']").is_visible()


def test_the_symbols_take_their_colours_from_the_registry(page, demo):
    page.goto("/en/partners/?relation=twin_city&status=all")
    page.wait_for_selector(".partner-map .leaflet-marker-icon")

    colours = page.locator(
        ".partner-map__legend .partner-map__symbol:not(.partner-map__symbol--home)"
    ).evaluate_all("svgs => svgs.map(svg => svg.style.getPropertyValue('--partner-map-colour'))")
    assert colours and set(colours) <= {"#D55E00", ""}
    assert "#D55E00" in colours


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


def test_on_a_phone_the_year_and_distance_keep_their_labels(chromium, live_server, demo):
    context = chromium.new_context(viewport={"width": 390, "height": 844}, base_url=live_server.url)
    page = context.new_page()
    page.goto("/en/partners/?relation=twin_city")
    # No request may still be in flight when the test database is emptied.
    page.wait_for_load_state("networkidle")

    cells = page.locator("table.cities tbody tr").first.locator("td[data-label]")
    shown = cells.evaluate_all("tds => tds.map(td => getComputedStyle(td, '::before').content)")
    header_shown = page.locator("table.cities thead").is_visible()
    context.close()
    assert shown == ['"Since: "', '"Distance from Krakow: "']
    assert not header_shown
