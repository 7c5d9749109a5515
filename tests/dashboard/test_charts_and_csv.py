"""The charts are drawn on the server as SVG with their figures behind them; every table downloads as CSV."""

import csv
import datetime
import io
import xml.etree.ElementTree as ET

import pytest
from django.core.cache import cache
from django.utils import translation

from agreements.choices import AgreementKind, AgreementStatus
from dashboard.overview import RegistryOverview, Scope
from partners.choices import RELATION_COLOURS, Relation
from registry.choices import PolicyTool
from registry.tables import Chart
from tests.agreements.factories import AgreementFactory
from tests.dashboard.pages import unlinked
from tests.partners.factories import PartnerCityFactory
from tests.programmes.factories import ActivityFactory

pytestmark = pytest.mark.django_db
SVG = "{http://www.w3.org/2000/svg}"
DAY = datetime.date(2024, 6, 30)


def overview(**scope):
    return RegistryOverview(Scope(as_of=DAY, **scope))


def test_agreements_are_counted_by_the_decade_they_were_signed_in_and_by_the_relation_they_make():
    AgreementFactory(signed_on=datetime.date(1991, 6, 1))
    AgreementFactory(
        signed_on=datetime.date(1999, 12, 31),
        resolution_number="X/85/99",
        resolution_date=datetime.date(1999, 1, 1),
    )
    AgreementFactory(
        kind=AgreementKind.TWINNING,
        status=AgreementStatus.TERMINATED,
        signed_on=datetime.date(2003, 1, 1),
        resolution_number="XCVIII/1150/02",
        resolution_date=datetime.date(2002, 1, 1),
        terminated_on=datetime.date(2022, 3, 1),
    )

    table = overview().decades_chart.table

    assert table.columns == ["decade", "twin city", "partner city"]
    assert table.rows == [["1990–1999", 0, 2], ["2000–2009", 1, 0]]


def test_activities_are_counted_by_tool_over_the_period_each_tool_a_bar_of_its_own():
    ActivityFactory(tool=PolicyTool.FAIRS, starts_on=datetime.date(2023, 5, 1))
    ActivityFactory(tool=PolicyTool.FAIRS, starts_on=datetime.date(2024, 5, 1))
    ActivityFactory(tool=PolicyTool.TRADE_MISSIONS, starts_on=datetime.date(2024, 2, 1))

    chart = overview().activities_chart

    assert chart.title == "Activities by tool of the foreign policy, 2015–2024"
    assert chart.horizontal
    assert chart.table.columns == ["tool", "activities"]
    assert len(chart.table.rows) == 15
    assert chart.table.rows[6:8] == [["7. fairs", 2], ["8. trade missions", 1]]


def test_an_activity_counts_in_the_period_to_the_day():
    ActivityFactory(tool=PolicyTool.FAIRS, starts_on=datetime.date(2015, 1, 1))
    ActivityFactory(tool=PolicyTool.FAIRS, starts_on=datetime.date(2024, 6, 30))
    ActivityFactory(
        tool=PolicyTool.FAIRS, starts_on=datetime.date(2014, 12, 31)
    )  # before the ten years shown
    ActivityFactory(tool=PolicyTool.FAIRS, starts_on=datetime.date(2024, 7, 1))  # after the day shown

    assert overview().activities_chart.table.rows[6] == ["7. fairs", 2]


def test_a_relation_has_the_same_colour_in_every_chart():
    AgreementFactory(city=PartnerCityFactory(country="JP"), signed_on=datetime.date(2001, 1, 1))

    decades, continents = overview().decades_chart, overview().continents_chart

    assert decades.colours == continents.colours == [RELATION_COLOURS[Relation.PARTNER_CITY]]
    assert RELATION_COLOURS[Relation.PARTNER_CITY].lower() in continents.svg.lower()


def test_a_chart_is_an_svg_with_its_title_description_and_labels_as_text():
    AgreementFactory(city=PartnerCityFactory(country="JP"), signed_on=datetime.date(2001, 1, 1))
    chart = overview().continents_chart

    root = ET.fromstring(chart.svg)  # noqa: S314 - our own SVG, not untrusted input

    assert root.tag == f"{SVG}svg"
    assert root.find(f"{SVG}title").text == "Relations in force by continent"
    assert root.find(f"{SVG}desc").text == str(chart.description)
    texts = {"".join(element.itertext()).strip() for element in root.iter(f"{SVG}text")}
    assert {"Asia", "partner city", "relations"} <= texts
    assert chart.data_uri.startswith("data:image/svg+xml;base64,")


def test_an_empty_chart_says_so():
    chart = Chart("empty", "Empty", "Nothing here.", "year", "count", [2024], [("x", [0])])

    assert chart.is_empty
    assert "No figures for this selection." in chart.svg


