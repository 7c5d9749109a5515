"""The continent rule behind the Honorary Twin City title (partners.continents, docs/continents.md).

Plain functions: the rule needs no database.
"""

from decimal import Decimal

import pytest

from partners.choices import Continent, ContinentBasis
from partners.continents import (
    AFRICA_ASIA_BOUNDARY,
    ASIAN_SIDE_OF_SUEZ,
    EU_MEMBER_STATES,
    EUROPE_ASIA_BOUNDARY,
    EUROPE_CLOSURE,
    EUROPEAN_SIDE,
    SINAI_CLOSURE,
    TRANSCONTINENTAL,
    continent_of,
    decide_continent,
)

# Cities of transcontinental countries, each placed by its coordinates: (name, country, latitude, longitude,
# continent).
TRANSCONTINENTAL_CITIES = [
    ("Moscow", "RU", 55.7558, 37.6173, "europe"),
    ("St Petersburg", "RU", 59.9343, 30.3351, "europe"),
    ("Kazan", "RU", 55.7961, 49.1064, "europe"),
    ("Perm", "RU", 58.0105, 56.2502, "europe"),
    # North of the Caucasus watershed, on the Caspian shore.
    ("Makhachkala", "RU", 42.9849, 47.5047, "europe"),
    ("Derbent", "RU", 42.0577, 48.2894, "europe"),
    # Istanbul's historic peninsula, west of the Bosporus.
    ("Istanbul", "TR", 41.0082, 28.9784, "europe"),
    ("Edirne", "TR", 41.6771, 26.5557, "europe"),
    ("Tekirdağ", "TR", 40.9781, 27.5115, "europe"),
    # West of the Ural river.
    ("Oral", "KZ", 51.2333, 51.3667, "europe"),
    # Across the Bosporus from the historic peninsula.
    ("Üsküdar", "TR", 41.0266, 29.0155, "asia"),
    ("Ankara", "TR", 39.9334, 32.8597, "asia"),
    ("Bursa", "TR", 40.1885, 29.0610, "asia"),
    ("Izmir", "TR", 38.4237, 27.1428, "asia"),
    ("Vladivostok", "RU", 43.1198, 131.8869, "asia"),
    ("Novosibirsk", "RU", 55.0084, 82.9357, "asia"),
    # East of the Urals' watershed, which passes west of the city.
    ("Yekaterinburg", "RU", 56.8389, 60.6057, "asia"),
    ("Chelyabinsk", "RU", 55.1644, 61.4368, "asia"),
    # South of the Caucasus watershed, on the Black Sea.
    ("Sochi", "RU", 43.5855, 39.7231, "asia"),
    ("Astana", "KZ", 51.1694, 71.4491, "asia"),
    ("Almaty", "KZ", 43.2220, 76.8512, "asia"),
    ("Tbilisi", "GE", 41.7151, 44.8271, "asia"),
    ("Batumi", "GE", 41.6168, 41.6367, "asia"),
    # South of the line from the Absheron peninsula's tip along the Caucasus.
    ("Baku", "AZ", 40.4093, 49.8671, "asia"),
    # West of the Suez Canal.
    ("Cairo", "EG", 30.0444, 31.2357, "africa"),
    ("Alexandria", "EG", 31.2001, 29.9187, "africa"),
    ("Port Said", "EG", 31.2653, 32.3019, "africa"),
    # Sinai, east of the canal and the Gulf of Suez.
    ("Sharm el-Sheikh", "EG", 27.9158, 34.3300, "asia"),
    ("El Arish", "EG", 31.1313, 33.7984, "asia"),
]


def city_ids(cases):
    return [case[0] for case in cases]


@pytest.mark.parametrize(
    ("city", "country", "latitude", "longitude", "continent"),
    TRANSCONTINENTAL_CITIES,
    ids=city_ids(TRANSCONTINENTAL_CITIES),
)
def test_the_coordinates_place_a_city_of_a_transcontinental_country(
    city, country, latitude, longitude, continent
):
    # Decimal, as the model's fields hold them.
    decided = decide_continent(country, Decimal(str(latitude)), Decimal(str(longitude)))

    assert decided == (continent, ContinentBasis.COORDINATES), city


@pytest.mark.parametrize(
    ("city", "country", "latitude", "longitude", "continent"),
    TRANSCONTINENTAL_CITIES,
    ids=city_ids(TRANSCONTINENTAL_CITIES),
)
def test_floats_place_a_city_as_decimals_do(city, country, latitude, longitude, continent):
    assert decide_continent(country, latitude, longitude) == (continent, ContinentBasis.COORDINATES), city


# Cities of member states outside Europe on the map: (name, country, latitude, longitude).
EU_CITIES_BEYOND_EUROPE = [
    ("Nicosia", "CY", 35.1856, 33.3823),
    ("Las Palmas", "ES", 28.1235, -15.4363),
    ("Cayenne", "GF", 4.9224, -52.3135),
]


