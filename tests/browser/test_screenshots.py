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


def shoot(page, path, name, width, folder):
    """Open the page, check it fits and is accessible, and keep it as a PNG as wide as the window."""
    response = page.goto(path)
    assert response.ok, path
    if page.locator(".partner-map").count():
        page.wait_for_selector(".partner-map .leaflet-marker-icon")
    assert page.evaluate("document.scrollingElement.scrollWidth") <= width, f"{path} is wider than {width} px"
    assert_accessible(page)
    image = folder / f"{name}.png"
    page.screenshot(path=image, full_page=True)
    assert png_size(image)[0] == width
    return image


@pytest.mark.parametrize("language", ["pl", "en"])
@pytest.mark.parametrize("device", list(WIDTHS))
def test_the_pages_fit_the_window_and_are_kept_as_screenshots(
    page, demo_with_council_member, screenshots, language, device
):
    width = WIDTHS[device]
    folder = screenshots / f"{language}-{device}"
    folder.mkdir(parents=True, exist_ok=True)
    page.set_viewport_size({"width": width, "height": 900})

    shoot(page, f"/{language}/partners/", "partner-list", width, folder)
    shoot(page, f"/{language}/partners/nuremberg/", "city-page", width, folder)
    page.goto(f"/{language}/login/?next=/{language}/dashboard/")
    page.fill("#id_username", "radna")
    page.fill("#id_password", PASSWORD)
    page.click(".login-form button[type=submit]")
    page.wait_for_url(f"**/{language}/dashboard/")
    shoot(page, f"/{language}/dashboard/", "dashboard", width, folder)

    # The report is a PDF: its pages are drawn by poppler at the window's width.
    report = page.request.get(f"/{language}/dashboard/report/{timezone.localdate().year}.pdf")
    assert report.ok and report.headers["content-type"] == "application/pdf"
    (folder / "annual-report.pdf").write_bytes(report.body())
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
            str(folder / "annual-report.pdf"),
            str(folder / "annual-report-page"),
        ],
        check=True,
    )
    pages = sorted(folder.glob("annual-report-page-*.png"))
    assert len(pages) == REPORT_PAGES_SHOWN
    assert all(png_size(image)[0] == width for image in pages)