def test_the_same_chart_is_drawn_the_same_way_twice():
    AgreementFactory()

    assert overview().decades_chart._draw_svg() == overview().decades_chart._draw_svg()


def test_a_chart_is_drawn_once_for_the_same_figures_and_language(monkeypatch):
    cache.clear()
    drawings = []
    draw = Chart._draw_svg
    monkeypatch.setattr(Chart, "_draw_svg", lambda chart: drawings.append(chart.key) or draw(chart))

    def chart(fairs=1):
        return Chart("fairs", "Fairs", "Fairs a year.", "year", "count", [2024], [("fairs", [fairs])])

    first = chart().svg
    again = chart().svg
    assert again == first and len(drawings) == 1

    assert chart(fairs=2).svg != first
    with translation.override("pl"):
        chart().svg  # noqa: B018 - drawn for its side effect
    assert len(drawings) == 3


def read_csv(response):
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    return list(csv.reader(io.StringIO(response.content.decode())))


def test_a_table_downloads_as_csv_with_the_dashboards_filters(council_client):
    AgreementFactory(city=PartnerCityFactory(name_en="Lyon", country="FR"))
    AgreementFactory(city=PartnerCityFactory(name_en="Kyoto", country="JP"))

    response = council_client.get("/en/dashboard/relations-in-force.csv?continent=asia")

    assert response["Content-Disposition"] == 'attachment; filename="relations-in-force.csv"'
    rows = read_csv(response)
    assert rows[0] == ["city", "country", "continent", "relation", "document", "since", "status", "public"]
    assert rows[1:] == [
        ["Kyoto", "Japan", "Asia", "partner city", "city partnership", "1991-06-01", "in force", "true"]
    ]


def test_a_charts_table_downloads_as_csv(council_client):
    AgreementFactory(signed_on=datetime.date(1991, 6, 1))

    rows = read_csv(council_client.get("/en/dashboard/agreements-per-decade.csv?as_of=2024-01-01"))

    assert rows == [["decade", "partner city"], ["1990–1999", "1"]]


def test_a_cell_a_spreadsheet_would_run_is_neutralised(council_client):
    AgreementFactory(city=PartnerCityFactory(name_en="=HYPERLINK(1)"))

    rows = read_csv(council_client.get("/en/dashboard/relations-in-force.csv"))

    assert rows[1][0] == "'=HYPERLINK(1)"


def test_an_unknown_table_is_not_found(council_client):
    assert council_client.get("/en/dashboard/passwords.csv").status_code == 404


def test_the_page_shows_each_chart_with_its_data_table_and_csv_link(council_client):
    AgreementFactory()

    page = unlinked(council_client.get("/en/dashboard/?continent=europe"))

    for key in (
        "agreements-per-decade",
        "relations-by-continent",
        "activities-per-tool",
        "eu-budget-per-programme",
    ):
        assert f'href="/en/dashboard/{key}.csv?continent=europe"' in page
    assert page.count('<img src="data:image/svg+xml;base64,') == 4
    assert page.count("<summary>Data table</summary>") == 4


def test_an_invalid_filter_is_reported_and_the_rest_still_applies(council_client):
    response = council_client.get("/en/dashboard/?as_of=yesterday&continent=asia")

    assert response.status_code == 200
    assert "Enter a valid date." in response.text
    assert response.context["overview"].scope.cities is not None


def test_a_long_table_shows_its_first_hundred_rows_and_the_csv_all(council_client):
    for number in range(105):
        AgreementFactory(city=PartnerCityFactory(name_en=f"Town {number:03}", country="FR"))

    page = unlinked(council_client.get("/en/dashboard/"))
    rows = read_csv(council_client.get("/en/dashboard/relations-in-force.csv"))

    assert "The first 100 rows of 105; the CSV has them all." in page
    assert '<th scope="row">Town 099</th>' in page and '<th scope="row">Town 104</th>' not in page
    assert len(rows) == 106
    # The map shows every city, fetched apart from the page; a council member, who has no admin, is taken to
    # each city's public page.
    assert 'data-map-url="/en/dashboard/map.json"' in page
    cities = council_client.get("/en/dashboard/map.json").json()["cities"]
    assert len(cities) == 105
    assert all(city["url"] == f"/en/partners/{city['id']}/" for city in cities)


def test_the_map_shows_the_cities_within_the_dashboards_filters(council_client):
    AgreementFactory(city=PartnerCityFactory(slug="lyon", country="FR"))
    AgreementFactory(city=PartnerCityFactory(slug="kyoto", country="JP"))

    page = unlinked(council_client.get("/en/dashboard/?continent=asia"))
    cities = council_client.get("/en/dashboard/map.json?continent=asia").json()["cities"]

    assert 'data-map-url="/en/dashboard/map.json?continent=asia"' in page
    assert [city["id"] for city in cities] == ["kyoto"]
