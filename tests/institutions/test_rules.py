"""Diplomatic posts and Polish community organisations: where they may be, by the model and the database."""

import pytest

from tests.institutions.factories import DiplomaticPostFactory, PolishOrganisationFactory
from tests.partners.factories import PartnerCityFactory
from tests.rules import assert_refused, errors_of

pytestmark = pytest.mark.django_db


def test_a_foreign_post_in_krakow_and_a_polish_post_abroad_are_valid():
    DiplomaticPostFactory.build(represents="DE", country="PL").full_clean()
    DiplomaticPostFactory.build(represents="PL", country="DE", locality="Berlin").full_clean()


def test_a_post_does_not_represent_the_state_it_is_in():
    assert_refused(DiplomaticPostFactory.build(represents="DE", country="DE"), "represents")


def test_a_post_that_does_not_involve_poland_is_refused():
    assert_refused(DiplomaticPostFactory.build(represents="DE", country="FR"), "represents")


def test_a_body_in_a_partner_city_is_in_the_city_s_country():
    nuremberg = PartnerCityFactory(country="DE")
    assert "city" in errors_of(PolishOrganisationFactory.build(country="FR", locality="Lyon", city=nuremberg))
    PolishOrganisationFactory.build(country="DE", city=nuremberg).full_clean()


def test_a_polish_community_organisation_is_abroad():
    assert_refused(PolishOrganisationFactory.build(country="PL"), "country")
