"""An activity's body (agency, association, EU project, post, Polish organisation) goes through a spreadsheet
by its identifier, and the rule tying it to the activity's tool holds there too."""

import pytest

from programmes.models import Activity
from tests.memberships.factories import AgencyFactory
from tests.spreadsheets.test_admin_import_export import CSV, confirm, upload
from tests.spreadsheets.test_formulae import FILE_NAMES

pytestmark = pytest.mark.django_db

ACTIVITIES = "programmes/activity"
HEADER = b"id,tool,title_pl,title_en,starts_on,agency\n"


def preview(client, content):
    return upload(client, ACTIVITIES, content, CSV, FILE_NAMES[CSV])


def test_an_activity_of_tool_9_imports_with_its_agency(admin_client):
    AgencyFactory(slug="krakow-house")
    page = preview(
        admin_client, HEADER + b"info-day,9,Dzien informacyjny,Information day,2025-06-01,krakow-house\n"
    )
    assert not page.context["result"].has_validation_errors()
    confirm(admin_client, ACTIVITIES, page)

    assert Activity.objects.get(slug="info-day").agency.slug == "krakow-house"


def test_an_activity_of_another_tool_is_refused_its_agency(admin_client):
    AgencyFactory(slug="krakow-house")
    page = preview(admin_client, HEADER + b"days-of,1,Dni Krakowa,Days of Krakow,2025-06-01,krakow-house\n")

    result = page.context["result"]
    assert result.has_validation_errors()
    assert "agency" in result.invalid_rows[0].field_specific_errors
    assert not Activity.objects.exists()
