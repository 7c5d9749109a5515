"""The annual report to the City Council, read back from the PDF WeasyPrint writes."""

import datetime
import io
from decimal import Decimal

import pdfplumber
import pytest
from django.core.management import CommandError, call_command
from django.utils import translation
from pypdf import PdfReader

from agreements.choices import AgreementKind, AgreementStatus
from dashboard.overview import RegistryOverview, Scope
from registry.choices import PolicyTool
from tests.agreements.factories import AgreementFactory
from tests.memberships.factories import MembershipFactory
from tests.partners.factories import PartnerCityFactory
from tests.programmes.factories import ActivityFactory, ProgrammeParticipationFactory

from .test_report_tables import RELATIONS, day, rows_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def registry():
    AgreementFactory(
        city=PartnerCityFactory(name_en="Nuremberg", name_pl="Norymberga", country="DE"),
        kind=AgreementKind.TWINNING,
        signed_on=datetime.date(1991, 12, 9),
    )
    AgreementFactory(
        city=PartnerCityFactory(name_en="Kyoto", name_pl="Kioto", country="JP"),
        kind=AgreementKind.HONORARY_TITLE,
        signed_on=None,
        resolution_number="CIII/1380/10",
        resolution_date=datetime.date(2010, 4, 1),
    )
    AgreementFactory(
        city=PartnerCityFactory(name_en="Newcity", country="FR"),
        signed_on=datetime.date(2023, 5, 20),
        resolution_number="CIV/2800/23",
        resolution_date=datetime.date(2023, 4, 1),
    )
    AgreementFactory(
        city=PartnerCityFactory(name_en="Endedcity", country="IT"),
        status=AgreementStatus.TERMINATED,
        terminated_on=datetime.date(2023, 8, 1),
        termination_reason="Dormant for decades",
    )
    MembershipFactory(association__name="Eurocities", annual_fee=Decimal("12345"))
    ProgrammeParticipationFactory(acronym="GREENCITY", budget=Decimal("2000000"))
    ActivityFactory(tool=PolicyTool.FAIRS, starts_on=datetime.date(2023, 3, 1), title_en="Fair")


def read(pdf):
    reader = PdfReader(io.BytesIO(pdf))
    return reader, "\n".join(page.extract_text() for page in reader.pages)


def test_the_report_has_the_years_relations_changes_and_page_numbers(council_client, registry):
    response = council_client.get("/en/dashboard/report/2023.pdf")

    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'inline; filename="krakow-annual-report-2023-en.pdf"'
    reader, text = read(response.content)
    assert "Royal Capital City of Krakow" in text
    assert "International relations: annual report 2023" in text
    for heading in ("Contents", "At a glance", "Relations in force", "New and ended agreements"):
        assert heading in text
    # The relations in force at the year's end, every kind, honorary titles included; the terminated one not:
    # a row each, by country, with its continent, relation and start.
    relations = rows_of(pdfplumber.open(io.BytesIO(response.content)).pages, RELATIONS)
    assert [row[:4] for row in relations] == [
        ["Newcity", "France (Europe)", "partner city", day(datetime.date(2023, 5, 20))],
        ["Nuremberg", "Germany (Europe)", "twin city", day(datetime.date(1991, 12, 9))],
        ["Kyoto", "Japan (Asia)", "honorary twin city", day(datetime.date(2010, 4, 1))],
    ]
    assert "1 agreement began in the year" in text and "1 agreement ended in the year" in text
    assert "Dormant for decades" in text
    assert "7. Fairs" in text
    assert "Eurocities" in text and "12,345" in text
    assert "GREENCITY" in text
    assert f"page 2 of {len(reader.pages)}" in reader.pages[1].extract_text()
    # The table of contents points at the pages the sections start on.
    bookmarks = [item for item in reader.outline[1] if not isinstance(item, list)]
    starts = {item.title.split(" (")[0]: reader.get_destination_page_number(item) + 1 for item in bookmarks}
    contents = reader.pages[0].extract_text().splitlines()
    for title in ("Charts", "EU projects"):
        line = next(line for line in contents if line.startswith(f"{title} ."))
        assert starts[title] > 1 and line.endswith(f" {starts[title]}")


def test_the_report_carries_the_same_charts_as_the_dashboard(council_client, registry):
    _reader, text = read(council_client.get("/en/dashboard/report/2023.pdf").content)

    with translation.override("en"):
        titles = [
            str(chart.title) for chart in RegistryOverview(Scope(as_of=datetime.date(2023, 12, 31))).charts
        ]
    assert len(titles) == 4
    for title in titles:
        assert title in " ".join(text.split())


def test_the_report_in_polish(council_client, registry):
    _reader, text = read(council_client.get("/pl/dashboard/report/2023.pdf").content)

    assert "Stołeczne Królewskie Miasto Kraków" in text
    assert "Norymberga" in text
    assert "Spis treści" in text


def test_a_year_outside_the_registry_has_no_report(council_client):
    assert council_client.get("/en/dashboard/report/1900.pdf").status_code == 404
    next_year = datetime.date.today().year + 1
    assert council_client.get(f"/en/dashboard/report/{next_year}.pdf").status_code == 404


def test_the_command_writes_the_report(tmp_path, registry):
    output = tmp_path / "report.pdf"

    call_command("annual_report", "2023", "-o", str(output), "--language", "en", stdout=io.StringIO())

    _reader, text = read(output.read_bytes())
    assert "International relations: annual report 2023" in text


def test_the_command_refuses_a_future_year(tmp_path):
    with pytest.raises(CommandError):
        call_command("annual_report", "2999", "-o", str(tmp_path / "x.pdf"))


def test_each_tool_names_its_busiest_partners_and_sums_up_the_rest():
    from dashboard.report import TOP_PARTNERS_PER_TOOL, _top_partners

    cities = [(f"City {number}", number) for number in range(1, TOP_PARTNERS_PER_TOOL + 4)]

    ranked = _top_partners(cities)

    assert [name for name, _count in ranked[:2]] == [
        f"City {TOP_PARTNERS_PER_TOOL + 3}",
        f"City {TOP_PARTNERS_PER_TOOL + 2}",
    ]
    assert ranked[-1] == ("3 other cities", 1 + 2 + 3)
    assert len(ranked) == TOP_PARTNERS_PER_TOOL + 1
    assert _top_partners(cities[:2]) == [("City 2", 2), ("City 1", 1)]


def test_the_report_marks_a_relation_that_is_not_public(council_client):
    AgreementFactory(
        city=PartnerCityFactory(name_en="Quietville", country="FR"),
        signed_on=datetime.date(2001, 5, 1),
        is_public=False,
    )

    pdf = council_client.get("/en/dashboard/report/2023.pdf").content

    [row] = rows_of(pdfplumber.open(io.BytesIO(pdf)).pages, RELATIONS)
    assert row[:3] == ["Quietville", "France (Europe)", "partner city; record not public"]
