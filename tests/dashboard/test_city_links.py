"""A city's name in the dashboard's tables and on its map links to where its reader can see it: staff to the
city's page in the admin, council members (who have no admin) to its public page where it has one."""

import datetime

import pytest

from dashboard.overview import RegistryOverview, Scope
from tests.agreements.factories import AgreementFactory
from tests.partners.factories import PartnerCityFactory

pytestmark = pytest.mark.django_db

DAY = datetime.date(2024, 6, 30)


@pytest.fixture
def cities():
    AgreementFactory(city=PartnerCityFactory(slug="lyon", name_en="Lyon"))
    AgreementFactory(city=PartnerCityFactory(slug="quiet-town", name_en="Quiet Town"), is_public=False)


def test_staff_follow_a_city_to_its_page_in_the_admin(client, admin_user, cities):
    client.force_login(admin_user)

    page = client.get(f"/en/dashboard/?as_of={DAY}").text

    assert '<th scope="row"><a href="/en/admin/partners/partnercity/lyon/change/">Lyon</a></th>' in page
    assert '<a href="/en/admin/partners/partnercity/quiet-town/change/">Quiet Town</a>' in page


def test_a_council_member_follows_a_city_to_its_public_page_if_it_has_one(council_client, cities):
    page = council_client.get(f"/en/dashboard/?as_of={DAY}").text
    cities = {
        city["name"]: city["url"] for city in council_client.get("/en/dashboard/map.json").json()["cities"]
    }

    assert '<th scope="row"><a href="/en/partners/lyon/">Lyon</a></th>' in page
    assert '<th scope="row">Quiet Town</th>' in page
    assert "/admin/" not in page.split("<main", 1)[1]
    assert cities == {"Lyon": "/en/partners/lyon/", "Quiet Town": ""}


def test_the_csv_and_the_report_name_the_city_without_a_link(council_client, cities):
    csv = council_client.get(f"/en/dashboard/relations-in-force.csv?as_of={DAY}").text

    assert "\r\nLyon,Germany," in csv and "href" not in csv
    assert [row[0] for row in RegistryOverview(Scope(as_of=DAY)).relations_table.rows] == [
        "Lyon",
        "Quiet Town",
    ]
