"""Agreements over time on the council's dashboard and in its annual report: round anniversaries counted from
when a city and Krakow first cooperated, terms that end or renew, and the year's renewals and expiries."""

import csv
import datetime
import io

import pytest
from django.core.management import call_command
from pypdf import PdfReader

from agreements.choices import AgreementKind, AgreementStatus, Sector, Succession, WorkingDocumentKind
from dashboard.overview import RegistryOverview, Scope
from dashboard.report import annual_report_context
from registry.partial_dates import DatePrecision, PartialDate
from registry.terms import Term
from tests.agreements.factories import AgreementFactory, WorkingDocumentFactory
from tests.dashboard.pages import unlinked
from tests.partners.factories import PartnerCityFactory

pytestmark = pytest.mark.django_db

DAY = datetime.date(2026, 12, 4)
OLD_BODY = {
    "resolution_number": "",
    "resolution_date": None,
    "deciding_body": "Presidium of the City National Council",
}


def overview(as_of=DAY, **scope):
    return RegistryOverview(Scope(as_of=as_of, **scope))


def day(year, month, number, precision=DatePrecision.DAY):
    return PartialDate(datetime.date(year, month, number), precision)


def csv_rows(client, key, as_of=DAY):
    response = client.get(f"/en/dashboard/{key}.csv?as_of={as_of}")
    assert response.status_code == 200
    return list(csv.reader(io.StringIO(response.content.decode())))[1:]


@pytest.fixture
def kyiv():
    """Kyiv as the demo registry records it: cooperation from 12 December 1976, twinned on 19 February 1993."""
    city = PartnerCityFactory(name_en="Kyiv", name_pl="Kijów", country="UA")
    WorkingDocumentFactory(
        city=city, kind=WorkingDocumentKind.DECLARATION, signed_on=datetime.date(1976, 12, 12)
    )
    AgreementFactory(city=city, kind=AgreementKind.TWINNING, signed_on=datetime.date(1993, 2, 19))
    return city


class TestRoundAnniversaries:
    def test_kyivs_50th_counts_from_its_first_document_not_its_twinning(self, kyiv):
        rows = overview().anniversaries_table.rows

        assert rows == [[day(2026, 12, 12), 50, "Kyiv", "twin city", day(1976, 12, 12)]]

    def test_the_page_and_the_csv_show_it(self, council_client, kyiv):
        page = unlinked(council_client.get(f"/en/dashboard/?as_of={DAY}"))

        assert '<th scope="row">12 December 2026</th><td>50</td><td>Kyiv</td><td>twin city</td>' in page
        assert csv_rows(council_client, "round-anniversaries") == [
            ["2026-12-12", "50", "Kyiv", "twin city", "1976-12-12"]
        ]

    def test_a_city_is_listed_once_from_its_earliest_record_whatever_its_later_ones(self):
        city = PartnerCityFactory(name_en="Twice")
        # Its 25th as partners falls in the year ahead; the 10th of the agreement in force now does not count.
        AgreementFactory(
            city=city,
            status=AgreementStatus.TERMINATED,
            signed_on=datetime.date(2002, 1, 10),
            terminated_on=datetime.date(2010, 1, 1),
        )
        AgreementFactory(city=city, signed_on=datetime.date(2017, 1, 10))
        AgreementFactory(
            city=city, kind=AgreementKind.SECTORAL, sector=Sector.CULTURE, signed_on=datetime.date(2017, 2, 1)
        )

        rows = overview().anniversaries_table.rows

        assert rows == [[day(2027, 1, 10), 25, "Twice", "partner city", day(2002, 1, 10)]]

    def test_a_city_with_no_relation_standing_has_no_anniversary(self):
        AgreementFactory(
            status=AgreementStatus.TERMINATED,
            signed_on=datetime.date(1976, 12, 12),
            terminated_on=datetime.date(2000, 1, 1),
            **OLD_BODY,
        )

        assert overview().anniversaries_table.rows == []

    def test_a_start_known_to_the_year_is_listed_all_that_year(self):
        city = PartnerCityFactory(name_en="Yearton")
        WorkingDocumentFactory(
            city=city, signed_on=datetime.date(1977, 1, 1), signed_on_precision=DatePrecision.YEAR
        )

        def listed(as_of):
            return [row[:3] for row in overview(as_of=as_of).anniversaries_table.rows]

        fiftieth = [[day(2027, 1, 1, DatePrecision.YEAR), 50, "Yearton"]]
        assert listed(datetime.date(2026, 1, 1)) == fiftieth
        assert listed(datetime.date(2027, 12, 30)) == fiftieth
        assert listed(datetime.date(2025, 12, 31)) == []
        assert listed(datetime.date(2027, 12, 31)) == []


def renewing_since_1973(**fields):
    """As the demo's Rochester agreement: signed in 1973, for five years at a time, notice six months before
    each renewal."""
    return AgreementFactory(
        **{
            "signed_on": datetime.date(1973, 7, 18),
            "term": Term.RENEWING,
            "term_years": 5,
            "notice_months": 6,
            **OLD_BODY,
            **fields,
        }
    )


