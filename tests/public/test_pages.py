"""The public partner-city site: what it shows, in both languages, and what it never shows."""

import datetime
import html
import io
import json
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from pypdf import PdfReader

from tests.agreements.factories import AgreementFactory, WorkingDocumentFactory
from tests.partners.factories import PartnerCityFactory
from tests.programmes.factories import ActivityFactory

pytestmark = pytest.mark.django_db

PUBLIC_PAGES = ["/{lang}/partners/", "/{lang}/associations/", "/{lang}/eu-programmes/"]


def text_of(response):
    return response.content.decode()


def map_cities(client, response):
    """The cities the list's map shows, fetched as the map script fetches them."""
    address = re.search(r'data-map-url="([^"]+)"', text_of(response)).group(1)
    data = client.get(html.unescape(address)).json()
    return {city["id"]: city for city in data["cities"]}


class TestList:
    def test_current_relations_are_listed_by_default(self, client, demo_registry):
        response = client.get("/en/partners/")

        cities = [city.slug for city in response.context["cities"]]
        assert {"nuremberg", "kyiv", "kyoto", "vienna"} <= set(cities)
        assert "saint-petersburg" not in cities and "moscow" not in cities

    def test_ended_relations_appear_with_the_filter_marked_as_ended(self, client, demo_registry):
        response = client.get("/en/partners/?status=ended")

        assert [city.slug for city in response.context["cities"]] == ["moscow", "saint-petersburg"]
        assert "ended on 16 September 2022" in text_of(response)

    @pytest.mark.parametrize(
        ("query", "expected"),
        [
            ("relation=twin_city", {"kyiv", "leuven", "milan", "nuremberg"}),
            ("relation=honorary_twin_city", {"curitiba", "kyoto", "la-serena", "quito"}),
            ("country=DE", {"nuremberg", "frankfurt-am-main", "leipzig"}),
            ("continent=south_america", {"curitiba", "cusco", "la-serena", "quito"}),
            ("q=norym", {"nuremberg"}),
        ],
    )
    def test_filters_narrow_the_list_and_the_map(self, client, demo_registry, query, expected):
        response = client.get(f"/en/partners/?{query}")

        assert {city.slug for city in response.context["cities"]} == expected
        assert set(map_cities(client, response)) == expected

    def test_sorting_by_distance_puts_the_nearest_first(self, client, demo_registry):
        cities = client.get("/en/partners/?sort=distance").context["cities"]

        assert cities[0].slug == "kosice"
        assert [city.distance_km for city in cities] == sorted(city.distance_km for city in cities)

    def test_counts_per_relation(self, client, demo_registry):
        counts = {relation.value: count for relation, count in client.get("/en/partners/").context["counts"]}

        assert counts == {
            "twin_city": 4,
            "honorary_twin_city": 4,
            "partner_city": 21,
            "sectoral": 0,
            # Of seven cooperating cities, Jerusalem, Strasbourg and Veliko Tarnovo are of unknown status.
            "cooperation": 4,
        }

    def test_each_row_summarises_the_city(self, client, demo_registry):
        page = text_of(client.get("/pl/partners/?q=nuremberg"))

        assert "Norymberga" in page and "Niemcy" in page and "1991" in page and "640 km" in page


class TestCityPage:
    def test_addressed_by_identifier_with_its_relation_history(self, client, demo_registry):
        page = text_of(client.get("/en/partners/quito/"))

        assert "Honorary Twin City title" in page
        # Quito's 2003 proposal: cooperation without a signed document (no invented kind or date of signing).
        assert (
            "<strong>Cooperation without a signed document</strong>: Proposal of formal cooperation" in page
        )

    def test_an_ended_relation_is_shown_as_such_with_its_date(self, client, demo_registry):
        page = text_of(client.get("/en/partners/saint-petersburg/"))

        assert "ended on 16 September 2022" in page
        assert "terminated" in page

    def test_polish_page(self, client, demo_registry):
        page = text_of(client.get("/pl/partners/nuremberg/"))

        assert '<html lang="pl">' in page
        assert "miasto bliźniacze" in page


