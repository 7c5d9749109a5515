"""On which continent a partner city lies.

`continent_of` gives a country's continent after the UN M49 standard (the Americas split into North and
South). `decide_continent` applies the City Council's rule for the Honorary Twin City title, which goes only
to cities outside Europe: staff may override; a city of an EU member state (its outermost regions included)
is in Europe wherever it lies; a city of a transcontinental country is placed by its coordinates against the
boundary below; any other city takes its country's continent. docs/continents.md explains the rule and the
boundary.
"""

from decimal import Decimal

from .choices import Continent, ContinentBasis

CONTINENT_BY_COUNTRY: dict[str, str] = {
    "AD": Continent.EUROPE,
    "AE": Continent.ASIA,
    "AF": Continent.ASIA,
    "AG": Continent.NORTH_AMERICA,
    "AI": Continent.NORTH_AMERICA,
    "AL": Continent.EUROPE,
    "AM": Continent.ASIA,
    "AO": Continent.AFRICA,
    "AQ": Continent.ANTARCTICA,
    "AR": Continent.SOUTH_AMERICA,
    "AS": Continent.OCEANIA,
    "AT": Continent.EUROPE,
    "AU": Continent.OCEANIA,
    "AW": Continent.NORTH_AMERICA,
    "AX": Continent.EUROPE,
    "AZ": Continent.ASIA,
    "BA": Continent.EUROPE,
    "BB": Continent.NORTH_AMERICA,
    "BD": Continent.ASIA,
    "BE": Continent.EUROPE,
    "BF": Continent.AFRICA,
    "BG": Continent.EUROPE,
    "BH": Continent.ASIA,
    "BI": Continent.AFRICA,
    "BJ": Continent.AFRICA,
    "BL": Continent.NORTH_AMERICA,
    "BM": Continent.NORTH_AMERICA,
    "BN": Continent.ASIA,
    "BO": Continent.SOUTH_AMERICA,
    "BQ": Continent.NORTH_AMERICA,
    "BR": Continent.SOUTH_AMERICA,
    "BS": Continent.NORTH_AMERICA,
    "BT": Continent.ASIA,
    "BV": Continent.SOUTH_AMERICA,
    "BW": Continent.AFRICA,
    "BY": Continent.EUROPE,
    "BZ": Continent.NORTH_AMERICA,
    "CA": Continent.NORTH_AMERICA,
    "CC": Continent.OCEANIA,
    "CD": Continent.AFRICA,
    "CF": Continent.AFRICA,
    "CG": Continent.AFRICA,
    "CH": Continent.EUROPE,
    "CI": Continent.AFRICA,
    "CK": Continent.OCEANIA,
    "CL": Continent.SOUTH_AMERICA,
    "CM": Continent.AFRICA,
    "CN": Continent.ASIA,
    "CO": Continent.SOUTH_AMERICA,
    "CR": Continent.NORTH_AMERICA,
    "CU": Continent.NORTH_AMERICA,
    "CV": Continent.AFRICA,
    "CW": Continent.NORTH_AMERICA,
    "CX": Continent.OCEANIA,
    "CY": Continent.ASIA,
    "CZ": Continent.EUROPE,
    "DE": Continent.EUROPE,
    "DJ": Continent.AFRICA,
    "DK": Continent.EUROPE,
    "DM": Continent.NORTH_AMERICA,
    "DO": Continent.NORTH_AMERICA,
    "DZ": Continent.AFRICA,
    "EC": Continent.SOUTH_AMERICA,
    "EE": Continent.EUROPE,
    "EG": Continent.AFRICA,
    "EH": Continent.AFRICA,
    "ER": Continent.AFRICA,
    "ES": Continent.EUROPE,
    "ET": Continent.AFRICA,
    "FI": Continent.EUROPE,
    "FJ": Continent.OCEANIA,
    "FK": Continent.SOUTH_AMERICA,
    "FM": Continent.OCEANIA,
    "FO": Continent.EUROPE,
    "FR": Continent.EUROPE,
    "GA": Continent.AFRICA,
    "GB": Continent.EUROPE,
    "GD": Continent.NORTH_AMERICA,
    "GE": Continent.ASIA,
    "GF": Continent.SOUTH_AMERICA,
    "GG": Continent.EUROPE,
    "GH": Continent.AFRICA,
    "GI": Continent.EUROPE,
    "GL": Continent.NORTH_AMERICA,
    "GM": Continent.AFRICA,
    "GN": Continent.AFRICA,
    "GP": Continent.NORTH_AMERICA,
    "GQ": Continent.AFRICA,
    "GR": Continent.EUROPE,
    "GS": Continent.SOUTH_AMERICA,
    "GT": Continent.NORTH_AMERICA,
    "GU": Continent.OCEANIA,
    "GW": Continent.AFRICA,
    "GY": Continent.SOUTH_AMERICA,
    "HK": Continent.ASIA,
    "HM": Continent.OCEANIA,
    "HN": Continent.NORTH_AMERICA,
    "HR": Continent.EUROPE,
    "HT": Continent.NORTH_AMERICA,
    "HU": Continent.EUROPE,
    "ID": Continent.ASIA,
    "IE": Continent.EUROPE,
    "IL": Continent.ASIA,
    "IM": Continent.EUROPE,
    "IN": Continent.ASIA,
    "IO": Continent.AFRICA,
    "IQ": Continent.ASIA,
    "IR": Continent.ASIA,
    "IS": Continent.EUROPE,
    "IT": Continent.EUROPE,
    "JE": Continent.EUROPE,
    "JM": Continent.NORTH_AMERICA,
    "JO": Continent.ASIA,
    "JP": Continent.ASIA,
    "KE": Continent.AFRICA,
    "KG": Continent.ASIA,
    "KH": Continent.ASIA,
    "KI": Continent.OCEANIA,
    "KM": Continent.AFRICA,
    "KN": Continent.NORTH_AMERICA,
    "KP": Continent.ASIA,
    "KR": Continent.ASIA,
    "KW": Continent.ASIA,
    "KY": Continent.NORTH_AMERICA,
    "KZ": Continent.ASIA,
    "LA": Continent.ASIA,
    "LB": Continent.ASIA,
    "LC": Continent.NORTH_AMERICA,
    "LI": Continent.EUROPE,
    "LK": Continent.ASIA,
    "LR": Continent.AFRICA,
    "LS": Continent.AFRICA,
    "LT": Continent.EUROPE,
    "LU": Continent.EUROPE,
    "LV": Continent.EUROPE,
    "LY": Continent.AFRICA,
    "MA": Continent.AFRICA,
    "MC": Continent.EUROPE,
    "MD": Continent.EUROPE,
    "ME": Continent.EUROPE,
    "MF": Continent.NORTH_AMERICA,
    "MG": Continent.AFRICA,
    "MH": Continent.OCEANIA,
    "MK": Continent.EUROPE,
    "ML": Continent.AFRICA,
    "MM": Continent.ASIA,
    "MN": Continent.ASIA,
    "MO": Continent.ASIA,
    "MP": Continent.OCEANIA,
    "MQ": Continent.NORTH_AMERICA,
    "MR": Continent.AFRICA,
    "MS": Continent.NORTH_AMERICA,
    "MT": Continent.EUROPE,
    "MU": Continent.AFRICA,
    "MV": Continent.ASIA,
    "MW": Continent.AFRICA,
    "MX": Continent.NORTH_AMERICA,
    "MY": Continent.ASIA,
    "MZ": Continent.AFRICA,
    "NA": Continent.AFRICA,
    "NC": Continent.OCEANIA,
    "NE": Continent.AFRICA,
    "NF": Continent.OCEANIA,
    "NG": Continent.AFRICA,
    "NI": Continent.NORTH_AMERICA,
    "NL": Continent.EUROPE,
    "NO": Continent.EUROPE,
    "NP": Continent.ASIA,
    "NR": Continent.OCEANIA,
    "NU": Continent.OCEANIA,
    "NZ": Continent.OCEANIA,
    "OM": Continent.ASIA,
    "PA": Continent.NORTH_AMERICA,
    "PE": Continent.SOUTH_AMERICA,
    "PF": Continent.OCEANIA,
    "PG": Continent.OCEANIA,
    "PH": Continent.ASIA,
    "PK": Continent.ASIA,
    "PL": Continent.EUROPE,
    "PM": Continent.NORTH_AMERICA,
    "PN": Continent.OCEANIA,
    "PR": Continent.NORTH_AMERICA,
    "PS": Continent.ASIA,
    "PT": Continent.EUROPE,
    "PW": Continent.OCEANIA,
    "PY": Continent.SOUTH_AMERICA,
    "QA": Continent.ASIA,
    "RE": Continent.AFRICA,
    "RO": Continent.EUROPE,
    "RS": Continent.EUROPE,
    "RU": Continent.EUROPE,
    "RW": Continent.AFRICA,
    "SA": Continent.ASIA,
    "SB": Continent.OCEANIA,
    "SC": Continent.AFRICA,
    "SD": Continent.AFRICA,
    "SE": Continent.EUROPE,
    "SG": Continent.ASIA,
    "SH": Continent.AFRICA,
    "SI": Continent.EUROPE,
    "SJ": Continent.EUROPE,
    "SK": Continent.EUROPE,
    "SL": Continent.AFRICA,
    "SM": Continent.EUROPE,
    "SN": Continent.AFRICA,
    "SO": Continent.AFRICA,
    "SR": Continent.SOUTH_AMERICA,
    "SS": Continent.AFRICA,
    "ST": Continent.AFRICA,
    "SV": Continent.NORTH_AMERICA,
    "SX": Continent.NORTH_AMERICA,
    "SY": Continent.ASIA,
    "SZ": Continent.AFRICA,
    "TC": Continent.NORTH_AMERICA,
    "TD": Continent.AFRICA,
    "TF": Continent.AFRICA,
    "TG": Continent.AFRICA,
    "TH": Continent.ASIA,
    "TJ": Continent.ASIA,
    "TK": Continent.OCEANIA,
    "TL": Continent.ASIA,
    "TM": Continent.ASIA,
    "TN": Continent.AFRICA,
    "TO": Continent.OCEANIA,
    "TR": Continent.ASIA,
    "TT": Continent.NORTH_AMERICA,
    "TV": Continent.OCEANIA,
    "TW": Continent.ASIA,
    "TZ": Continent.AFRICA,
    "UA": Continent.EUROPE,
    "UG": Continent.AFRICA,
    "UM": Continent.OCEANIA,
    "US": Continent.NORTH_AMERICA,
    "UY": Continent.SOUTH_AMERICA,
    "UZ": Continent.ASIA,
    "VA": Continent.EUROPE,
    "VC": Continent.NORTH_AMERICA,
    "VE": Continent.SOUTH_AMERICA,
    "VG": Continent.NORTH_AMERICA,
    "VI": Continent.NORTH_AMERICA,
    "VN": Continent.ASIA,
    "VU": Continent.OCEANIA,
    "WF": Continent.OCEANIA,
    "WS": Continent.OCEANIA,
    "YE": Continent.ASIA,
    "YT": Continent.AFRICA,
    "ZA": Continent.AFRICA,
    "ZM": Continent.AFRICA,
    "ZW": Continent.AFRICA,
}


