"""Dates known to the month or the year only, on the council's dashboard, in its CSVs and the annual report:
each at its precision ("1999", "July 2004"), never as the first day the database stores for it."""

import csv
import datetime
import io

import pytest
from pypdf import PdfReader

from agreements.choices import AgreementKind, AgreementStatus
from dashboard.overview import RegistryOverview, Scope
from registry.partial_dates import DatePrecision, PartialDate
from tests.agreements.factories import AgreementFactory, WorkingDocumentFactory
from tests.dashboard.pages import unlinked
from tests.memberships.factories import MembershipFactory
from tests.partners.factories import PartnerCityFactory
from tests.programmes.factories import ActivityFactory, ProgrammeParticipationFactory

pytestmark = pytest.mark.django_db

DAY = datetime.date(2024, 6, 30)
YEAR, MONTH = DatePrecision.YEAR, DatePrecision.MONTH


def agreement(name, signed_on, precision=DatePrecision.DAY, **fields):
    return AgreementFactory(
        city=PartnerCityFactory(name_en=name, country=fields.pop("country", "FR")),
        signed_on=signed_on,
        signed_on_precision=precision,
        **fields,
    )


def overview(as_of=DAY):
    return RegistryOverview(Scope(as_of=as_of))


def read_csv(response):
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    return list(csv.reader(io.StringIO(response.content.decode())))


def csv_rows(client, key):
    """The CSV's rows by their first cell."""
    return {row[0]: row for row in read_csv(client.get(f"/en/dashboard/{key}.csv?as_of={DAY}"))[1:]}


def html_row(*cells):
    """A row of a dashboard table as the page writes it: its first cell a row heading."""
    first, *others = cells
    return f'<th scope="row">{first}</th>' + "".join(f"<td>{cell}</td>" for cell in others)


@pytest.fixture
def relations():
    agreement("Yearton", datetime.date(1999, 1, 1), YEAR)
    agreement("Monthville", datetime.date(2004, 7, 1), MONTH, country="DE")
    agreement("Dayburg", datetime.date(1991, 6, 1), country="IT")
    WorkingDocumentFactory(
        city=PartnerCityFactory(name_en="Docmonth", country="ES"),
        signed_on=datetime.date(2015, 3, 1),
        signed_on_precision=MONTH,
    )


class TestRelationsInForce:
    def test_each_start_is_at_its_precision(self, relations):
        since = {row[0]: row[5] for row in overview().relations_table.rows}

        assert since == {
            "Yearton": PartialDate(datetime.date(1999, 1, 1), YEAR),
            "Monthville": PartialDate(datetime.date(2004, 7, 1), MONTH),
            "Dayburg": PartialDate(datetime.date(1991, 6, 1)),
            "Docmonth": PartialDate(datetime.date(2015, 3, 1), MONTH),
        }

    def test_the_page_writes_them_in_words_at_their_precision(self, council_client, relations):
        page = unlinked(council_client.get(f"/en/dashboard/?as_of={DAY}"))

        partnership = ("partner city", "city partnership")
        assert html_row("Yearton", "France", "Europe", *partnership, "1999", "in force", "yes") in page
        assert html_row("Monthville", "Germany", "Europe", *partnership, "July 2004", "in force") in page
        document = ("cooperation without agreement", "letter of intent")
        assert html_row("Docmonth", "Spain", "Europe", *document, "March 2015", "in effect") in page
        assert html_row("Dayburg", "Italy", "Europe", *partnership, "1 June 1991") in page
        for invented in ("1 January 1999", "1 July 2004", "1 March 2015"):
            assert invented not in page

    def test_the_csv_gives_them_in_reduced_iso_8601(self, council_client, relations):
        rows = csv_rows(council_client, "relations-in-force")

        assert {city: row[5] for city, row in rows.items()} == {
            "Yearton": "1999",
            "Monthville": "2004-07",
            "Dayburg": "1991-06-01",
            "Docmonth": "2015-03",
        }


