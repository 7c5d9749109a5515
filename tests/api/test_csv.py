"""The partner-city list as CSV: /api/partners.csv or ?format=csv, UTF-8, a header row, no formulas."""

import csv
import io

import pytest

from tests.agreements.factories import AgreementFactory

pytestmark = pytest.mark.django_db

COLUMNS = [
    "id",
    "name_en",
    "name_pl",
    "name_native",
    "official_name_en",
    "official_name_pl",
    "country",
    "continent",
    "latitude",
    "longitude",
    "relation",
    "current",
    "since",
    "until",
    "partners_since",
    "distance_km",
    "url",
]


def csv_rows(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    return list(csv.reader(io.StringIO(response.content.decode("utf-8"))))


class TestTheDemoRegistryAsCsv:
    def test_the_csv_starts_with_a_header_row(self, client, demo_registry):
        rows = csv_rows(client.get("/api/partners.csv"))

        assert rows[0] == COLUMNS

    def test_the_csv_is_utf8_with_polish_names(self, client, demo_registry):
        rows = csv_rows(client.get("/api/partners.csv"))

        assert ["bratislava", "Bratislava", "Bratysława"] in [row[:3] for row in rows]

    def test_the_csv_is_offered_for_download(self, client, demo_registry):
        response = client.get("/api/partners.csv")

        assert response["Content-Disposition"] == 'attachment; filename="krakow-partner-cities-pl.csv"'

    def test_format_csv_and_the_csv_address_give_the_same_rows(self, client, demo_registry):
        by_address = csv_rows(client.get("/api/partners.csv?status=all"))
        by_format = csv_rows(client.get("/api/partners/?status=all&format=csv"))

        assert by_address == by_format
        assert len(by_address) > 30

    def test_the_csv_has_every_city_of_the_filtered_list_without_pages(self, client, demo_registry):
        listing = client.get("/api/partners/?status=all&page_size=500").json()
        rows = csv_rows(client.get("/api/partners/?status=all&format=csv&page_size=2"))

        assert [row[0] for row in rows[1:]] == [city["id"] for city in listing["results"]]

    def test_the_csv_applies_the_filters(self, client, demo_registry):
        rows = csv_rows(client.get("/api/partners.csv?status=ended"))

        assert [row[0] for row in rows[1:]] == ["moscow", "saint-petersburg"]
        petersburg = dict(zip(COLUMNS, rows[2], strict=True))
        assert (petersburg["current"], petersburg["since"], petersburg["until"]) == (
            "false",
            "2006",
            "2022-09-16",
        )


@pytest.mark.parametrize("name", ["=cmd", "+SUM(A1)", "-2+3", "@SUM(A1)"])
def test_a_cell_a_spreadsheet_would_run_as_a_formula_is_neutralised(client, name):
    AgreementFactory(city__slug="evil", city__name_en=name, city__name_pl="Zło")

    (row,) = csv_rows(client.get("/api/partners.csv"))[1:]

    assert row[1] == f"'{name}"


def test_a_negative_coordinate_stays_a_number(client):
    AgreementFactory(
        city__slug="new-york", city__country="US", city__latitude=40.7128, city__longitude=-74.006
    )

    (row,) = csv_rows(client.get("/api/partners.csv"))[1:]

    assert row[COLUMNS.index("longitude")] == "-74.006"


def test_a_bad_filter_in_the_csv_is_a_bad_request(client):
    response = client.get("/api/partners.csv?relation=best_friend")

    assert response.status_code == 400
    assert "relation" in response.content.decode()