def continent_of(country_code: str) -> str | None:
    """Return the continent of an ISO 3166-1 alpha-2 code, or None for an unknown code."""
    return CONTINENT_BY_COUNTRY.get(country_code.upper())


# The 27 member states, and the outermost regions that have an ISO code of their own while being integral
# parts of a member state (EU law applies there in full). Overseas countries and territories such as New
# Caledonia, French Polynesia, Aruba or Greenland are associated with the EU but not part of it: left out.
EU_MEMBER_STATES: frozenset[str] = frozenset(
    {
        "AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "FR", "GR", "HR", "HU",
        "IE", "IT", "LT", "LU", "LV", "MT", "NL", "PL", "PT", "RO", "SE", "SI", "SK",
        "GF",  # French Guiana
        "GP",  # Guadeloupe
        "MF",  # Saint-Martin
        "MQ",  # Martinique
        "RE",  # Réunion
        "YT",  # Mayotte
    }
)  # fmt: skip

# Countries with land on both sides of the Europe-Asia or the Africa-Asia boundary, whose cities are therefore
# placed by their coordinates rather than by the country's M49 continent.
TRANSCONTINENTAL: frozenset[str] = frozenset({"RU", "TR", "KZ", "GE", "AZ", "EG"})

# Vertices are (latitude, longitude) in decimal degrees, north and east positive, joined by straight lines
# on a plain latitude/longitude grid. In the mountains those lines cut the real watershed's corners by up to
# a few tens of kilometres, so a city that close to the line is best settled by staff with an override.