def test_a_city_without_a_public_relation_has_no_page(client):
    AgreementFactory(
        city__slug="secret",
        status="negotiation",
        resolution_number="",
        resolution_date=None,
        signed_on=None,
    )

    assert client.get("/en/partners/secret/").status_code == 404


def unpublished_records():
    """A city with every kind of record that must never be shown, next to one public relation."""
    city = PartnerCityFactory(slug="visible", name_en="Visible", country="FR")
    AgreementFactory(city=city, slug="public-one", notes="INTERNAL-NOTE", signatories="SIGNATORY-NAME")
    hidden = PartnerCityFactory(slug="hidden-city", name_en="HIDDEN-CITY", country="ES")
    AgreementFactory(
        city=hidden,
        slug="in-negotiation",
        status="negotiation",
        resolution_number="",
        resolution_date=None,
        signed_on=None,
    )
    AgreementFactory(
        city=PartnerCityFactory(slug="approved-city", name_en="APPROVED-CITY", country="IT"),
        slug="approved-unsigned",
        status="approved",
        signed_on=None,
    )
    AgreementFactory(
        city=PartnerCityFactory(slug="private-city", name_en="PRIVATE-CITY", country="PT"),
        slug="not-public",
        is_public=False,
    )
    WorkingDocumentFactory(
        city=PartnerCityFactory(slug="doc-city", name_en="DOC-CITY", country="GR"),
        is_public=False,
        title="PRIVATE-DOCUMENT",
    )
    ActivityFactory(cities=[city], title_pl="PRIVATE-ACTIVITY", title_en="PRIVATE-ACTIVITY", is_public=False)


SECRETS = [
    "INTERNAL-NOTE",
    "SIGNATORY-NAME",
    "HIDDEN-CITY",
    "hidden-city",
    "in-negotiation",
    "APPROVED-CITY",
    "approved-unsigned",
    "PRIVATE-CITY",
    "not-public",
    "DOC-CITY",
    "PRIVATE-DOCUMENT",
    "PRIVATE-ACTIVITY",
]


@pytest.mark.parametrize(
    "url",
    [
        "/en/partners/",
        "/pl/partners/",
        "/en/partners/?status=all",
        "/en/partners/?status=ended",
        "/en/partners/visible/",
        "/pl/partners/visible/",
        "/en/associations/",
        "/en/eu-programmes/",
        "/sitemap.xml",
        "/en/partners/?q=HIDDEN",
    ],
)
def test_nothing_unpublished_reaches_a_public_page(client, url):
    unpublished_records()

    page = text_of(client.get(url))

    assert [secret for secret in SECRETS if secret in page] == []


@pytest.mark.parametrize("slug", ["hidden-city", "approved-city", "private-city", "doc-city"])
def test_a_city_with_only_unpublished_records_has_no_page(client, slug):
    unpublished_records()

    assert client.get(f"/en/partners/{slug}/").status_code == 404


def test_the_printable_registry_holds_no_unpublished_record(client):
    unpublished_records()

    pdf = b"".join(
        client.get("/en/partners/registry.pdf?status=all").streaming_content
        if False
        else [client.get("/en/partners/registry.pdf?status=all").content]
    )
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)

    assert "Visible" in text
    assert [secret for secret in SECRETS if secret in text] == []


@pytest.mark.parametrize(
    ("language", "heading", "city"),
    [("en", "Krakow's partner cities", "Nuremberg"), ("pl", "Miasta partnerskie Krakowa", "Norymberga")],
)
def test_the_printable_registry_is_in_the_pages_language(client, demo_registry, language, heading, city):
    response = client.get(f"/{language}/partners/registry.pdf")

    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert response["Content-Type"] == "application/pdf"
    assert heading in text
    assert city in text


def test_names_with_html_are_shown_as_text(client):
    AgreementFactory(
        city=PartnerCityFactory(slug="evil", name_en="<script>alert(1)</script>", name_pl="<b>x</b>")
    )

    listing = text_of(client.get("/en/partners/"))
    detail = text_of(client.get("/en/partners/evil/"))

    assert "<script>alert(1)</script>" not in listing and "<script>alert(1)</script>" not in detail
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in listing
    assert "\\u003Cscript\\u003E" in detail  # the map's data, escaped by json_script
    assert client.get("/en/partners/map.json").json()["cities"][0]["name"] == "<script>alert(1)</script>"


