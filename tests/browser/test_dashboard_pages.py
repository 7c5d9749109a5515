"""The council's dashboard in a real browser: a council member logs in through the site's own form and finds
the dashboard accessible (axe-core, WCAG 2.1 AA) in both languages, with and without filters, under the
Content-Security-Policy and without a request to another host; its charts are described images with data
tables, and its map marks the relations in force. How it fits a phone: test_screenshots.py."""

import io

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.core.management import call_command

from registry.permissions import COUNCIL_MEMBERS
from tests.browser import assert_accessible, grouped_count

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

USERNAME = "radna"
PASSWORD = "council-pass-1"
FILTERS = "?as_of=2000-01-01&continent=europe"


@pytest.fixture
def demo():
    cache.clear()
    call_command("import_registry", str(settings.DEMO_REGISTRY_FILE), stderr=io.StringIO())


@pytest.fixture
def council_member(django_user_model):
    # get_or_create: an earlier live-server test's flush removes the group the migration made.
    group, _created = Group.objects.get_or_create(name=COUNCIL_MEMBERS)
    user = django_user_model.objects.create_user(USERNAME, password=PASSWORD)
    user.groups.add(group)
    return user


def log_in(page, language):
    """Ask for the dashboard, log in on the form it sends an anonymous visitor to, and land on it."""
    page.goto(f"/{language}/dashboard/")
    page.wait_for_url(f"**/{language}/login/?next=/{language}/dashboard/")
    page.fill("#id_username", USERNAME)
    page.fill("#id_password", PASSWORD)
    page.click(".login-form button[type=submit]")
    page.wait_for_url(f"**/{language}/dashboard/")


def open_data_tables(page):
    for summary in page.locator("figure.chart details summary").all():
        summary.click()


@pytest.mark.parametrize("language", ["pl", "en"])
def test_a_council_member_logs_in_to_an_accessible_dashboard(page, demo, council_member, language):
    page.goto(f"/{language}/login/")
    assert page.locator("html").get_attribute("lang") == language
    assert_accessible(page)

    log_in(page, language)

    assert page.locator("html").get_attribute("lang") == language
    assert_accessible(page)

    response = page.goto(f"/{language}/dashboard/{FILTERS}")
    assert response.ok
    assert page.locator("#id_as_of").input_value() == "2000-01-01"
    assert page.locator("#id_continent").input_value() == "europe"
    open_data_tables(page)
    assert_accessible(page)


def test_the_charts_are_described_images_whose_data_tables_open(page, demo, council_member):
    log_in(page, "en")

    charts = page.locator("figure.chart")
    assert charts.count() == 4
    for chart in charts.all():
        alt = chart.locator("img").get_attribute("alt")
        assert alt and alt.strip(), "a chart without alternative text"
        table = chart.locator("details table")
        assert not table.is_visible()

        chart.locator("summary").click()

        assert table.is_visible()
        assert table.locator("tbody tr").count() > 0


def test_the_map_marks_every_city_in_force_and_krakow(page, demo, council_member):
    log_in(page, "en")

    page.wait_for_selector(".partner-map .leaflet-marker-icon")
    cities = page.evaluate(
        "fetch('/en/dashboard/map.json').then(r => r.json()).then(data => data.cities.length)"
    )
    assert cities >= 4  # at least the four twin cities
    assert grouped_count(page) == cities
    assert page.locator(".partner-map .partner-map__marker--home").count() == 1