# The Europe-Asia boundary, from the Arctic Ocean to the Aegean Sea, with Europe on its right-hand side all
# the way. It follows the Urals' main watershed, the Ural river, a line across the Caspian, the main
# watershed of the Greater Caucasus and the Turkish straits.
EUROPE_ASIA_BOUNDARY: tuple[tuple[float, float], ...] = (
    # Kara Sea east of Novaya Zemlya's northern cape: the islands continue the Urals and stay in Europe.
    (77.2, 69.5),
    # Konstantinov Kamen on Baydaratskaya Bay, where the Polar Urals end at the Kara Sea.
    (68.5, 66.2),
    (66.07, 64.53),  # Mount Payer, highest summit of the Polar Urals
    (65.03, 60.12),  # Mount Narodnaya, highest summit of the Urals (Subpolar Urals)
    (61.87, 59.24),  # Mount Otorten, Northern Urals
    (58.0, 59.5),  # the watershed west of Nizhny Tagil, Middle Urals
    (56.9, 60.05),  # the 1837 boundary obelisk on Mount Berezovaya near Pervouralsk
    (55.12, 59.83),  # the watershed at Urzhumka, east of Zlatoust, Southern Urals
    (54.47, 59.13),  # source of the Ural river near Mount Kruglaya on the Ural-Tau ridge
    # The Ural river down to the Caspian; its right (western) bank is Europe.
    (53.42, 58.98),  # Magnitogorsk
    (51.19, 58.6),  # Orsk, where the river turns west round the end of the Urals
    (51.75, 55.1),  # Orenburg
    (51.2, 51.45),  # Oral (Uralsk), where the river turns south again
    (47.1, 51.92),  # Atyrau
    (46.88, 51.62),  # the river's delta on the Caspian Sea
    # Across the Caspian, through open water west of the Kulaly islands and the Mangyshlak peninsula.
    (45.0, 49.6),
    (40.38, 50.35),  # Shah Dili spit, the eastern tip of the Absheron peninsula
    # The main watershed of the Greater Caucasus, east to west; its northern slopes are Europe.
    (41.03, 48.42),  # Mount Babadag
    (41.22, 47.86),  # Mount Bazarduzu, on the Russia-Azerbaijan border
    (42.57, 45.30),  # Mount Tebulosmta, on the Russia-Georgia border
    (42.51, 44.45),  # Jvari (Cross) Pass on the Georgian Military Road
    (42.72, 43.78),  # Mamison Pass
    (43.0, 43.11),  # Mount Shkhara
    (43.17, 42.65),  # the crest north of Mount Ushba; Elbrus, on a northern spur, stays in Europe
    (43.25, 41.83),  # Klukhor Pass
    (43.96, 39.91),  # Mount Fisht, the westernmost glaciated summit of the main ridge
    (44.30, 39.25),  # the crest above Tuapse
    (44.80, 37.70),  # the Markotkh ridge above Novorossiysk
    (44.85, 37.35),  # the western end of the Greater Caucasus at the coast south of Anapa
    # Across the Black Sea to the Bosporus, then down the straits; their western shores are Europe.
    (41.225, 29.13),  # the Bosporus's northern entrance, between Rumeli Feneri and Anadolu Feneri
    (41.17, 29.075),  # between Sariyer and Anadolu Kavagi
    (41.084, 29.062),  # the narrows between Rumeli Hisari and Anadolu Hisari
    (41.045, 29.034),  # between Ortaköy and Beylerbeyi, under the first bridge
    (41.03, 29.003),  # between Kabataş and Üsküdar
    (41.015, 28.997),  # between Sarayburnu and Salacak
    (40.993, 29.0),  # the Bosporus's southern entrance, between Ahirkapi and Moda
    (40.75, 28.25),  # the Sea of Marmara south of Silivri
    (40.80, 27.60),  # between the Tekirdağ coast and Marmara Island
    (40.50, 27.20),  # between Şarköy and Karabiga
    (40.375, 26.69),  # the Dardanelles' north-eastern entrance, between Gelibolu and Lapseki
    (40.15, 26.395),  # the narrows between Kilitbahir and Çanakkale
    (40.025, 26.19),  # the Dardanelles' mouth, between Seddülbahir and Kumkale
    # Out into the Aegean between Gökçeada (Europe, off the Gallipoli peninsula) and Bozcaada (Asia, off the
    # Troad), each island going with the shore it lies off.
    (40.0, 25.3),
)