def terms(as_of=DAY):
    return {row[0]: row[1:] for row in overview(as_of=as_of).terms_table.rows}


class TestTermsToActOn:
    def test_a_fixed_term_past_its_end_while_in_force_is_listed(self):
        AgreementFactory(
            city__name_en="Lapsed",
            signed_on=datetime.date(2009, 7, 2),
            resolution_date=datetime.date(2009, 5, 1),
            term=Term.FIXED,
            term_years=5,
        )

        assert terms() == {"Lapsed": ["city partnership", "ended, still in force", day(2014, 7, 2), None]}

    def test_a_renewal_is_listed_within_six_months_before_it_not_earlier(self):
        renewing_since_1973(city__name_en="Leipzig")

        assert terms(datetime.date(2028, 3, 1)) == {
            "Leipzig": ["city partnership", "renews", day(2028, 7, 18), day(2028, 1, 18)]
        }
        assert terms(datetime.date(2028, 1, 18)) == terms(datetime.date(2028, 3, 1))
        assert terms(datetime.date(2028, 1, 17)) == {}
        assert terms(DAY) == {}

    def test_a_document_ending_next_month_is_listed_and_one_beyond_six_months_not(self):
        WorkingDocumentFactory(
            city__name_en="Soon",
            kind=WorkingDocumentKind.OTHER,
            kind_name="cooperation plan",
            term=Term.FIXED,
            expires_on=datetime.date(2027, 1, 15),
        )
        WorkingDocumentFactory(city__name_en="Later", term=Term.FIXED, expires_on=datetime.date(2027, 6, 5))
        WorkingDocumentFactory(
            city__name_en="Edge", term=Term.FIXED, expires_on=datetime.date(2027, 6, 4), notice_months=1
        )

        assert terms() == {
            "Soon": ["cooperation plan", "ends", day(2027, 1, 15), None],
            "Edge": ["letter of intent", "ends", day(2027, 6, 4), day(2027, 5, 4)],
        }

    def test_a_document_past_its_end_and_still_going_on_is_listed(self):
        WorkingDocumentFactory(city__name_en="Goes on", term=Term.FIXED, term_years=3)

        assert terms() == {"Goes on": ["letter of intent", "ended, still going on", day(2018, 3, 1), None]}

    def test_a_terminated_agreement_is_never_listed(self):
        renewing_since_1973(
            city__name_en="Ended",
            status=AgreementStatus.TERMINATED,
            terminated_on=datetime.date(2024, 1, 1),
        )
        AgreementFactory(
            city__name_en="Ended too",
            status=AgreementStatus.TERMINATED,
            signed_on=datetime.date(2009, 7, 2),
            resolution_date=datetime.date(2009, 5, 1),
            terminated_on=datetime.date(2015, 1, 1),
            term=Term.FIXED,
            term_years=5,
        )

        # Not even on a day it still stood, a renewal ahead of it.
        assert terms(datetime.date(2023, 3, 1)) == {}
        assert terms() == {}

    def test_an_ended_document_and_one_whose_status_is_not_known_are_not_listed(self):
        WorkingDocumentFactory(term=Term.FIXED, term_years=3, ended_on=datetime.date(2018, 3, 1))
        WorkingDocumentFactory(term=Term.FIXED, term_years=3, status_not_known=True)

        assert terms() == {}

    def test_the_list_is_in_the_order_of_the_day_and_downloads_as_csv(self, council_client):
        renewing_since_1973(city__name_en="Leipzig")
        WorkingDocumentFactory(city__name_en="Soon", term=Term.FIXED, expires_on=datetime.date(2027, 1, 15))
        WorkingDocumentFactory(city__name_en="Lapsed", term=Term.FIXED, term_years=3)
        as_of = datetime.date(2026, 12, 1)
        # A renewal in 2028 is out of reach; a day known to the year is listed while its year is near.
        AgreementFactory(
            city__name_en="Yearton",
            kind=AgreementKind.SECTORAL,
            sector=Sector.SPORT,
            signed_on=datetime.date(2017, 1, 1),
            signed_on_precision=DatePrecision.YEAR,
            resolution_date=datetime.date(2016, 5, 1),
            term=Term.FIXED,
            term_years=10,
        )

        assert [row[0] for row in overview(as_of).terms_table.rows] == ["Lapsed", "Yearton", "Soon"]
        assert csv_rows(council_client, "terms-to-act-on", as_of) == [
            ["Lapsed", "letter of intent", "ended, still going on", "2018-03-01", ""],
            ["Yearton", "sectoral (sport)", "ends", "2027", ""],
            ["Soon", "letter of intent", "ends", "2027-01-15", ""],
        ]

    def test_the_list_keeps_to_the_place_asked_for(self, council_client):
        WorkingDocumentFactory(city__name_en="Here", city__country="FR", term=Term.FIXED, term_years=3)
        WorkingDocumentFactory(city__name_en="There", city__country="JP", term=Term.FIXED, term_years=3)

        response = council_client.get(f"/en/dashboard/terms-to-act-on.csv?as_of={DAY}&country=FR")

        assert [row[0] for row in csv.reader(io.StringIO(response.content.decode()))][1:] == ["Here"]

    def test_the_page_shows_the_list_among_those_to_act_on(self, council_client):
        WorkingDocumentFactory(city__name_en="Goes on", term=Term.FIXED, term_years=3)

        page = unlinked(council_client.get(f"/en/dashboard/?as_of={DAY}"))

        assert "Agreements and working documents ending or renewing within 6 months" in page
        assert (
            '<th scope="row">Goes on</th><td>letter of intent</td><td>ended, still going on</td>'
            "<td>1 March 2018</td><td>—</td>"
        ) in page


