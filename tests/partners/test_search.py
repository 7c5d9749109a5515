"""Finding a partner by the name people know it by: any of its names, in any script, without regard to case
or diacritics, or its country's name in the page's language, through the public list, the API and the admin."""

import pytest

from partners.choices import CityNameKind
from partners.models import CityName, PartnerCity
from registry.search import fold
from tests.agreements.factories import AgreementFactory
from tests.partners.factories import PartnerCityFactory

pytestmark = pytest.mark.django_db

CITIES = {
    "lviv": {"name_en": "Lviv", "name_pl": "Lwów", "name_native": "Львів", "country": "UA"},
    "kyiv": {"name_en": "Kyiv", "name_pl": "Kijów", "name_native": "Київ", "country": "UA"},
    "nuremberg": {
        "name_en": "Nuremberg",
        "name_pl": "Norymberga",
        "name_native": "Nürnberg",
        "official_name_en": "City of Nuremberg",
        "country": "DE",
    },
    "kyoto": {"name_en": "Kyoto", "name_pl": "Kioto", "name_native": "京都市", "country": "JP"},
}
OTHER_NAMES = {
    "kyiv": [("Kiev", CityNameKind.FORMER, "en"), ("Kyjiw", CityNameKind.ALTERNATIVE, "de")],
    "lviv": [("Lemberg", CityNameKind.FORMER, "de")],
}
SEARCHES = [
    ("lwow", {"lviv"}),
    ("Lwów", {"lviv"}),
    ("LWÓW", {"lviv"}),
    ("Львів", {"lviv"}),
    ("lemberg", {"lviv"}),
    ("Kiev", {"kyiv"}),
    ("Kyjiw", {"kyiv"}),
    ("київ", {"kyiv"}),
    ("Nürnberg", {"nuremberg"}),
    ("nurnberg", {"nuremberg"}),
    ("city of nuremberg", {"nuremberg"}),
    ("京都", {"kyoto"}),
    ("kioto", {"kyoto"}),
]


@pytest.fixture
def partners():
    for slug, names in CITIES.items():
        city = PartnerCityFactory(slug=slug, **names)
        for name, kind, language in OTHER_NAMES.get(slug, []):
            CityName.objects.create(city=city, name=name, kind=kind, language=language)
        AgreementFactory(city=city)


def found_on_the_page(client, language, query):
    response = client.get(f"/{language}/partners/", {"q": query})
    return {city.slug for city in response.context["cities"]}


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Lwów", "lwow"),
        ("NÜRNBERG", "nurnberg"),
        ("Frankfurt-am-Main", "frankfurt am main"),
        ("Łódź", "lodz"),
    ],
)
def test_names_are_folded_without_case_diacritics_or_punctuation(text, folded):
    assert fold(text) == folded


@pytest.mark.parametrize(("query", "expected"), SEARCHES)
def test_the_public_list_finds_a_city_by_any_of_its_names(client, partners, query, expected):
    assert found_on_the_page(client, "en", query) == expected


@pytest.mark.parametrize(("query", "expected"), SEARCHES)
def test_the_apis_search_finds_a_city_by_any_of_its_names(client, partners, query, expected):
    response = client.get("/api/partners/", {"search": query})

    assert {city["id"] for city in response.json()["results"]} == expected


@pytest.mark.parametrize(
    ("language", "query", "expected"),
    [
        ("pl", "Ukraina", {"kyiv", "lviv"}),
        ("pl", "niemcy", {"nuremberg"}),
        ("en", "Germany", {"nuremberg"}),
        ("en", "japan", {"kyoto"}),
        ("pl", "Japonia", {"kyoto"}),
    ],
)
def test_a_country_name_in_the_pages_language_finds_its_cities(client, partners, language, query, expected):
    assert found_on_the_page(client, language, query) == expected


@pytest.mark.parametrize(("query", "expected"), SEARCHES)
def test_the_admins_search_finds_a_city_by_any_of_its_names(admin_client, partners, query, expected):
    response = admin_client.get("/en/admin/partners/partnercity/", {"q": query})

    assert {city.slug for city in response.context["cl"].result_list} == expected


def test_the_admins_agreement_list_finds_agreements_by_their_citys_names(admin_client, partners):
    response = admin_client.get("/pl/admin/agreements/agreement/", {"q": "Kyjiw"})

    assert [agreement.city.slug for agreement in response.context["cl"].result_list] == ["kyiv"]


def test_an_other_name_changed_or_deleted_is_searched_no_more(partners):
    kiev = CityName.objects.get(name="Kiev")
    kiev.name = "Kijew"
    kiev.save()
    assert not PartnerCity.objects.filter(search_names__contains="kiev").exists()

    kiev.delete()

    assert not PartnerCity.objects.filter(search_names__contains="kijew").exists()


def test_a_page_that_searches_for_nothing_but_punctuation_lists_everyone(client, partners):
    assert found_on_the_page(client, "en", "--") == set(CITIES)
