"""The open data's licence, CC BY 4.0: in the API's schema, in a Link header on every API answer (the CSV's
included, whose columns stay as they were), and in the footer of every public page."""

import csv
import io

import pytest

from tests.agreements.factories import AgreementFactory

pytestmark = pytest.mark.django_db

LICENCE_URL = "https://creativecommons.org/licenses/by/4.0/"


@pytest.fixture(autouse=True)
def kyoto():
    return AgreementFactory(
        city__slug="kyoto", city__name_en="Kyoto", city__name_pl="Kioto", city__country="JP"
    )


def test_the_schema_states_the_licence(client):
    schema = client.get("/api/schema/?format=json").json()

    assert schema["info"]["license"] == {"name": "CC BY 4.0", "url": LICENCE_URL}


@pytest.mark.parametrize(
    "path",
    [
        "/api/partners/",
        "/api/partners/kyoto/",
        "/api/partners.csv",
        "/api/visits/",
        "/api/associations/",
        "/api/eu-programmes/",
        "/api/schema/",
        "/api/partners/nowhere/",
    ],
)
def test_every_api_answer_links_the_licence(client, path):
    response = client.get(path)

    assert response["Link"] == f'<{LICENCE_URL}>; rel="license"'


def test_the_csv_keeps_its_columns_under_its_licence(client):
    rows = list(csv.reader(io.StringIO(client.get("/api/partners.csv").content.decode())))

    assert rows[0][0] == "id" and rows[1][0] == "kyoto"
    assert {len(row) for row in rows} == {len(rows[0])}


@pytest.mark.parametrize("path", ["/en/partners/", "/pl/partners/kyoto/", "/en/associations/"])
def test_every_public_page_states_the_licence(client, path):
    page = client.get(path).content.decode()

    footer = page[page.index('<footer class="site-footer">') :]
    assert f'<a href="{LICENCE_URL}" rel="license">CC BY 4.0</a>' in footer


def test_the_api_documentation_links_back_to_the_site(client):
    page = client.get("/api/docs/", HTTP_ACCEPT_LANGUAGE="en").content.decode()

    assert '<a href="/en/partners/">' in page


@pytest.mark.parametrize(("language", "prefix"), [("en", "/en/"), ("pl", "/pl/"), (None, "/pl/")])
def test_the_csv_city_addresses_follow_the_negotiated_language(client, language, prefix):
    headers = {"HTTP_ACCEPT_LANGUAGE": language} if language else {}
    response = client.get("/api/partners.csv", **headers)

    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert rows[0]["url"] == f"http://testserver{prefix}partners/kyoto/"
    assert (
        response["Content-Disposition"] == f'attachment; filename="krakow-partner-cities-{prefix[1:3]}.csv"'
    )
    assert "Accept-Language" in response["Vary"]