@pytest.mark.parametrize(
    ("city", "country", "latitude", "longitude"),
    EU_CITIES_BEYOND_EUROPE,
    ids=city_ids(EU_CITIES_BEYOND_EUROPE),
)
def test_a_city_of_an_eu_member_state_is_in_europe_wherever_it_lies(city, country, latitude, longitude):
    decided = decide_continent(country, Decimal(str(latitude)), Decimal(str(longitude)))

    assert decided == (Continent.EUROPE, ContinentBasis.EU_MEMBER_STATE), city


@pytest.mark.parametrize(
    ("city", "country"), [("Nicosia", "CY"), ("Cayenne", "GF")], ids=["Nicosia", "Cayenne"]
)
def test_a_city_of_an_eu_member_state_needs_no_coordinates(city, country):
    assert decide_continent(country, None, None) == (Continent.EUROPE, ContinentBasis.EU_MEMBER_STATE), city


@pytest.mark.parametrize(
    ("city", "country"),
    [
        ("Kazan", "RU"),
        ("Istanbul", "TR"),
        ("Astana", "KZ"),
        ("Tbilisi", "GE"),
        ("Baku", "AZ"),
        ("Cairo", "EG"),
    ],
    ids=["Kazan", "Istanbul", "Astana", "Tbilisi", "Baku", "Cairo"],
)
def test_a_transcontinental_city_without_coordinates_is_undecided(city, country):
    assert decide_continent(country, None, None) == ("", ContinentBasis.UNDECIDED), city


@pytest.mark.parametrize(
    ("city", "country", "latitude", "longitude", "override"),
    [
        # The override beats coordinates that say Europe...
        ("Istanbul", "TR", Decimal("41.0082"), Decimal("28.9784"), "asia"),
        # ...a member state...
        ("Nicosia", "CY", Decimal("35.1856"), Decimal("33.3823"), "asia"),
        # ...an undecided city...
        ("Kazan", "RU", None, None, "europe"),
        # ...and the country's continent.
        ("Kyoto", "JP", Decimal("35.0116"), Decimal("135.7681"), "oceania"),
    ],
    ids=["Istanbul", "Nicosia", "Kazan", "Kyoto"],
)
def test_an_override_set_by_staff_wins(city, country, latitude, longitude, override):
    assert decide_continent(country, latitude, longitude, override=override) == (
        override,
        ContinentBasis.OVERRIDE,
    ), city


@pytest.mark.parametrize(
    ("city", "country", "latitude", "longitude", "continent"),
    [
        ("Kyoto", "JP", Decimal("35.0116"), Decimal("135.7681"), "asia"),
        ("Nouméa", "NC", Decimal("-22.2558"), Decimal("166.4505"), "oceania"),
        # An overseas territory of the Netherlands, not part of the EU.
        ("Oranjestad", "AW", Decimal("12.5240"), Decimal("-70.0270"), "north_america"),
        # A lower-case code, and no coordinates: neither matters outside the transcontinental countries.
        ("Geneva", "ch", None, None, "europe"),
    ],
    ids=["Kyoto", "Nouméa", "Oranjestad", "Geneva"],
)
def test_any_other_city_takes_its_countrys_continent(city, country, latitude, longitude, continent):
    assert decide_continent(country, latitude, longitude) == (continent, ContinentBasis.COUNTRY), city


def test_a_wrong_override_or_country_is_refused():
    with pytest.raises(ValueError, match="continent"):
        decide_continent("TR", None, None, override="atlantis")
    with pytest.raises(ValueError, match="country code"):
        decide_continent("XX", None, None)


def test_the_eu_is_its_27_member_states_and_6_outermost_regions_with_a_code_of_their_own():
    assert len(EU_MEMBER_STATES) == 33
    assert {"GF", "GP", "MQ", "RE", "YT", "MF"} <= EU_MEMBER_STATES
    assert not {"NC", "PF", "AW", "GL"} & EU_MEMBER_STATES
    assert not TRANSCONTINENTAL & EU_MEMBER_STATES


def test_the_country_table_is_left_as_m49_has_it():
    assert continent_of("RU") == Continent.EUROPE
    assert continent_of("TR") == Continent.ASIA
    assert continent_of("CY") == Continent.ASIA
    assert continent_of("GF") == Continent.SOUTH_AMERICA


@pytest.mark.parametrize(
    "vertices",
    [EUROPE_ASIA_BOUNDARY, EUROPE_CLOSURE, AFRICA_ASIA_BOUNDARY, SINAI_CLOSURE],
    ids=["Europe-Asia boundary", "Europe closure", "Africa-Asia boundary", "Sinai closure"],
)
def test_every_vertex_is_a_valid_latitude_and_longitude(vertices):
    for vertex in vertices:
        assert len(vertex) == 2, vertex
        latitude, longitude = vertex
        assert isinstance(latitude, float) and isinstance(longitude, float), vertex
        assert -90 <= latitude <= 90, vertex
        assert -180 <= longitude <= 180, vertex


@pytest.mark.parametrize(
    "polygon", [EUROPEAN_SIDE, ASIAN_SIDE_OF_SUEZ], ids=["European side", "Asian side of Suez"]
)
def test_each_polygon_is_its_boundary_closed_without_repeated_vertices(polygon):
    assert len(polygon) >= 3
    assert len(set(polygon)) == len(polygon)