class TestMembershipsAndProjects:
    @pytest.fixture
    def records(self):
        MembershipFactory(
            association__name="Eurocities", joined_on=datetime.date(1993, 1, 1), joined_on_precision=YEAR
        )
        MembershipFactory(
            association__name="Energy Cities", joined_on=datetime.date(1994, 2, 1), joined_on_precision=MONTH
        )
        MembershipFactory(association__name="Walkable Cities", joined_on=datetime.date(1995, 3, 14))
        ProgrammeParticipationFactory(
            acronym="SOONISH", ends_on=datetime.date(2024, 10, 1), ends_on_precision=MONTH
        )

    def test_the_page_shows_when_krakow_joined_and_a_project_ends_at_its_precision(
        self, council_client, records
    ):
        page = unlinked(council_client.get(f"/en/dashboard/?as_of={DAY}"))

        assert html_row("Eurocities", "1993") in page
        assert html_row("Energy Cities", "February 1994") in page
        assert html_row("Walkable Cities", "14 March 1995") in page
        assert html_row("SOONISH", "URBACT", "October 2024") in page
        for invented in ("1 January 1993", "1 February 1994", "1 October 2024"):
            assert invented not in page

    def test_the_csvs_give_them_in_reduced_iso_8601(self, council_client, records):
        memberships = csv_rows(council_client, "memberships")
        projects = csv_rows(council_client, "ending-projects")

        assert {name: row[1] for name, row in memberships.items()} == {
            "Eurocities": "1993",
            "Energy Cities": "1994-02",
            "Walkable Cities": "1995-03-14",
        }
        assert projects["SOONISH"][2] == "2024-10"


class TestDormantPartnerships:
    @pytest.fixture
    def quiet(self, settings):
        settings.DORMANT_AFTER_YEARS = 5
        yearton = agreement("Yearton", datetime.date(1999, 1, 1), YEAR).city
        # Two activities on the same first day: the one known only to the month may be the later one.
        ActivityFactory(starts_on=datetime.date(2015, 5, 1), cities=[yearton])
        ActivityFactory(starts_on=datetime.date(2015, 5, 1), starts_on_precision=MONTH, cities=[yearton])
        dayburg = agreement("Dayburg", datetime.date(1991, 6, 1), country="IT").city
        ActivityFactory(starts_on=datetime.date(2016, 9, 20), cities=[dayburg])

    def test_partners_since_and_the_last_activity_are_at_their_precision(self, quiet):
        rows = {row[0]: row[2:] for row in overview().dormant_table.rows}

        assert rows == {
            "Yearton": [
                PartialDate(datetime.date(1999, 1, 1), YEAR),
                PartialDate(datetime.date(2015, 5, 1), MONTH),
            ],
            "Dayburg": [PartialDate(datetime.date(1991, 6, 1)), PartialDate(datetime.date(2016, 9, 20))],
        }

    def test_the_page_and_the_csv_show_them_so(self, council_client, quiet):
        page = unlinked(council_client.get(f"/en/dashboard/?as_of={DAY}"))
        rows = csv_rows(council_client, "dormant-partnerships")

        assert html_row("Yearton", "France", "1999", "May 2015") in page
        assert html_row("Dayburg", "Italy", "1 June 1991", "20 September 2016") in page
        assert rows["Yearton"][2:] == ["1999", "2015-05"]
        assert rows["Dayburg"][2:] == ["1991-06-01", "2016-09-20"]


