"""The dashboard's figures and action lists, from the records' own dates, as of any day."""

import datetime
from decimal import Decimal

import pytest

from agreements.choices import AgreementKind, AgreementStatus, Sector
from dashboard.overview import RegistryOverview, Scope
from partners.choices import Relation
from partners.models import PartnerCity
from registry.money import Money
from registry.partial_dates import PartialDate
from tests.agreements.factories import AgreementFactory, WorkingDocumentFactory
from tests.memberships.factories import MembershipFactory
from tests.partners.factories import PartnerCityFactory
from tests.programmes.factories import ActivityFactory, ProgrammeParticipationFactory

pytestmark = pytest.mark.django_db

DAY = datetime.date(2024, 6, 30)


def overview(as_of=DAY, **scope):
    return RegistryOverview(Scope(as_of=as_of, **scope))


def figure(result, label):
    return next(figure.value for figure in result.figures if figure.label == label)


def relation_count(result, relation):
    return dict(result.relation_counts)[relation]


def terminated(**fields):
    return AgreementFactory(status=AgreementStatus.TERMINATED, **fields)


class TestRelationsInForce:
    def test_an_agreement_stands_from_its_signing_until_its_termination(self):
        AgreementFactory(signed_on=datetime.date(1991, 6, 1))
        terminated(signed_on=datetime.date(1995, 1, 1), terminated_on=datetime.date(2010, 1, 1))

        assert relation_count(overview(), Relation.PARTNER_CITY) == 1
        assert relation_count(overview(as_of=datetime.date(2000, 1, 1)), Relation.PARTNER_CITY) == 2
        assert relation_count(overview(as_of=datetime.date(1991, 5, 31)), Relation.PARTNER_CITY) == 0
        assert relation_count(overview(as_of=datetime.date(2010, 1, 1)), Relation.PARTNER_CITY) == 1

    def test_an_honorary_title_stands_from_the_councils_resolution(self):
        city = PartnerCityFactory(country="JP")
        AgreementFactory(
            city=city,
            kind=AgreementKind.HONORARY_TITLE,
            signed_on=None,
            resolution_number="XXXII/300/00",
            resolution_date=datetime.date(2000, 3, 1),
        )

        assert relation_count(overview(), Relation.HONORARY_TWIN_CITY) == 1
        assert relation_count(overview(as_of=datetime.date(2000, 2, 28)), Relation.HONORARY_TWIN_CITY) == 0

    def test_agreements_not_yet_signed_do_not_stand(self):
        AgreementFactory(
            status=AgreementStatus.NEGOTIATION, signed_on=None, resolution_date=None, resolution_number=""
        )
        AgreementFactory(status=AgreementStatus.APPROVED, signed_on=None)

        assert relation_count(overview(), Relation.PARTNER_CITY) == 0

    def test_non_public_records_count_on_the_councils_dashboard(self):
        AgreementFactory(is_public=False)
        WorkingDocumentFactory(is_public=False)

        result = overview()

        assert relation_count(result, Relation.PARTNER_CITY) == 1
        assert relation_count(result, Relation.COOPERATION) == 1
        assert [row[-1] for row in result.relations_table.rows] == [False, False]

    def test_a_working_document_stands_until_its_cooperation_ends_or_an_agreement_formalizes_it(self):
        ended = WorkingDocumentFactory(ended_on=datetime.date(2022, 3, 1))
        city = PartnerCityFactory()
        agreement = AgreementFactory(city=city, signed_on=datetime.date(2020, 1, 1))
        WorkingDocumentFactory(city=city, signed_on=datetime.date(2015, 1, 1), formalized_by=agreement)

        assert relation_count(overview(), Relation.COOPERATION) == 0
        assert relation_count(overview(as_of=datetime.date(2019, 1, 1)), Relation.COOPERATION) == 2
        assert (
            relation_count(overview(as_of=ended.ended_on - datetime.timedelta(days=1)), Relation.COOPERATION)
            == 1
        )

    def test_partner_countries_and_continents_are_counted_once(self):
        for country in ("DE", "DE", "FR", "JP"):
            AgreementFactory(city=PartnerCityFactory(country=country))
        WorkingDocumentFactory(city=PartnerCity.objects.filter(country="JP").get())

        result = overview()

        assert figure(result, "partner cities") == 4
        assert figure(result, "partner countries") == 3
        assert figure(result, "continents") == 2
        assert (figure(result, "agreements in force"), figure(result, "working documents in force")) == (4, 1)

    def test_the_relations_table_lists_every_relation_in_force_by_country(self):
        AgreementFactory(city=PartnerCityFactory(name_en="Lyon", country="FR"))
        WorkingDocumentFactory(city=PartnerCityFactory(name_en="Bonn", country="DE"))

        rows = overview().relations_table.rows

        # The relation, the document that makes it and its status, each in a column of its own.
        assert [(row[0], row[3], row[4], row[6]) for row in rows] == [
            ("Lyon", "partner city", "city partnership", "in force"),
            ("Bonn", "cooperation without agreement", "letter of intent", "in effect"),
        ]