# Vertices that close the boundary into a polygon around the rest of Europe through seas and oceans. They pass
# loosely by coasts and islands, which is harmless: the polygon is consulted only for the transcontinental
# countries, and none of them has land near these lines.
EUROPE_CLOSURE: tuple[tuple[float, float], ...] = (
    (34.5, 25.0),  # the Libyan Sea south of Crete
    (37.4, 11.7),  # the Strait of Sicily, between Cap Bon and Marsala
    (38.0, 5.0),  # the western Mediterranean, between Algeria and the Balearic Islands
    (35.95, -5.6),  # the Strait of Gibraltar
    (36.0, -32.0),  # the Atlantic south-west of the Azores
    (66.5, -26.0),  # the Denmark Strait, between Iceland and Greenland
    (80.0, -5.0),  # the Fram Strait, between Svalbard and Greenland
    (82.5, 20.0),  # the Arctic Ocean north of Svalbard
    (82.5, 68.0),  # the Arctic Ocean north-east of Franz Josef Land
)

EUROPEAN_SIDE: tuple[tuple[float, float], ...] = EUROPE_ASIA_BOUNDARY + EUROPE_CLOSURE

# The Africa-Asia boundary in Egypt, north to south: the Suez Canal, then the Gulf of Suez. The Sinai
# peninsula, east of it, is Asia.
AFRICA_ASIA_BOUNDARY: tuple[tuple[float, float], ...] = (
    (31.28, 32.312),  # the canal's northern entrance, between Port Said and Port Fuad
    (30.85, 32.318),  # El Qantara
    (30.57, 32.30),  # Lake Timsah at Ismailia
    (30.33, 32.38),  # the Great Bitter Lake
    (30.15, 32.50),  # the Little Bitter Lake
    (30.0, 32.575),  # the canal east of the city of Suez
    (29.93, 32.565),  # Port Tewfik, the canal's southern entrance
    (29.55, 32.55),  # the Gulf of Suez between Ain Sokhna and Ras Sudr
    (29.05, 32.88),  # between Zafarana and Abu Zenima
    (28.30, 33.35),  # between Ras Gharib and El Tor
    (27.62, 34.13),  # the Strait of Gubal, between Shadwan Island and Ras Muhammad
)

