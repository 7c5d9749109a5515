"""Nothing that is not public ever leaves the API: unsigned or non-public agreements, non-public documents,
internal notes, signatories' names, non-public activities, memberships and participations."""

import datetime

import pytest

from agreements.choices import AgreementKind, AgreementStatus, Sector
from tests.agreements.factories import AgreementFactory, WorkingDocumentFactory
from tests.memberships.factories import MembershipFactory
from tests.partners.factories import PartnerCityFactory
from tests.programmes.factories import ActivityFactory, ProgrammeParticipationFactory

pytestmark = pytest.mark.django_db

SECRETS = [
    "hidden-city",
    "Hiddenburg",
    "Ukryte",
    "agreement-in-negotiation",
    "agreement-approved",
    "agreement-not-public",
    "document-not-public",
    "Secret memorandum",
    "INTERNAL-NOTE-AGREEMENT",
    "INTERNAL-NOTE-DOCUMENT",
    "Anna Podpisująca",
    "Jan Sygnatariusz",
    "activity-not-public",
    "Secret mission",
    "membership-not-public",
    "Secret association",
    "Jerzy Przedstawiciel",
    "INTERNAL-NOTE-MEMBERSHIP",
    "project-not-public",
    "Secret project",
    "INTERNAL-NOTE-PROJECT",
    "education",
    "negotiation",
    "approved",
]


def unsigned_and_hidden_records(city, suffix):
    AgreementFactory(
        slug=f"agreement-in-negotiation-{suffix}",
        city=city,
        kind=AgreementKind.TWINNING,
        status=AgreementStatus.NEGOTIATION,
        resolution_number="",
        resolution_date=None,
        signed_on=None,
        signatories="Jan Sygnatariusz",
        notes="INTERNAL-NOTE-AGREEMENT",
    )
    AgreementFactory(
        slug=f"agreement-approved-{suffix}",
        city=city,
        kind=AgreementKind.PARTNERSHIP,
        status=AgreementStatus.APPROVED,
        signed_on=None,
        notes="INTERNAL-NOTE-AGREEMENT",
    )
    AgreementFactory(
        slug=f"agreement-not-public-{suffix}",
        city=city,
        kind=AgreementKind.SECTORAL,
        sector=Sector.EDUCATION,
        is_public=False,
        signatories="Jan Sygnatariusz",
    )
    WorkingDocumentFactory(
        slug=f"document-not-public-{suffix}",
        city=city,
        title="Secret memorandum",
        is_public=False,
        signatories="Jan Sygnatariusz",
        notes="INTERNAL-NOTE-DOCUMENT",
    )
    ActivityFactory(
        slug=f"activity-not-public-{suffix}",
        title_pl="Secret mission",
        title_en="Secret mission",
        is_public=False,
        cities=[city],
    )


@pytest.fixture(scope="class")
def registry(demo_registry, django_db_blocker):
    """The demo registry, a public city with hidden records beside its public one, and a hidden city.

    Written once for the class, in the demo registry's transaction.
    """
    with django_db_blocker.unblock():
        return public_city_beside_hidden_records()


def public_city_beside_hidden_records():
    public_city = PartnerCityFactory(slug="leaky", country="AT")
    AgreementFactory(
        city=public_city,
        kind=AgreementKind.SECTORAL,
        sector=Sector.CULTURE,
        signatories="Anna Podpisująca",
        notes="INTERNAL-NOTE-AGREEMENT",
        termination_reason="",
    )
    WorkingDocumentFactory(
        city=public_city,
        title="Public letter",
        signatories="Anna Podpisująca",
        notes="INTERNAL-NOTE-DOCUMENT",
        signed_on=datetime.date(2016, 1, 1),
    )
    unsigned_and_hidden_records(public_city, "beside")
    hidden_city = PartnerCityFactory(slug="hidden-city", name_en="Hiddenburg", name_pl="Ukryte", country="IS")
    unsigned_and_hidden_records(hidden_city, "alone")
    MembershipFactory(
        slug="membership-not-public",
        association__name="Secret association",
        is_public=False,
        representative="Jerzy Przedstawiciel",
        notes="INTERNAL-NOTE-MEMBERSHIP",
    )
    MembershipFactory(representative="Jerzy Przedstawiciel", notes="INTERNAL-NOTE-MEMBERSHIP")
    ProgrammeParticipationFactory(
        slug="project-not-public", project="Secret project", is_public=False, notes="INTERNAL-NOTE-PROJECT"
    )
    ProgrammeParticipationFactory(notes="INTERNAL-NOTE-PROJECT", cities=[public_city])
    return public_city


URLS = [
    "/api/partners/?status=all&page_size=500",
    "/api/partners/?status=ended",
    "/api/partners/?q=Hidden&status=all",
    "/api/partners/?country=AT",
    "/api/partners/leaky/",
    "/api/partners.csv?status=all",
    "/api/partners/?status=all&format=csv",
    "/api/associations/?page_size=500",
    "/api/eu-programmes/?page_size=500",
    "/api/eu-programmes/?status=running",
    "/api/eu-programmes/?status=past",
]


class TestTheRegistryWithHiddenRecords:
    @pytest.mark.parametrize("url", URLS)
    @pytest.mark.parametrize("accept", ["application/json", "text/html"])
    def test_no_response_shows_anything_not_public(self, client, registry, url, accept):
        response = client.get(url, HTTP_ACCEPT=accept if "csv" not in url else "*/*")

        assert response.status_code == 200
        text = response.content.decode()
        assert [secret for secret in SECRETS if secret in text] == []

    def test_the_public_city_lists_only_its_public_relations(self, client, registry):
        city = client.get("/api/partners/leaky/").json()

        assert [(relation["kind"], relation["status"]) for relation in city["relations"]] == [
            ("sectoral", "in_force"),
            ("cooperation", "current"),
        ]
        assert set(city["relations"][0]) == {
            "id",
            "kind",
            "document",
            "sector",
            "status",
            "since",
            "until",
            "follows",
            "follows_as",
            "term",
            "term_years",
            "term_next",
        }

    def test_a_city_with_only_unsigned_or_hidden_records_has_no_detail(self, client, registry):
        assert client.get("/api/partners/hidden-city/").status_code == 404
        assert client.get("/api/partners/hidden-city/?status=all").status_code == 404

    def test_a_city_with_only_unsigned_or_hidden_records_is_in_no_list(self, client, registry):
        for status in ("current", "ended", "all"):
            listed = client.get(f"/api/partners/?status={status}&page_size=500").json()["results"]
            assert "hidden-city" not in [city["id"] for city in listed]

    def test_a_country_with_only_a_hidden_city_gives_an_empty_list(self, client, registry):
        response = client.get("/api/partners/?country=IS&status=all")

        assert response.status_code == 200
        assert response.json()["results"] == []
