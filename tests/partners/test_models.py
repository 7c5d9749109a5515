"""Partner cities: always abroad, a real country, a continent from the country unless staff override it."""

import pytest

from agreements.models import Agreement
from tests.agreements.factories import AgreementFactory
from tests.partners.factories import PartnerCityFactory
from tests.rules import database_refuses, errors_of

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("country", "continent"),
    [
        ("DE", "europe"),
        ("BR", "south_america"),
        ("US", "north_america"),
        ("MA", "africa"),
        ("JP", "asia"),
        ("AU", "oceania"),
        ("PA", "north_america"),
    ],
)
def test_continent_defaults_from_the_country(country, continent):
    assert PartnerCityFactory(country=country).continent == continent


@pytest.mark.parametrize(
    ("country", "latitude", "longitude", "continent", "basis"),
    [
        ("CY", 35.1856, 33.3823, "europe", "eu_member_state"),
        ("ES", 28.1235, -15.4363, "europe", "eu_member_state"),
        ("RU", 43.1198, 131.8869, "asia", "coordinates"),
        ("RU", 55.7558, 37.6173, "europe", "coordinates"),
        ("TR", 41.0082, 28.9784, "europe", "coordinates"),
        ("TR", 39.9334, 32.8597, "asia", "coordinates"),
        ("TR", None, None, "", "undecided"),
        ("JP", 35.0116, 135.7681, "asia", "country"),
    ],
    ids=["nicosia", "las-palmas", "vladivostok", "moscow", "istanbul", "ankara", "turkey-unplaced", "kyoto"],
)
def test_the_registry_places_a_city_by_the_councils_rule(country, latitude, longitude, continent, basis):
    city = PartnerCityFactory(country=country, latitude=latitude, longitude=longitude)

    assert (city.continent, city.continent_decision()[1]) == (continent, basis)


def test_staff_may_override_the_continent_with_a_reason_kept_in_the_history():
    city = PartnerCityFactory(country="TR", latitude=None, longitude=None)
    city.continent_override, city.continent_override_reason = "europe", "Council resolution of 2026"
    city.save()

    assert (city.continent, city.continent_decision()[1]) == ("europe", "override")
    assert city.history.first().continent_override_reason == "Council resolution of 2026"


def test_an_override_without_a_reason_is_refused():
    city = PartnerCityFactory.build(country="TR", continent_override="europe")

    assert "continent_override_reason" in errors_of(city)
    database_refuses(city)


def test_a_city_in_poland_is_refused_by_the_model_and_the_database():
    city = PartnerCityFactory.build(country="PL")

    assert errors_of(city)["country"] == ["A partner city is always abroad, never in Poland."]
    database_refuses(city)


def test_an_unknown_country_code_is_refused_by_the_model_and_the_database():
    city = PartnerCityFactory.build(country="XX")

    assert "country" in errors_of(city)
    database_refuses(city)


@pytest.mark.parametrize(
    ("latitude", "longitude", "field"),
    [(91, 10, "latitude"), (-91, 10, "latitude"), (10, 181, "longitude"), (10, None, "latitude")],
)
def test_coordinates_are_in_range_and_come_in_pairs(latitude, longitude, field):
    city = PartnerCityFactory.build(latitude=latitude, longitude=longitude)

    assert field in errors_of(city)
    database_refuses(city)


def test_moving_a_twin_city_into_a_country_with_a_twin_city_is_refused():
    AgreementFactory(kind="twinning", city=PartnerCityFactory(name_en="Nuremberg", country="DE"))
    kyiv = AgreementFactory(kind="twinning", city=PartnerCityFactory(country="UA")).city

    kyiv.country = "DE"

    assert errors_of(kyiv)["country"] == ["Krakow already has a twin city in Germany: Nuremberg."]


def test_moving_an_honorary_twin_city_into_europe_is_refused():
    kyoto = AgreementFactory(
        kind="honorary_title", signed_on=None, city=PartnerCityFactory(country="JP")
    ).city

    kyoto.continent_override, kyoto.continent_override_reason = "europe", "By mistake"

    assert "country" in errors_of(kyoto)


def test_the_agreements_copy_of_country_and_continent_follows_the_city():
    city = AgreementFactory(city=PartnerCityFactory(country="DE")).city

    city.country = "AT"
    city.full_clean()
    city.save()

    assert Agreement.objects.get(city=city).country == "AT"
