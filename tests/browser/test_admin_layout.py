"""The admin at a laptop's width (1,400 px), in Chromium, on the Krakow demo registry: the agreement list, a
city's page and the import's results fit the window, the object tools sit clear of the title, a transition
looks unlike a document link, and no time-zone note nags staff whose browser is elsewhere."""

import io

import pytest
from django.conf import settings
from django.core.management import call_command

from agreements.resources import AgreementResource

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTH = 1400
LANGUAGES = pytest.mark.parametrize("language", ["pl", "en"])
CITY_HEADER = "id,name_en,name_pl,country,continent,latitude,longitude,is_capital,website,description_en,description_pl\n"


@pytest.fixture
def demo():
    call_command("import_registry", str(settings.DEMO_REGISTRY_FILE), stderr=io.StringIO())


def sign_in(client, context, user, origin):
    """Give the browser context the session of `user`, signed in through Django's test client."""
    client.force_login(user)
    session = client.cookies[settings.SESSION_COOKIE_NAME].value
    context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": session, "url": origin}])


@pytest.fixture
def admin_page(page, page_record, client, admin_user, demo):
    page.set_viewport_size({"width": WIDTH, "height": 900})
    sign_in(client, page.context, admin_user, page_record.origin)
    return page


def page_width(browser_page):
    return browser_page.evaluate("document.documentElement.scrollWidth")


@LANGUAGES
def test_every_column_of_the_agreement_list_is_in_view(admin_page, language):
    admin_page.goto(f"/{language}/admin/agreements/agreement/")

    table, shown = admin_page.evaluate(
        "[document.querySelector('#result_list').scrollWidth, document.querySelector('.results').clientWidth]"
    )
    assert table <= shown
    assert page_width(admin_page) <= WIDTH


@LANGUAGES
def test_a_citys_page_with_its_agreements_fits_the_window(admin_page, language):
    admin_page.goto(f"/{language}/admin/partners/partnercity/nuremberg/change/")

    assert admin_page.locator("#agreements-group").is_visible()
    assert page_width(admin_page) <= WIDTH


def upload(browser_page, language, model_path, name, content):
    browser_page.goto(f"/{language}/admin/{model_path}/import/")
    file = {"name": name, "mimeType": "text/csv", "buffer": content}
    browser_page.set_input_files("#id_import_file", files=[file])
    browser_page.locator("#content form input[type=submit]").first.click()
    browser_page.wait_for_load_state()


def test_the_imports_row_errors_are_read_on_a_page_that_fits(admin_page):
    rows = "".join(
        f"krakow-{n},Krakow {n},Kraków {n},PL,,50.06,19.94,0,https://www.krakow.pl/{'long-path/' * 8},,\n"
        for n in range(3)
    )
    upload(admin_page, "en", "partners/partnercity", "cities.csv", (CITY_HEADER + rows).encode())

    assert admin_page.get_by_text("A partner city is always abroad, never in Poland.").first.is_visible()
    assert page_width(admin_page) <= WIDTH


def test_the_imports_preview_of_every_column_fits_the_page(admin_page):
    exported = AgreementResource().export().csv.encode()

    upload(admin_page, "en", "agreements/agreement", "agreements.csv", exported)

    assert admin_page.locator("table.import-preview").is_visible()
    assert page_width(admin_page) <= WIDTH


@LANGUAGES
def test_the_agreements_actions_sit_clear_of_its_title(admin_page, language):
    admin_page.goto(f"/{language}/admin/agreements/agreement/nuremberg-twinning/change/")

    titles = [title.bounding_box() for title in admin_page.locator("#content > h1, #content > h2").all()]
    tools = [tool.bounding_box() for tool in admin_page.locator(".object-tools li").all()]
    assert titles and len(tools) >= 3
    assert not [(t, o) for t in titles for o in tools if overlap(t, o)]


def overlap(a, b):
    return (
        a["x"] < b["x"] + b["width"]
        and b["x"] < a["x"] + a["width"]
        and a["y"] < b["y"] + b["height"]
        and b["y"] < a["y"] + a["height"]
    )


def test_terminating_looks_unlike_opening_the_fact_sheet(admin_page):
    admin_page.goto("/en/admin/agreements/agreement/nuremberg-twinning/change/")

    def background(selector):
        return admin_page.locator(selector).evaluate("link => getComputedStyle(link).backgroundColor")

    assert background('.object-tools a[href*="/transition/terminated/"]') != background(
        '.object-tools a[href$="/fact-sheet.pdf"]'
    )


def test_a_browser_in_another_time_zone_is_not_told_so(chromium, live_server, client, admin_user):
    context = chromium.new_context(base_url=live_server.url, timezone_id="America/New_York")
    try:
        sign_in(client, context, admin_user, live_server.url)
        browser_page = context.new_page()
        browser_page.goto(f"/pl/admin/auth/user/{admin_user.pk}/change/")

        notes = browser_page.locator(".timezonewarning")
        assert notes.count() > 0
        assert not [note for note in notes.all() if note.is_visible()]
    finally:
        context.close()