@pytest.mark.parametrize(
    "url", ["/en/partners/", "/en/partners/{slug}/", "/en/associations/", "/en/eu-programmes/"]
)
def test_a_page_runs_as_many_queries_for_30_cities_as_for_3(client, url):
    def count_queries():
        target = url.format(slug=PartnerCityFactory._meta.model.objects.order_by("pk").first().slug)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(target).status_code == 200
        return len(queries)

    def populate(count):
        for _ in range(count):
            city = PartnerCityFactory(country="FR")
            AgreementFactory(city=city)
            WorkingDocumentFactory(city=city)
            ActivityFactory(cities=[city])

    populate(3)
    few = count_queries()
    populate(27)

    assert count_queries() == few


def test_the_root_redirects_by_the_browsers_language(client):
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="en").url == "/en/"
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="pl").url == "/pl/"
    assert client.get("/en/").url == "/en/partners/"


def test_the_language_switcher_leads_to_the_same_page(client):
    AgreementFactory(city__slug="kyoto")

    page = text_of(client.get("/en/partners/kyoto/"))

    assert 'href="/pl/partners/kyoto/" lang="pl"' in page


def test_a_long_list_comes_in_pages_and_its_map_shows_every_city(client):
    bulk_registry(60, "paged")

    first, second = client.get("/en/partners/"), client.get("/en/partners/?page=2")

    assert len(first.context["cities"]) == 50 and len(second.context["cities"]) == 10
    assert "60 cities" in text_of(first) and "page 2 of 2" in text_of(second)
    assert 'href="?page=2" rel="next"' in text_of(first)
    assert len(map_cities(client, second)) == 60
    filtered = client.get("/en/partners/?q=City+1&page=1")
    assert 'data-map-url="/en/partners/map.json?q=City+1"' in text_of(filtered)


def test_the_map_data_carries_relation_and_link(client):
    AgreementFactory(city__slug="kyoto", kind="honorary_title", signed_on=None, city__country="JP")

    (city,) = map_cities(client, client.get("/en/partners/")).values()

    assert (city["relation"], city["url"], city["ended"]) == (
        "honorary_twin_city",
        "/en/partners/kyoto/",
        False,
    )
    assert json.dumps(city)


def bulk_registry(count, prefix):
    """`count` cities with a public agreement each, written in bulk (fast enough for 3,000)."""
    from agreements.models import Agreement
    from partners.models import PartnerCity

    cities = PartnerCity.objects.bulk_create(
        PartnerCity(
            slug=f"{prefix}-{number}",
            name_en=f"City {number}",
            name_pl=f"Miasto {number}",
            country="FR",
            continent="europe",
            latitude=45,
            longitude=2,
        )
        for number in range(count)
    )
    Agreement.objects.bulk_create(
        Agreement(
            slug=f"{city.slug}-partnership",
            city=city,
            country="FR",
            continent="europe",
            kind="partnership",
            status="in_force",
            resolution_number="II/10/90",
            resolution_date=datetime.date(1990, 6, 20),
            signed_on=datetime.date(1990, 9, 1),
        )
        for city in cities
    )


@pytest.mark.parametrize(
    "url", ["/en/partners/", "/en/partners/bulk-0/", "/api/partners/", "/api/partners.csv"]
)
def test_the_same_queries_serve_30_cities_and_3000(client, django_assert_max_num_queries, url):
    bulk_registry(30, "bulk")
    with CaptureQueriesContext(connection) as at_30:
        assert client.get(url).status_code == 200
    bulk_registry(2970, "more")

    with django_assert_max_num_queries(len(at_30)):
        assert client.get(url).status_code == 200


def test_the_printable_registry_shows_html_in_names_as_text(client):
    AgreementFactory(city=PartnerCityFactory(name_en="<i>Evil</i>"))

    pdf = client.get("/en/partners/registry.pdf").content

    assert "<i>Evil</i>" in PdfReader(io.BytesIO(pdf)).pages[0].extract_text()