@pytest.fixture
def year_of_terms():
    """In 2023: Graz renews its agreement of 2018 at the end of its five years; Leipzig's renews itself; a
    document's fixed term ends; one of 2022, and the renewals of agreements terminated before them, are not the
    year's."""
    graz = PartnerCityFactory(name_en="Graz", country="AT")
    earlier = AgreementFactory(
        city=graz,
        slug="graz-2018",
        status=AgreementStatus.TERMINATED,
        signed_on=datetime.date(2018, 6, 1),
        resolution_date=datetime.date(2018, 3, 1),
        terminated_on=datetime.date(2023, 6, 1),
        term=Term.FIXED,
        term_years=5,
    )
    AgreementFactory(
        city=graz,
        follows=earlier,
        follows_as=Succession.RENEWAL,
        signed_on=datetime.date(2023, 6, 1),
        resolution_date=datetime.date(2023, 4, 20),
    )
    renewing_since_1973(city__name_en="Leipzig", city__country="DE")
    WorkingDocumentFactory(
        city__name_en="Plan city", city__country="ES", term=Term.FIXED, expires_on=datetime.date(2023, 9, 30)
    )
    WorkingDocumentFactory(
        city__name_en="Last year", city__country="PT", term=Term.FIXED, expires_on=datetime.date(2022, 9, 30)
    )
    # Terminated in the year, before its renewal came.
    renewing_since_1973(
        city__name_en="Stopped",
        city__country="CZ",
        status=AgreementStatus.TERMINATED,
        terminated_on=datetime.date(2023, 3, 1),
    )
    renewing_since_1973(
        city__name_en="Gone",
        city__country="IT",
        status=AgreementStatus.TERMINATED,
        terminated_on=datetime.date(2020, 1, 1),
        signed_on=datetime.date(1973, 9, 1),
    )


class TestAnnualReport:
    def test_the_year_has_its_renewal_agreements_renewals_and_expiries(self, year_of_terms):
        context = annual_report_context(2023)

        assert context["successions"].rows == [
            [
                "Graz",
                "city partnership",
                day(2023, 6, 1),
                "renews it",
                "city partnership of 1 June 2018 (graz-2018)",
            ]
        ]
        assert context["renewals"].rows == [
            ["Leipzig", "city partnership", day(2023, 7, 18), day(2023, 1, 18)]
        ]
        assert context["expiries"].rows == [
            ["Graz", "city partnership", day(2023, 6, 1), "terminated"],
            ["Plan city", "letter of intent", day(2023, 9, 30), "going on"],
        ]

    def test_the_pdf_has_the_section(self, council_client, year_of_terms):
        pdf = council_client.get("/en/dashboard/report/2023.pdf").content
        reader = PdfReader(io.BytesIO(pdf))
        text = " ".join(" ".join(page.extract_text() for page in reader.pages).split())

        section = text.split("Renewals and expiries")[-1].split("Activities by tool and partner")[0]
        assert "1 agreement signed in the year follows an earlier one" in section
        assert (
            "Graz city partnership 1 June 2023 renews it city partnership of 1 June 2018 (graz-2018)"
            in section
        )
        assert "1 term renewed automatically in the year" in section
        assert "Leipzig city partnership 18 July 2023 18 January 2023" in section
        assert "2 fixed terms ended in the year" in section
        assert "Plan city letter of intent 30 September 2023 going on" in section
        for other in ("Last year", "Stopped", "Gone"):
            assert other not in section
        contents = reader.pages[0].extract_text()
        assert "Renewals and expiries" in contents

    def test_a_year_without_them_has_none(self, council_client):
        AgreementFactory()

        pdf = council_client.get("/en/dashboard/report/2023.pdf").content
        text = " ".join(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages).split())

        assert "0 agreements signed in the year follow an earlier one" in text
        assert "0 terms renewed automatically in the year" in text
        assert "0 fixed terms ended in the year" in text


def test_kyivs_50th_in_the_demo_registry_falls_on_12_december_2026(settings):
    call_command(
        "import_registry", str(settings.DEMO_REGISTRY_FILE), stdout=io.StringIO(), stderr=io.StringIO()
    )

    rows = {row[2]: row for row in overview().anniversaries_table.rows}

    assert rows["Kyiv"] == [day(2026, 12, 12), 50, "Kyiv", "twin city", day(1976, 12, 12)]