class TestScopeFilters:
    @pytest.fixture
    def registry(self):
        AgreementFactory(city=PartnerCityFactory(country="DE"), kind=AgreementKind.TWINNING)
        AgreementFactory(city=PartnerCityFactory(country="FR"))
        AgreementFactory(city=PartnerCityFactory(country="JP"), kind=AgreementKind.HONORARY_TITLE)
        WorkingDocumentFactory(city=PartnerCityFactory(country="CN"))

    def test_by_continent(self, registry):
        result = overview(cities=PartnerCity.objects.filter(continent="asia").values("pk"))

        assert figure(result, "partner cities") == 2
        assert {row[1] for row in result.relations_table.rows} == {"Japan", "China"}

    def test_by_country(self, registry):
        result = overview(cities=PartnerCity.objects.filter(country="FR").values("pk"))

        assert [row[1] for row in result.relations_table.rows] == ["France"]

    def test_by_relation(self, registry):
        assert figure(overview(relation=Relation.TWIN_CITY), "partner cities") == 1
        assert figure(overview(relation=Relation.COOPERATION), "partner cities") == 1
        assert [row[3] for row in overview(relation=Relation.COOPERATION).relations_table.rows] == [
            "cooperation without agreement"
        ]

    def test_by_period_for_the_agreements_signed(self):
        AgreementFactory(signed_on=datetime.date(1991, 6, 1))
        AgreementFactory(
            signed_on=datetime.date(2005, 6, 1),
            resolution_number="LXV/600/05",
            resolution_date=datetime.date(2005, 1, 1),
        )

        chart = overview(year_from=2000, year_to=2010).decades_chart

        assert chart.categories == ["2000–2009"]


class TestMembershipsProjectsActivities:
    def test_memberships_active_on_the_day_and_their_fees(self):
        MembershipFactory(annual_fee=Decimal("1200.50"))
        MembershipFactory(annual_fee=Decimal("800"), left_on=datetime.date(2020, 1, 1))
        MembershipFactory(annual_fee=None)

        assert figure(overview(), "active memberships") == 2
        assert figure(overview(), "annual membership fees") == (Money(Decimal("1200.50"), "EUR"),)
        assert figure(overview(as_of=datetime.date(2019, 1, 1)), "annual membership fees") == (
            Money(Decimal("2000.50"), "EUR"),
        )

    def test_running_eu_projects_and_krakows_share(self):
        ProgrammeParticipationFactory(budget=Decimal("1000000"), krakow_share=Decimal("150000"))
        ProgrammeParticipationFactory(
            decision_number="2500/2017",
            decision_date=datetime.date(2017, 11, 2),
            starts_on=datetime.date(2018, 1, 1),
            ends_on=datetime.date(2020, 12, 31),
            krakow_share=5,
        )

        result = overview()

        assert figure(result, "running EU projects") == 1
        share = next(item for item in result.figures if item.label == "Krakow's share of their budgets")
        assert (share.value, share.detail) == (
            (Money(Decimal("150000"), "EUR"),),
            (Money(Decimal("1000000"), "EUR"),),
        )

    def test_activities_this_year_up_to_the_day(self):
        ActivityFactory(starts_on=datetime.date(2024, 3, 1))
        ActivityFactory(starts_on=datetime.date(2024, 9, 1))
        ActivityFactory(starts_on=datetime.date(2023, 3, 1))

        assert figure(overview(), "activities this year") == 1

    def test_an_activity_with_two_cities_of_the_chosen_country_counts_once(self):
        cities = [PartnerCityFactory(country="FR"), PartnerCityFactory(country="FR")]
        ActivityFactory(starts_on=datetime.date(2024, 3, 1), cities=cities)

        result = overview(cities=PartnerCity.objects.filter(country="FR").values("pk"))

        assert figure(result, "activities this year") == 1
        assert result.activities_chart.table.rows[0] == ["1. “Days of …” presentations", 1]


