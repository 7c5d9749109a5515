"""GET /api/associations/ (current public memberships) and /api/eu-programmes/ (public participations)."""

import datetime

import pytest

from programmes.choices import Programme
from tests.agreements.factories import AgreementFactory
from tests.memberships.factories import MembershipFactory
from tests.partners.factories import PartnerCityFactory
from tests.programmes.factories import ProgrammeParticipationFactory

pytestmark = pytest.mark.django_db


def results(client, url):
    response = client.get(url, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    return response.json()["results"]


class TestAssociations:
    def test_a_current_membership_is_told_by_its_association(self, client):
        MembershipFactory(
            association__slug="eurocities",
            association__name="EUROCITIES",
            association__acronym="EC",
            association__website="https://eurocities.eu/",
            joined_on=datetime.date(1992, 5, 1),
            representative="Jan Kowalski",
            annual_fee=1000,
        )

        assert results(client, "/api/associations/") == [
            {
                "id": "eurocities",
                "name": "EUROCITIES",
                "acronym": "EC",
                "kind": "local_and_regional",
                "website": "https://eurocities.eu/",
                "member_since": 1992,
            }
        ]

    def test_left_unjoined_and_non_public_memberships_are_not_listed(self, client):
        MembershipFactory(association__slug="left", left_on=datetime.date(2010, 1, 1))
        MembershipFactory(association__slug="not-yet", joined_on=None)
        MembershipFactory(association__slug="hidden", is_public=False)

        assert results(client, "/api/associations/") == []


def test_the_demo_registrys_memberships_are_listed(client, demo_registry):
    assert "eurocities" in [association["id"] for association in results(client, "/api/associations/")]


class TestProgrammes:
    @pytest.fixture
    def participations(self):
        today = datetime.date.today()
        ProgrammeParticipationFactory(
            slug="running",
            programme=Programme.URBACT,
            acronym="RUN",
            starts_on=today - datetime.timedelta(days=30),
            ends_on=today + datetime.timedelta(days=30),
            cities=[
                AgreementFactory(city__slug="leipzig", city__name_en="Leipzig").city,
                AgreementFactory(city__slug="bordeaux", city__name_en="Bordeaux").city,
                PartnerCityFactory(slug="no-public-relation"),
            ],
        )
        ProgrammeParticipationFactory(
            slug="past",
            decision_number="3100/2014",
            decision_date=datetime.date(2014, 11, 20),
            starts_on=datetime.date(2015, 1, 1),
            ends_on=datetime.date(2017, 1, 1),
        )
        ProgrammeParticipationFactory(slug="hidden", is_public=False)
        ProgrammeParticipationFactory(
            slug="not-started", decision_number="", decision_date=None, starts_on=None, ends_on=None
        )

    def test_a_participation_carries_its_programme_project_and_cities(self, client, participations):
        (running,) = [item for item in results(client, "/api/eu-programmes/") if item["id"] == "running"]

        assert running["programme"] == "urbact"
        assert running["programme_label"] == "URBACT"
        assert running["acronym"] == "RUN"
        assert running["role"] == "partner"
        assert running["cities"] == ["bordeaux", "leipzig"]  # a city without a public page is not named
        assert set(running) == {
            "id",
            "programme",
            "programme_label",
            "project",
            "acronym",
            "role",
            "starts_on",
            "ends_on",
            "cities",
        }

    @pytest.mark.parametrize(
        ("query", "expected"),
        [
            ("", ["running", "past"]),
            ("?status=all", ["running", "past"]),
            ("?status=running", ["running"]),
            ("?status=past", ["past"]),
        ],
    )
    def test_status_chooses_running_past_or_all(self, client, participations, query, expected):
        assert [item["id"] for item in results(client, f"/api/eu-programmes/{query}")] == expected

    def test_an_unknown_status_is_a_bad_request(self, client):
        response = client.get("/api/eu-programmes/?status=future")

        assert response.status_code == 400
        assert "status" in response.json()
