"""GET /api/partners/ and /api/partners/<id>/: the public list with the page's filters, and each city."""

import datetime

import pytest
from django.test import RequestFactory
from rest_framework.request import Request

from agreements.choices import AgreementKind, Sector
from api.pagination import RegistryPagination
from tests.agreements.factories import AgreementFactory, WorkingDocumentFactory
from tests.partners.factories import PartnerCityFactory

pytestmark = pytest.mark.django_db


def get_json(client, url, language="en"):
    response = client.get(url, HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200, response.content
    return response.json()


def ids(page):
    return [city["id"] for city in page["results"]]


class TestDetail:
    def test_a_twin_city_carries_its_id_place_and_relation(self, client, demo_registry):
        city = get_json(client, "/api/partners/nuremberg/")

        assert city == {
            "id": "nuremberg",
            "name_en": "Nuremberg",
            "name_pl": "Norymberga",
            "name_native": "Nürnberg",
            "other_names": [],
            "official_name_en": city["official_name_en"],
            "official_name_pl": city["official_name_pl"],
            "country": "DE",
            "country_name": "Germany",
            "continent": "europe",
            "latitude": 49.4521,
            "longitude": 11.0767,
            "is_capital": False,
            "relation": "twin_city",
            "current": True,
            "since": 1991,
            "until": None,
            "partners_since": "1979-10",
            "distance_km": city["distance_km"],
            "url": "http://testserver/en/partners/nuremberg/",
            "relations": [
                {
                    "id": city["relations"][0]["id"],
                    "kind": "cooperation",
                    "document": "other",
                    "sector": None,
                    "status": "not_known",
                    "since": "1979-10",
                    "until": None,
                    "follows": None,
                    "follows_as": None,
                    "term": "not_recorded",
                    "term_years": None,
                    "term_next": None,
                },
                {
                    "id": "nuremberg-twinning",
                    "kind": "twin_city",
                    "document": "twinning",
                    "sector": None,
                    "status": "in_force",
                    "since": "1991-12-09",
                    "until": None,
                    "follows": None,
                    "follows_as": None,
                    "term": "not_recorded",
                    "term_years": None,
                    "term_next": None,
                },
            ],
            "visits": [],
        }
        assert 330 < city["distance_km"] < 700

    def test_an_ended_relation_is_not_current_and_says_when_it_ended(self, client, demo_registry):
        city = get_json(client, "/api/partners/saint-petersburg/")

        assert city["current"] is False
        assert city["until"] == "2022-09-16"
        assert city["relations"][0]["status"] == "terminated"
        assert city["relations"][0]["until"] == "2022-09-16"

    def test_country_name_and_page_address_follow_the_request_language(self, client, demo_registry):
        city = get_json(client, "/api/partners/nuremberg/", language="pl")

        assert city["country_name"] == "Niemcy"
        assert city["url"] == "http://testserver/pl/partners/nuremberg/"

    def test_an_unknown_city_is_not_found(self, client, demo_registry):
        assert client.get("/api/partners/atlantis/").status_code == 404


class TestDetailOfOneCity:
    """Each test records the one city it reads."""

    def test_relations_list_public_agreements_and_unformalized_documents_by_date(self, client):
        city = PartnerCityFactory(slug="lyon")
        AgreementFactory(
            city=city, kind=AgreementKind.SECTORAL, sector=Sector.CULTURE, signed_on=datetime.date(2010, 1, 5)
        )
        partnership = AgreementFactory(city=city, signed_on=datetime.date(2000, 3, 1))
        WorkingDocumentFactory(city=city, signed_on=datetime.date(1995, 2, 2), formalized_by=partnership)
        WorkingDocumentFactory(
            city=city, signed_on=datetime.date(2012, 4, 4), ended_on=datetime.date(2014, 4, 4)
        )
        WorkingDocumentFactory(city=city, signed_on=datetime.date(2020, 6, 6))

        relations = get_json(client, "/api/partners/lyon/")["relations"]

        assert [
            (r["kind"], r["document"], r["sector"], r["status"], r["since"], r["until"]) for r in relations
        ] == [
            ("partner_city", "partnership", None, "in_force", "2000-03-01", None),
            ("sectoral", "sectoral", "culture", "in_force", "2010-01-05", None),
            ("cooperation", "letter_of_intent", None, "ended", "2012-04-04", "2014-04-04"),
            ("cooperation", "letter_of_intent", None, "current", "2020-06-06", None),
        ]

    def test_a_city_with_only_a_working_document_is_a_cooperation(self, client):
        WorkingDocumentFactory(city__slug="tbilisi", signed_on=datetime.date(2015, 3, 1))

        city = get_json(client, "/api/partners/tbilisi/")

        assert (city["relation"], city["current"], city["since"]) == ("cooperation", True, 2015)

    def test_an_honorary_title_dates_from_the_council_resolution(self, client):
        AgreementFactory(
            city__slug="kyoto",
            city__country="JP",
            kind=AgreementKind.HONORARY_TITLE,
            signed_on=None,
            resolution_number="XI/120/03",
            resolution_date=datetime.date(2003, 5, 7),
        )

        city = get_json(client, "/api/partners/kyoto/")

        assert city["relation"] == "honorary_twin_city"
        assert city["relations"][0]["since"] == "2003-05-07"
        assert city["since"] == 2003

    def test_a_city_without_coordinates_has_null_place_and_distance(self, client):
        AgreementFactory(city__slug="nowhere", city__latitude=None, city__longitude=None)

        city = get_json(client, "/api/partners/nowhere/")

        assert (city["latitude"], city["longitude"], city["distance_km"]) == (None, None, None)


class TestList:
    def test_current_relations_by_name_by_default(self, client, demo_registry):
        page = get_json(client, "/api/partners/")

        assert "nuremberg" in ids(page)
        assert "saint-petersburg" not in ids(page)
        names = [city["name_en"] for city in page["results"]]
        assert names == sorted(names)
        assert all(city["current"] for city in page["results"])

    @pytest.mark.parametrize("status", ["ended", "all"])
    def test_ended_relations_appear_on_request_marked_not_current(self, client, demo_registry, status):
        page = get_json(client, f"/api/partners/?status={status}")

        (petersburg,) = [city for city in page["results"] if city["id"] == "saint-petersburg"]
        assert petersburg["current"] is False
        assert petersburg["until"] == "2022-09-16"

    def test_the_list_item_is_the_detail(self, client, demo_registry):
        page = get_json(client, "/api/partners/?q=Nuremberg")

        assert page["results"] == [get_json(client, "/api/partners/nuremberg/")]

    @pytest.mark.parametrize(
        ("query", "field", "value"),
        [
            ("relation=twin_city", "relation", "twin_city"),
            ("relation=honorary_twin_city", "relation", "honorary_twin_city"),
            ("country=DE", "country", "DE"),
            ("continent=asia", "continent", "asia"),
            ("continent=south_america", "continent", "south_america"),
        ],
    )
    def test_filters_are_the_pages_filters(self, client, demo_registry, query, field, value):
        page = get_json(client, f"/api/partners/?{query}")

        assert page["count"] > 0
        assert {city[field] for city in page["results"]} == {value}

    def test_twin_cities_are_the_demo_registrys_four(self, client, demo_registry):
        page = get_json(client, "/api/partners/?relation=twin_city")

        assert set(ids(page)) == {"kyiv", "leuven", "milan", "nuremberg"}

    @pytest.mark.parametrize("term", ["nurem", "NORYMB"])
    def test_search_looks_in_both_names(self, client, demo_registry, term):
        assert ids(get_json(client, f"/api/partners/?q={term}")) == ["nuremberg"]

    def test_a_filter_value_outside_its_choices_is_a_bad_request(self, client, demo_registry):
        response = client.get("/api/partners/?relation=best_friend")

        assert response.status_code == 400
        assert "relation" in response.json()


def test_sorting_by_distance_puts_the_nearest_first(client):
    AgreementFactory(city__slug="far", city__latitude=40, city__longitude=-74)
    AgreementFactory(city__slug="near", city__latitude=50, city__longitude=21)
    AgreementFactory(city__slug="middle", city__latitude=48, city__longitude=2)

    page = get_json(client, "/api/partners/?sort=distance")

    assert ids(page) == ["near", "middle", "far"]
    distances = [city["distance_km"] for city in page["results"]]
    assert distances == sorted(distances)


class TestPagination:
    def test_pages_hold_50_cities_and_link_the_next(self, client):
        for _ in range(55):
            AgreementFactory(city__country="FR")

        page = get_json(client, "/api/partners/")

        assert page["count"] == 55
        assert len(page["results"]) == 50
        assert page["next"] == "http://testserver/api/partners/?page=2"
        assert len(get_json(client, "/api/partners/?page=2")["results"]) == 5

    def test_a_page_holds_at_most_500_cities(self):
        request = Request(RequestFactory().get("/api/partners/", {"page_size": 100000}))

        assert RegistryPagination().get_page_size(request) == 500


class TestPagesOfTheDemoRegistry:
    def test_a_client_chooses_the_page_size(self, client, demo_registry):
        page = get_json(client, "/api/partners/?page_size=2&status=all")

        assert len(page["results"]) == 2
        assert page["count"] > 2
        assert "page_size=2" in page["next"]

    def test_a_page_past_the_end_is_not_found(self, client, demo_registry):
        assert client.get("/api/partners/?page=99").status_code == 404


def test_the_api_needs_no_session_and_sets_no_cookie(client, demo_registry):
    response = client.get("/api/partners/")

    assert not response.cookies
    assert "Cookie" not in response.get("Vary", "")