class TestRoundAnniversaries:
    @pytest.fixture
    def starts(self):
        agreement("Yearton", datetime.date(1999, 1, 1), YEAR)  # its 25th: in 2024, which is not over yet
        agreement("Nextyear", datetime.date(2000, 1, 1), YEAR)  # its 25th: in 2025, within the year ahead
        agreement("Monthville", datetime.date(2004, 7, 1), MONTH)  # its 20th: July 2024, just ahead
        agreement("Dayburg", datetime.date(1994, 9, 1))  # its 30th: 1 September 2024
        agreement("Juneton", datetime.date(1994, 6, 1), MONTH)  # its 30th: June 2024, over on the day shown
        agreement("Farton", datetime.date(2001, 1, 1), YEAR)  # its 25th: in 2026, beyond the year ahead
        agreement("Tenyear", datetime.date(2014, 1, 1), YEAR)  # its 10th: in 2024 as well

    def test_an_anniversary_is_listed_while_its_month_or_year_overlaps_the_year_ahead(self, starts):
        rows = overview().anniversaries_table.rows

        assert {row[2]: (row[1], row[0], row[4]) for row in rows} == {
            "Yearton": (
                25,
                PartialDate(datetime.date(2024, 1, 1), YEAR),
                PartialDate(datetime.date(1999, 1, 1), YEAR),
            ),
            "Tenyear": (
                10,
                PartialDate(datetime.date(2024, 1, 1), YEAR),
                PartialDate(datetime.date(2014, 1, 1), YEAR),
            ),
            "Monthville": (
                20,
                PartialDate(datetime.date(2024, 7, 1), MONTH),
                PartialDate(datetime.date(2004, 7, 1), MONTH),
            ),
            "Dayburg": (30, PartialDate(datetime.date(2024, 9, 1)), PartialDate(datetime.date(1994, 9, 1))),
            "Nextyear": (
                25,
                PartialDate(datetime.date(2025, 1, 1), YEAR),
                PartialDate(datetime.date(2000, 1, 1), YEAR),
            ),
        }
        # In the order of their first days: an anniversary of a year comes before the year's others.
        assert [row[2] for row in rows][2:] == ["Monthville", "Dayburg", "Nextyear"]

    def test_a_month_or_a_year_is_listed_from_when_the_year_ahead_reaches_it_to_its_last_day(self, starts):
        def listed(day):
            return {row[2] for row in overview(as_of=day).anniversaries_table.rows}

        assert "Juneton" in listed(datetime.date(2024, 6, 29))
        assert "Juneton" not in listed(datetime.date(2024, 6, 30))
        # A year from the day the year ahead reaches its first day until its last day is past.
        assert "Farton" not in listed(datetime.date(2024, 12, 31))
        assert "Farton" in listed(datetime.date(2025, 1, 1))
        assert "Farton" in listed(datetime.date(2026, 12, 30))
        assert "Farton" not in listed(datetime.date(2026, 12, 31))

    def test_the_page_and_the_csv_show_the_anniversary_at_the_starts_precision(self, council_client, starts):
        page = unlinked(council_client.get(f"/en/dashboard/?as_of={DAY}"))
        rows = csv_rows(council_client, "round-anniversaries")

        assert html_row("2024", "25", "Yearton", "partner city", "1999") in page
        assert html_row("July 2024", "20", "Monthville", "partner city", "July 2004") in page
        assert html_row("1 September 2024", "30", "Dayburg", "partner city", "1 September 1994") in page
        assert "1 January 2024" not in page and "1 January 2025" not in page
        by_city = {row[2]: [row[0], row[4]] for row in rows.values()}
        assert by_city["Yearton"] == ["2024", "1999"]
        assert by_city["Nextyear"] == ["2025", "2000"]
        assert by_city["Monthville"] == ["2024-07", "2004-07"]
        assert by_city["Dayburg"] == ["2024-09-01", "1994-09-01"]


class TestAnnualReport:
    @pytest.fixture
    def registry(self):
        AgreementFactory(
            city=PartnerCityFactory(name_en="Nuremberg", country="DE"),
            kind=AgreementKind.TWINNING,
            signed_on=datetime.date(1991, 12, 9),
        )
        agreement("Newcity", datetime.date(2023, 1, 1), YEAR)
        agreement("Monthville", datetime.date(2004, 7, 1), MONTH, country="AT")
        AgreementFactory(
            city=PartnerCityFactory(name_en="Endedcity", country="IT"),
            status=AgreementStatus.TERMINATED,
            terminated_on=datetime.date(2023, 8, 1),
            terminated_on_precision=MONTH,
            termination_reason="Dormant for decades",
        )
        MembershipFactory(
            association__name="Eurocities", joined_on=datetime.date(1993, 1, 1), joined_on_precision=YEAR
        )
        ProgrammeParticipationFactory(
            acronym="GREENCITY", starts_on=datetime.date(2023, 4, 1), starts_on_precision=MONTH
        )

    def test_the_report_gives_each_date_at_its_precision(self, council_client, registry):
        pdf = council_client.get("/en/dashboard/report/2023.pdf").content
        text = " ".join(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages).split())

        relations = text.split("Relations in force (")[1].split("New and ended agreements")[0]
        assert "Newcity France (Europe) partner city 2023" in relations
        assert "Monthville Austria (Europe) partner city July 2004" in relations
        assert "Nuremberg Germany (Europe) twin city 9 December 1991" in relations
        changes = text.split("agreement began in the year")[1].split("Activities by tool and partner")[0]
        assert "Newcity France city partnership 2023" in changes
        assert "Endedcity city partnership August 2023 Dormant for decades" in changes
        assert "Eurocities 1993" in text
        assert "April 2023 31 March 2025" in text
        for invented in ("1 January 2023", "1 July 2004", "1 August 2023", "1 January 1993", "1 April 2023"):
            assert invented not in text
