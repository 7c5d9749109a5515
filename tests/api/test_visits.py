"""GET /api/visits/ and /api/visits/<id>/: the public visits and only their public fields; a city's record
lists its public visits."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from registry.partial_dates import DatePrecision
from tests.agreements.factories import AgreementFactory
from tests.contacts.factories import ContactFactory
from tests.partners.factories import PartnerCityFactory
from tests.visits.factories import VisitFactory
from visits.choices import Direction, Level

pytestmark = pytest.mark.django_db


@pytest.fixture
def kyoto():
    return AgreementFactory(city__slug="kyoto", city__name_en="Kyoto").city


@pytest.fixture
def public_visit(kyoto):
    visit = VisitFactory(
        slug="kyoto-mayor-2024",
        cities=[kyoto],
        title="Mayor of Kyoto in Krakow",
        direction=Direction.INCOMING,
        level=Level.MAYOR,
        starts_on=datetime.date(2024, 5, 1),
        starts_on_precision=DatePrecision.MONTH,
        ends_on=None,
        other_members="Hanako Yamada",
        programme="Dinner",
        outcome="A promise",
        is_public=True,
    )
    visit.members.set([ContactFactory(cities=[kyoto])])
    return visit


RECORD = {
    "id": "kyoto-mayor-2024",
    "title": "Mayor of Kyoto in Krakow",
    "direction": "incoming",
    "level": "mayor",
    "starts_on": "2024-05",
    "ends_on": None,
    "cities": ["kyoto"],
}


def get(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status
    return response.json()


def test_the_list_gives_each_public_visit_with_its_public_fields_only(client, public_visit):
    assert get(client, "/api/visits/")["results"] == [RECORD]


def test_a_visit_has_its_own_address(client, public_visit):
    assert get(client, "/api/visits/kyoto-mayor-2024/") == RECORD


def test_a_visit_not_public_is_neither_listed_nor_found(client, kyoto):
    VisitFactory(slug="quiet-talks", cities=[kyoto])

    assert get(client, "/api/visits/")["results"] == []
    assert get(client, "/api/visits/quiet-talks/", status=404) == {
        "detail": "No Visit matches the given query."
    }


def test_a_city_without_a_public_page_is_not_named(client, public_visit):
    public_visit.cities.add(PartnerCityFactory(slug="secret-town"))

    assert get(client, "/api/visits/kyoto-mayor-2024/")["cities"] == ["kyoto"]
    assert get(client, "/api/visits/?city=secret-town")["results"] == []


def test_the_list_filters_by_city(client, public_visit):
    AgreementFactory(city__slug="nara")
    VisitFactory(slug="nara-visit", cities=[public_visit.cities.get()], is_public=True)
    VisitFactory(slug="other", cities=[PartnerCityFactory(slug="osaka")], is_public=True)

    ids = [visit["id"] for visit in get(client, "/api/visits/?city=kyoto")["results"]]

    assert sorted(ids) == ["kyoto-mayor-2024", "nara-visit"]
    assert get(client, "/api/visits/?city=nara")["results"] == []


def test_a_citys_record_lists_its_public_visits(client, public_visit, kyoto):
    VisitFactory(slug="quiet-talks", cities=[kyoto])

    assert get(client, "/api/partners/kyoto/")["visits"] == ["kyoto-mayor-2024"]
    assert get(client, "/api/partners/")["results"][0]["visits"] == ["kyoto-mayor-2024"]


def test_the_csv_of_cities_has_no_visits_column(client, public_visit):
    header = client.get("/api/partners.csv").content.decode().splitlines()[0]

    assert "visits" not in header


def test_the_list_runs_as_many_queries_for_30_visits_as_for_3(client, kyoto):
    for _ in range(3):
        VisitFactory(cities=[kyoto], is_public=True)
    with CaptureQueriesContext(connection) as few:
        assert len(get(client, "/api/visits/?city=kyoto")["results"]) == 3
    for _ in range(27):
        VisitFactory(cities=[kyoto, PartnerCityFactory()], is_public=True)

    with CaptureQueriesContext(connection) as many:
        assert len(get(client, "/api/visits/?city=kyoto")["results"]) == 30

    assert len(many) == len(few)


def test_the_schema_documents_the_visits(client):
    schema = get(client, "/api/schema/?format=json")

    assert {"/api/visits/", "/api/visits/{slug}/"} <= set(schema["paths"])
    parameters = {parameter["name"] for parameter in schema["paths"]["/api/visits/"]["get"]["parameters"]}
    assert {"city", "page", "page_size"} <= parameters
    visit = schema["components"]["schemas"]["Visit"]["properties"]
    assert set(visit) == set(RECORD)
