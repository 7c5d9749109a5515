"""The dashboard's day lies between 1 January 1900 and today: any other is an error beside the figures or a
refused download, never a server error."""

import datetime

import pytest
from django.utils import timezone

from tests.agreements.factories import AgreementFactory

pytestmark = pytest.mark.django_db

TABLES = [
    "relations-in-force",
    "dormant-partnerships",
    "round-anniversaries",
    "terms-to-act-on",
    "awaiting-resolution",
    "awaiting-approval",
    "ending-projects",
    "memberships",
    "agreements-per-decade",
    "relations-by-continent",
    "activities-per-tool",
    "eu-budget-per-programme",
]
TOO_EARLY = ["0001-01-01", "0009-12-31", "0150-06-30", "1899-12-31"]


def tomorrow():
    return (timezone.localdate() + datetime.timedelta(days=1)).isoformat()


@pytest.mark.parametrize("as_of", TOO_EARLY)
def test_a_day_before_1900_is_reported_on_the_page_and_today_shown(council_client, as_of):
    AgreementFactory()

    response = council_client.get("/en/dashboard/", {"as_of": as_of})

    assert response.status_code == 200
    assert "Ensure this value is greater than or equal to 1900-01-01." in response.text
    assert response.context["overview"].scope.as_of == timezone.localdate()


def test_a_day_after_today_is_reported_on_the_page(council_client):
    response = council_client.get("/en/dashboard/", {"as_of": tomorrow()})

    assert response.status_code == 200
    assert f"Ensure this value is less than or equal to {timezone.localdate().isoformat()}." in response.text


@pytest.mark.parametrize("key", TABLES)
@pytest.mark.parametrize("as_of", ["0001-01-01", "1899-12-31"])
def test_a_table_asked_for_a_day_before_1900_is_refused_with_the_reason(council_client, key, as_of):
    AgreementFactory()

    response = council_client.get(f"/en/dashboard/{key}.csv", {"as_of": as_of})

    assert response.status_code == 400
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert "Ensure this value is greater than or equal to 1900-01-01." in response.text


def test_a_table_with_an_invalid_filter_is_refused_rather_than_computed_without_it(council_client):
    response = council_client.get("/en/dashboard/relations-in-force.csv", {"as_of": tomorrow()})

    assert response.status_code == 400
    assert "as_of" in response.text


def test_the_map_leaves_a_day_before_1900_aside_as_the_page_does(council_client):
    AgreementFactory()

    response = council_client.get("/en/dashboard/map.json", {"as_of": "0001-01-01"})

    assert response.status_code == 200
    assert len(response.json()["cities"]) == 1


@pytest.mark.parametrize("key", TABLES)
def test_every_table_is_given_for_the_first_day_allowed(council_client, key):
    AgreementFactory(
        signed_on=datetime.date(1900, 1, 1),
        resolution_number="",
        resolution_date=None,
        deciding_body="City Council of the Royal Capital City of Krakow of 1899",
    )

    response = council_client.get(f"/en/dashboard/{key}.csv", {"as_of": "1900-01-01"})

    assert response.status_code == 200
