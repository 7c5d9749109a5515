"""The dashboard, its tables and the annual report run as many SQL queries for a large registry as a small one."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from agreements.choices import AgreementKind, AgreementStatus, Succession
from dashboard.report import annual_report_context
from registry.choices import PolicyTool
from registry.terms import Term
from tests.agreements.factories import AgreementFactory, WorkingDocumentFactory
from tests.memberships.factories import MembershipFactory
from tests.partners.factories import PartnerCityFactory
from tests.programmes.factories import ActivityFactory, ProgrammeParticipationFactory
from tests.visits.factories import VisitFactory

pytestmark = pytest.mark.django_db

URLS = [
    "/en/dashboard/",
    "/en/dashboard/?as_of=2010-01-01&year_from=1990&year_to=2005&continent=europe&relation=partner_city",
    "/en/dashboard/map.json?continent=europe",
    "/en/dashboard/relations-in-force.csv",
    "/en/dashboard/dormant-partnerships.csv?country=FR",
    "/en/dashboard/activities-per-tool.csv",
    "/en/dashboard/round-anniversaries.csv?as_of=2026-12-04",
    "/en/dashboard/terms-to-act-on.csv?as_of=2026-12-04",
]
COUNTRIES = ["FR", "DE", "JP", "BR", "US"]


def populate(count, offset):
    for number in range(offset, offset + count):
        city = PartnerCityFactory(country=COUNTRIES[number % len(COUNTRIES)])
        # Every other term fixed (long past its end) or renewing, so that the terms' lists have rows.
        term = {"term": Term.FIXED} if number % 2 else {"term": Term.RENEWING, "notice_months": 6}
        AgreementFactory(city=city, signed_on=datetime.date(1991 + number, 5, 1), term_years=5, **term)
        sectoral = AgreementFactory(
            city=city,
            kind=AgreementKind.SECTORAL,
            sector="culture",
            resolution_number="",
            resolution_date=None,
            deciding_body="Presidium of the City National Council, resolution of 1989",
            status=AgreementStatus.TERMINATED,
            # Every other city's 50th anniversary as partners falls in December 2026.
            signed_on=datetime.date(1976 + number % 2, 12, 20),
            terminated_on=datetime.date(2000 + number % 20, 1, 1),
        )
        AgreementFactory(
            city=city,
            kind=AgreementKind.SECTORAL,
            sector="culture",
            follows=sectoral,
            follows_as=Succession.RENEWAL,
            signed_on=datetime.date(2024, 3, 1),
        )
        WorkingDocumentFactory(city=city, term=Term.FIXED, expires_on=datetime.date(2024, 6, 1))
        MembershipFactory(annual_fee=100)
        ProgrammeParticipationFactory(cities=[city], ends_on=datetime.date(2030, 1, 1), budget=10)
        ActivityFactory(cities=[city], tool=PolicyTool(number % 15 + 1), starts_on=datetime.date(2020, 1, 2))
        VisitFactory(cities=[city], starts_on=datetime.date(2019 + number % 3, 4, 1), ends_on=None)


def queries_of(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def report_queries(year):
    with CaptureQueriesContext(connection) as queries:
        context = annual_report_context(year)
        from django.template.loader import render_to_string

        render_to_string("dashboard/annual_report.html", context)
    return len(queries)


def test_the_query_count_does_not_grow_with_the_registry(council_client):
    populate(3, offset=0)
    small = {url: queries_of(council_client, url) for url in URLS}
    for url in URLS[-2:]:
        assert len(council_client.get(url).text.splitlines()) > 2, url
    small_report = report_queries(2024)

    populate(30, offset=3)
    large = {url: queries_of(council_client, url) for url in URLS}

    assert large == small
    assert report_queries(2024) == small_report
    # The page's own figures, charts, lists and map, the session and the user: a fixed, modest number,
    # and, for a council member, which cities have a public page to link to.
    assert small["/en/dashboard/"] <= 32
