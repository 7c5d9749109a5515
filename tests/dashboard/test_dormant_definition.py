"""A dormant partnership as the council means it: a twinning, partnership or sectoral agreement standing for
years with nothing done together in that time. Shared EU projects and associations, documents and agreements
signed count as something done; an honorary title is an honour and is never dormant."""

import datetime

import pytest

from agreements.choices import AgreementKind, Sector
from dashboard.overview import RegistryOverview, Scope
from tests.agreements.factories import AgreementFactory, WorkingDocumentFactory
from tests.dashboard.pages import unlinked
from tests.memberships.factories import AssociationFactory, MembershipFactory
from tests.partners.factories import PartnerCityFactory
from tests.programmes.factories import ProgrammeParticipationFactory

pytestmark = pytest.mark.django_db

DAY = datetime.date(2024, 6, 30)


@pytest.fixture(autouse=True)
def three_years(settings):
    settings.DORMANT_AFTER_YEARS = 3


def dormant():
    return [row[0] for row in RegistryOverview(Scope(as_of=DAY)).dormant_table.rows]


def partner(name, country="DE", **agreement):
    return AgreementFactory(city=PartnerCityFactory(name_en=name, country=country), **agreement).city


def test_a_quiet_partnership_twinning_and_sectoral_agreement_are_dormant_an_honorary_title_is_not():
    partner("Partner")
    partner("Twin", kind=AgreementKind.TWINNING)
    partner("Honoured", country="JP", kind=AgreementKind.HONORARY_TITLE, signed_on=datetime.date(2000, 5, 1))

    assert sorted(dormant()) == ["Partner", "Twin"]


def test_a_shared_eu_project_running_in_the_period_keeps_a_partnership_awake():
    shared = partner("Shared")
    ended = partner("Ended long ago")
    decided = {"decision_date": datetime.date(2014, 1, 1)}
    ProgrammeParticipationFactory(cities=[shared], starts_on=datetime.date(2020, 1, 1), **decided)
    ProgrammeParticipationFactory(
        cities=[ended], starts_on=datetime.date(2015, 1, 1), ends_on=datetime.date(2019, 12, 31), **decided
    )

    assert dormant() == ["Ended long ago"]


def test_an_association_krakow_and_the_city_are_both_members_of_keeps_it_awake():
    fellow = partner("Fellow member")
    former = partner("Former fellow")
    for city, left_on in ((fellow, None), (former, datetime.date(2020, 1, 1))):
        association = AssociationFactory()
        association.member_cities.add(city)
        MembershipFactory(association=association, left_on=left_on)

    assert dormant() == ["Former fellow"]


def test_a_working_document_or_an_agreement_signed_in_the_period_keeps_it_awake():
    documented = partner("Documented")
    WorkingDocumentFactory(city=documented, signed_on=datetime.date(2023, 5, 1))
    renewed = partner("Renewed")
    AgreementFactory(
        city=renewed, kind=AgreementKind.SECTORAL, sector=Sector.CULTURE, signed_on=datetime.date(2022, 9, 1)
    )
    partner("Quiet")

    assert dormant() == ["Quiet"]


def test_the_page_says_what_dormant_means(client, admin_user):
    client.force_login(admin_user)

    page = unlinked(client.get(f"/en/dashboard/?as_of={DAY}"))

    assert "for over 3 years with nothing done together in that time" in page
    assert "Honorary titles are honours, not programmes of cooperation" in page