# Vertices that close the boundary into a polygon of the Asian side. Only Egypt is tested against it, so they
# need only keep the whole of Sinai inside and the African shore outside.
SINAI_CLOSURE: tuple[tuple[float, float], ...] = (
    (27.3, 34.3),  # the Red Sea south of Ras Muhammad
    (27.0, 36.0),  # the Arabian shore of the Red Sea near Duba
    (31.5, 36.0),  # Jordan, east of the Dead Sea
    (31.8, 32.31),  # the Mediterranean north of the canal's entrance
)

ASIAN_SIDE_OF_SUEZ: tuple[tuple[float, float], ...] = AFRICA_ASIA_BOUNDARY + SINAI_CLOSURE


def point_in_polygon(latitude: float, longitude: float, polygon: tuple[tuple[float, float], ...]) -> bool:
    """Whether a point lies inside a polygon of (latitude, longitude) vertices, by ray casting.

    A ray from the point towards the east crosses the polygon's edges an odd number of times exactly when the
    point is inside.
    """
    inside = False
    previous_latitude, previous_longitude = polygon[-1]
    for vertex_latitude, vertex_longitude in polygon:
        # Only an edge that spans the point's latitude can meet the ray; this also skips east-west edges.
        if (vertex_latitude > latitude) != (previous_latitude > latitude):
            share = (latitude - vertex_latitude) / (previous_latitude - vertex_latitude)
            crossing_longitude = vertex_longitude + share * (previous_longitude - vertex_longitude)
            if longitude < crossing_longitude:
                inside = not inside
        previous_latitude, previous_longitude = vertex_latitude, vertex_longitude
    return inside


def decide_continent(
    country: str,
    latitude: Decimal | float | None,
    longitude: Decimal | float | None,
    override: str = "",
) -> tuple[str, str]:
    """Return (continent, basis) for a city: a Continent value ("" when undecided) and a ContinentBasis value.

    Raise ValueError for an override that is no continent or a country code that is not ISO 3166-1 alpha-2.
    """
    if override:
        if override not in Continent.values:
            raise ValueError(f"Not a continent: {override!r}")
        return Continent(override), ContinentBasis.OVERRIDE
    code = str(country).upper()
    if code in EU_MEMBER_STATES:
        return Continent.EUROPE, ContinentBasis.EU_MEMBER_STATE
    if code in TRANSCONTINENTAL:
        if latitude is None or longitude is None:
            return "", ContinentBasis.UNDECIDED
        point = float(latitude), float(longitude)
        if code == "EG":
            continent = Continent.ASIA if point_in_polygon(*point, ASIAN_SIDE_OF_SUEZ) else Continent.AFRICA
        else:
            continent = Continent.EUROPE if point_in_polygon(*point, EUROPEAN_SIDE) else Continent.ASIA
        return continent, ContinentBasis.COORDINATES
    continent = continent_of(code)
    if continent is None:
        raise ValueError(f"Not an ISO 3166-1 alpha-2 country code: {country!r}")
    return continent, ContinentBasis.COUNTRY