class TestActionLists:
    def test_dormant_partnerships_have_had_no_activity_for_the_set_number_of_years(self, settings):
        settings.DORMANT_AFTER_YEARS = 3
        quiet = AgreementFactory(city=PartnerCityFactory(name_en="Quiet"))
        lively = AgreementFactory(city=PartnerCityFactory(name_en="Lively"))
        lapsed = AgreementFactory(city=PartnerCityFactory(name_en="Lapsed"))
        AgreementFactory(city=PartnerCityFactory(name_en="New"), signed_on=datetime.date(2023, 1, 1))
        ActivityFactory(starts_on=datetime.date(2022, 1, 1), cities=[lively.city])
        ActivityFactory(starts_on=datetime.date(2020, 1, 1), cities=[lapsed.city])
        ActivityFactory(
            starts_on=datetime.date(2019, 1, 1), cities=[lapsed.city, lively.city]
        )  # the last counts

        rows = overview().dormant_table.rows

        assert [(row[0], row[3]) for row in rows] == [
            (quiet.city.name_en, None),
            (lapsed.city.name_en, PartialDate(datetime.date(2020, 1, 1))),
        ]

    def test_the_dormancy_period_is_a_setting(self, settings):
        settings.DORMANT_AFTER_YEARS = 5
        city = AgreementFactory().city
        ActivityFactory(starts_on=datetime.date(2020, 1, 1), cities=[city])

        assert overview().dormant_table.rows == []
        assert "5 years" in str(overview().dormant_table.description)

    def test_round_anniversaries_in_the_next_twelve_months(self):
        AgreementFactory(city=PartnerCityFactory(name_en="Thirty"), signed_on=datetime.date(1994, 9, 1))
        AgreementFactory(city=PartnerCityFactory(name_en="TwentyFive"), signed_on=datetime.date(2000, 6, 30))
        AgreementFactory(city=PartnerCityFactory(name_en="Passed"), signed_on=datetime.date(1994, 6, 30))
        AgreementFactory(city=PartnerCityFactory(name_en="NotRound"), signed_on=datetime.date(1991, 9, 1))

        rows = overview().anniversaries_table.rows

        assert [(row[2], row[1], row[0]) for row in rows] == [
            ("Thirty", 30, PartialDate(datetime.date(2024, 9, 1))),
            ("TwentyFive", 25, PartialDate(datetime.date(2025, 6, 30))),
        ]

    def test_agreements_awaiting_a_council_resolution(self):
        awaiting = AgreementFactory(
            city__name_en="Aachen",
            status=AgreementStatus.NEGOTIATION,
            signed_on=None,
            resolution_date=None,
            resolution_number="",
        )
        # A sectoral agreement is the City Council's to conclude as well: it awaits its resolution too.
        sectoral = AgreementFactory(
            city__name_en="Bordeaux",
            status=AgreementStatus.NEGOTIATION,
            kind=AgreementKind.SECTORAL,
            sector=Sector.CULTURE,
            signed_on=None,
            resolution_date=None,
            resolution_number="",
        )
        AgreementFactory(status=AgreementStatus.APPROVED, signed_on=None)  # resolved: no longer awaiting

        assert overview().awaiting_resolution_table.rows == [
            [
                agreement.city.name_en,
                agreement.city.country.name,
                agreement.get_kind_display(),
                agreement.slug,
            ]
            for agreement in (awaiting, sectoral)
        ]

    def test_memberships_lacking_the_ministers_approval(self):
        MembershipFactory(
            association__name="Eurocities", mfa_approval_reference="", mfa_approval_date=None, joined_on=None
        )
        MembershipFactory()

        assert [row[0] for row in overview().awaiting_approval_table.rows] == ["Eurocities"]

    def test_eu_projects_ending_within_six_months(self):
        ProgrammeParticipationFactory(acronym="SOON", ends_on=datetime.date(2024, 12, 30))
        ProgrammeParticipationFactory(acronym="LATER", ends_on=datetime.date(2024, 12, 31))
        ProgrammeParticipationFactory(acronym="OVER", ends_on=datetime.date(2024, 6, 29))

        assert [row[0] for row in overview().ending_projects_table.rows] == ["SOON"]
