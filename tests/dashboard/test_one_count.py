"""One way to count: a relation is a city's standing with Krakow, its highest relation in force; the
agreements and documents behind it are counted as documents. The dashboard and the public list agree."""

import datetime

import pytest
from django.db.models import Count
from django.utils import timezone

from agreements.choices import AgreementKind, Sector
from dashboard.overview import RegistryOverview, Scope
from partners.choices import Relation
from tests.agreements.factories import AgreementFactory, WorkingDocumentFactory
from tests.partners.factories import PartnerCityFactory
from website.selectors import partner_city_list_public, relation_counts

pytestmark = pytest.mark.django_db


def figures(overview):
    return {str(figure.label): figure.value for figure in overview.figures}


def test_a_city_counts_once_under_its_highest_relation_its_documents_as_documents():
    vienna = PartnerCityFactory(name_en="Vienna")
    for year in range(2000, 2006):
        WorkingDocumentFactory(city=vienna, signed_on=datetime.date(year, 1, 1))
    lyon = PartnerCityFactory(name_en="Lyon")
    AgreementFactory(city=lyon)
    AgreementFactory(city=lyon, kind=AgreementKind.SECTORAL, sector=Sector.CULTURE)

    overview = RegistryOverview(Scope(as_of=datetime.date(2024, 1, 1)))

    assert dict(overview.relation_counts) == {
        Relation.TWIN_CITY: 0,
        Relation.HONORARY_TWIN_CITY: 0,
        Relation.PARTNER_CITY: 1,
        Relation.SECTORAL: 0,
        Relation.COOPERATION: 1,
    }
    shown = figures(overview)
    assert (shown["partner cities"], shown["agreements in force"], shown["working documents in force"]) == (
        2,
        2,
        6,
    )


def test_a_city_whose_records_are_all_internal_is_no_public_partner():
    AgreementFactory(is_public=False)
    AgreementFactory()

    shown = figures(RegistryOverview(Scope(as_of=datetime.date(2024, 1, 1))))

    assert (shown["partner cities"], shown["of them with a public relation"]) == (2, 1)


class TestTheDemoRegistry:
    def test_the_dashboard_counts_the_cities_the_public_list_shows(self, demo_registry):
        overview = RegistryOverview(Scope(as_of=timezone.localdate()))
        public = partner_city_list_public().filter(is_current=True)
        on_the_dashboard = dict(
            overview.publicly_standing_cities.order_by().values_list("relation").annotate(count=Count("pk"))
        )

        # 36 cities have a public relation; Jerusalem, Strasbourg and Veliko Tarnovo of unknown status.
        assert figures(overview)["of them with a public relation"] == public.count() == 33
        assert {relation.value: count for relation, count in relation_counts(public)} == {
            relation.value: on_the_dashboard.get(relation.value, 0) for relation in Relation
        }

    def test_vienna_is_one_partner_city_of_the_four_documents_going_on(self, demo_registry):
        """Three joint statements and the cooperation programme of 2021; those of 2013 and 2017 ran out."""
        overview = RegistryOverview(Scope(as_of=timezone.localdate()))

        assert overview.standing_cities.filter(slug="vienna").get().relation == Relation.COOPERATION
        assert overview.documents.filter(city__slug="vienna").count() == 4
