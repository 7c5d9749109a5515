"""A partner of many decades: its page shows the latest activities and a count per year and tool, and the
rest in pages of their own, at the same cost whatever their number."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from programmes.models import Activity
from registry.choices import PolicyTool
from tests.agreements.factories import AgreementFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def kyoto():
    return AgreementFactory(city__slug="kyoto", city__name_en="Kyoto", city__country="JP").city


def activities(city, count, *, year=2024, tool=PolicyTool.DAYS_OF, is_public=True, prefix="a"):
    """`count` activities with the city, one a day from 1 January of `year`, written in bulk."""
    created = Activity.objects.bulk_create(
        Activity(
            slug=f"{prefix}-{year}-{number}",
            tool=tool,
            title_en=f"{prefix} {year} {number}",
            title_pl=f"{prefix} {year} {number} PL",
            starts_on=datetime.date(year, 1, 1) + datetime.timedelta(days=number),
            is_public=is_public,
        )
        for number in range(count)
    )
    Activity.cities.through.objects.bulk_create(
        Activity.cities.through(activity=activity, partnercity=city) for activity in created
    )


def test_the_page_shows_the_latest_activities_and_links_to_all(client, kyoto):
    activities(kyoto, 20, year=2023)
    activities(kyoto, 5, year=2024, prefix="latest")
    activities(kyoto, 3, year=2025, is_public=False, prefix="hidden")

    response = client.get("/en/partners/kyoto/")

    shown = [activity.slug for activity in response.context["latest_activities"]]
    assert shown[:5] == [f"latest-2024-{number}" for number in (4, 3, 2, 1, 0)]
    assert len(shown) == 10
    assert "hidden" not in response.content.decode()
    assert 'href="/en/partners/kyoto/activities/">All activities (25)</a>' in response.content.decode()


def test_the_page_counts_the_activities_per_year_and_tool(client, kyoto):
    activities(kyoto, 3, year=2023)
    activities(kyoto, 2, year=2023, tool=PolicyTool.CONFERENCES, prefix="c")
    activities(kyoto, 1, year=2024)

    years = client.get("/en/partners/kyoto/").context["activity_years"]

    assert [(year["year"], year["total"], year["tools"]) for year in years] == [
        (2024, 1, [(PolicyTool.DAYS_OF.label, 1)]),
        (2023, 5, [(PolicyTool.DAYS_OF.label, 3), (PolicyTool.CONFERENCES.label, 2)]),
    ]


def test_every_activity_is_a_click_away_in_pages_of_fifty(client, kyoto):
    activities(kyoto, 60)

    first = client.get("/en/partners/kyoto/activities/")
    second = client.get("/en/partners/kyoto/activities/?page=2")

    assert (len(first.context["page"]), len(second.context["page"])) == (50, 10)
    assert second.context["page"][9].slug == "a-2024-0"
    assert client.get("/en/partners/nowhere/activities/").status_code == 404


@pytest.mark.parametrize("url", ["/en/partners/kyoto/", "/en/partners/kyoto/activities/"])
def test_a_city_with_hundreds_of_activities_costs_the_queries_of_one_with_a_few(client, kyoto, url):
    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    activities(kyoto, 3)
    few = queries()
    activities(kyoto, 300, year=2000, prefix="many")

    assert queries() == few
