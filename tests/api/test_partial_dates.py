"""The open-data API gives a date as much of it as is known, in reduced ISO 8601: "1997", "1997-10" or
"1997-10-06" — in JSON, in CSV and in what its schema promises."""

import csv
import datetime
import io
import re

import pytest
import yaml
from django.utils import timezone

from tests.agreements.factories import AgreementFactory, WorkingDocumentFactory
from tests.memberships.factories import MembershipFactory
from tests.partners.factories import PartnerCityFactory

pytestmark = pytest.mark.django_db

YEAR, MONTH = "year", "month"


def city(slug):
    return PartnerCityFactory(slug=slug, name_en=slug.title(), country="FR")


@pytest.fixture
def relations():
    # Signed in 1997; a working document of 9 April 1992 stands for a relation of its own.
    yearton = city("yearton")
    AgreementFactory(city=yearton, signed_on=datetime.date(1997, 1, 1), signed_on_precision=YEAR)
    WorkingDocumentFactory(city=yearton, signed_on=datetime.date(1992, 4, 9))
    # Terminated in 2014; a document signed in March 2015 whose cooperation ended in 2018.
    endsbury = city("endsbury")
    AgreementFactory(
        city=endsbury,
        status="terminated",
        signed_on=datetime.date(1991, 6, 1),
        terminated_on=datetime.date(2014, 1, 1),
        terminated_on_precision=YEAR,
    )
    WorkingDocumentFactory(
        city=endsbury,
        signed_on=datetime.date(2015, 3, 1),
        signed_on_precision=MONTH,
        ended_on=datetime.date(2018, 1, 1),
        ended_on_precision=YEAR,
    )
    # Terminated in 2014, on a day not known: it may have ended after the document's 3 May 2014.
    nestham = city("nestham")
    AgreementFactory(
        city=nestham,
        status="terminated",
        signed_on=datetime.date(1993, 2, 1),
        signed_on_precision=MONTH,
        terminated_on=datetime.date(2014, 1, 1),
        terminated_on_precision=YEAR,
    )
    WorkingDocumentFactory(
        city=nestham, signed_on=datetime.date(2012, 5, 3), ended_on=datetime.date(2014, 5, 3)
    )
    dayend = city("dayend")
    AgreementFactory(
        city=dayend,
        status="terminated",
        signed_on=datetime.date(1991, 6, 1),
        terminated_on=datetime.date(2016, 11, 23),
    )


def relations_of(client, slug):
    return [
        (relation["document"], relation["since"], relation["until"])
        for relation in client.get(f"/api/partners/{slug}/").json()["relations"]
    ]


class TestPartners:
    def test_a_relations_since_and_until_are_at_their_precision(self, client, relations):
        assert relations_of(client, "yearton") == [
            ("letter_of_intent", "1992-04-09", None),
            ("partnership", "1997", None),
        ]
        assert relations_of(client, "endsbury") == [
            ("partnership", "1991-06-01", "2014"),
            ("letter_of_intent", "2015-03", "2018"),
        ]
        assert relations_of(client, "nestham") == [
            ("partnership", "1993-02", "2014"),
            ("letter_of_intent", "2012-05-03", "2014-05-03"),
        ]

    def test_a_citys_end_is_at_its_precision_and_its_start_a_year(self, client, relations):
        cities = {
            city["id"]: (city["since"], city["until"])
            for city in client.get("/api/partners/?status=all").json()["results"]
        }

        assert cities == {
            "yearton": (1997, None),
            "endsbury": (1991, "2018"),
            "nestham": (1993, "2014"),  # not 2014-05-03: the agreement may have ended later in 2014
            "dayend": (1991, "2016-11-23"),
        }

    def test_the_csv_gives_the_same_strings(self, client, relations):
        response = client.get("/api/partners.csv?status=all")
        rows = {row["id"]: row for row in csv.DictReader(io.StringIO(response.content.decode()))}

        assert {slug: (row["since"], row["until"]) for slug, row in rows.items()} == {
            "yearton": ("1997", ""),
            "endsbury": ("1991", "2018"),
            "nestham": ("1993", "2014"),
            "dayend": ("1991", "2016-11-23"),
        }
        assert client.get("/api/partners/?status=all&format=csv").content == response.content


def terms(client, query=""):
    results = client.get(f"/api/eu-programmes/{query}").json()["results"]
    return {item["id"]: (item["starts_on"], item["ends_on"]) for item in results}


class TestProgrammes:
    def test_terms_at_their_precision(self, client, participations_of_every_precision):
        this_year = timezone.localdate().year

        assert terms(client) == {
            "ends-this-year": (f"{this_year - 1}-02-01", str(this_year)),
            "day-to-day": ("2019-03-04", "2020-12-31"),
            "year-to-month": ("2016", "2018-06"),
        }

    def test_a_project_ending_in_this_year_known_only_is_running(
        self, client, participations_of_every_precision
    ):
        assert set(terms(client, "?status=running")) == {"ends-this-year"}
        assert set(terms(client, "?status=past")) == {"day-to-day", "year-to-month"}


def test_a_membership_known_to_a_month_gives_its_year(client):
    MembershipFactory(
        association__slug="month-network", joined_on=datetime.date(1993, 5, 1), joined_on_precision=MONTH
    )

    (membership,) = client.get("/api/associations/").json()["results"]
    assert membership["member_since"] == 1993


def test_the_schema_says_a_date_is_a_string_at_its_precision(client, relations):
    schemas = yaml.safe_load(client.get("/api/schema/").content)["components"]["schemas"]
    dates = [
        schemas["PartnerCity"]["properties"]["until"],
        schemas["Relation"]["properties"]["since"],
        schemas["Relation"]["properties"]["until"],
        schemas["ProgrammeParticipation"]["properties"]["starts_on"],
        schemas["ProgrammeParticipation"]["properties"]["ends_on"],
    ]

    for schema in dates:
        assert (schema["type"], schema["nullable"]) == ("string", True)
        assert "format" not in schema  # not "date": a client would expect a day
    pattern = re.compile(dates[0]["pattern"])
    given = [value for relation in relations_of(client, "endsbury") for value in relation[1:]]
    assert given and all(pattern.match(value) for value in given)
    assert not pattern.match("1997-10-6") and not pattern.match("97")
