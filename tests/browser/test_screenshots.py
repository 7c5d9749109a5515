"""The pages a reader, a council member and the council's report show, as a browser draws them: the partner
list, a city page, the dashboard and the annual report's first two pages, in Polish and in English, on a
desktop (1,400 px) and a phone (390 px). Each is kept as a PNG (in $SCREENSHOTS_DIR, or the test run's
temporary directory) for a person to look at; no page is wider than its window, and axe-core finds nothing.
"""

import io
import os
import shutil
import struct
import subprocess
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.core.management import call_command
from django.utils import timezone

from registry.permissions import COUNCIL_MEMBERS
from tests.browser import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTHS = {"desktop": 1400, "phone": 390}
PASSWORD = "council-pass-1"
REPORT_PAGES_SHOWN = 2


@pytest.fixture
def screenshots(tmp_path_factory):
    folder = os.environ.get("SCREENSHOTS_DIR")
    return Path(folder) if folder else tmp_path_factory.getbasetemp() / "screenshots"


@pytest.fixture
def demo_with_council_member(django_user_model):
    cache.clear()
    call_command("import_registry", str(settings.DEMO_REGISTRY_FILE), stderr=io.StringIO())
    # get_or_create: an earlier live-server test's flush removes the group the migration made.
    group, _created = Group.objects.get_or_create(name=COUNCIL_MEMBERS)
    django_user_model.objects.create_user("radna", password=PASSWORD).groups.add(group)


def png_size(path):
    """Width and height of a PNG, from its header."""
    with open(path, "rb") as image:
        header = image.read(24)
    return struct.unpack(">II", header[16:24])


def shoot(page, path, name, width, folder, *, checked_by_axe):
    """Open the page, check it fits (and, on a phone, that it is accessible), and keep it as a PNG as wide as
    the window. On a desktop, axe runs in test_public_pages.py and test_dashboard_pages.py."""
    response = page.goto(path)
    assert response.ok, path
    if page.locator(".partner-map").count():
        page.wait_for_selector(".partner-map .leaflet-marker-icon")
    # The dashboard's data tables open, so that their width counts too.
    for summary in page.locator("figure.chart details summary").all():
        summary.click()
    page.wait_for_load_state("networkidle")
    assert page.evaluate("document.scrollingElement.scrollWidth") <= width, f"{path} is wider than {width} px"
    if checked_by_axe:
        # Wide tables scroll sideways within the page, and a keyboard must reach them to scroll them.
        assert_accessible(page)
    image = folder / f"{name}.png"
    page.screenshot(path=image, full_page=True)
    assert png_size(image)[0] == width
    return image


def log_in(page, language):
    page.goto(f"/{language}/login/?next=/{language}/dashboard/")
    page.fill("#id_username", "radna")
    page.fill("#id_password", PASSWORD)
    page.click(".login-form button[type=submit]")
    page.wait_for_url(f"**/{language}/dashboard/")
    # The dashboard's map is still fetching its cities: the next page waits for it.
    page.wait_for_load_state("networkidle")


def draw_report_pages(pdf, width, folder):
    """The report's first pages drawn by poppler at the window's width."""
    subprocess.run(
        [
            shutil.which("pdftoppm"),
            "-png",
            "-f",
            "1",
            "-l",
            str(REPORT_PAGES_SHOWN),
            "-scale-to-x",
            str(width),
            "-scale-to-y",
            "-1",
            str(pdf),
            str(folder / "annual-report-page"),
        ],
        check=True,
    )
    pages = sorted(folder.glob("annual-report-page-*.png"))
    assert len(pages) == REPORT_PAGES_SHOWN
    assert all(png_size(image)[0] == width for image in pages)


@pytest.mark.parametrize("language", ["pl", "en"])
def test_the_pages_fit_the_window_and_are_kept_as_screenshots(
    page, demo_with_council_member, screenshots, language
):
    log_in(page, language)
    report = page.request.get(f"/{language}/dashboard/report/{timezone.localdate().year}.pdf")
    assert report.ok and report.headers["content-type"] == "application/pdf"
    pdf = screenshots / f"annual-report-{language}.pdf"
    pdf.parent.mkdir(parents=True, exist_ok=True)
    pdf.write_bytes(report.body())

    for device, width in WIDTHS.items():
        folder = screenshots / f"{language}-{device}"
        folder.mkdir(parents=True, exist_ok=True)
        page.set_viewport_size({"width": width, "height": 900})
        phone = device == "phone"
        shoot(page, f"/{language}/partners/", "partner-list", width, folder, checked_by_axe=phone)
        shoot(page, f"/{language}/partners/nuremberg/", "city-page", width, folder, checked_by_axe=phone)
        shoot(page, f"/{language}/dashboard/", "dashboard", width, folder, checked_by_axe=phone)
        draw_report_pages(pdf, width, folder)
