"""A follow-up's rules: one source at most, the source's city, a member of staff as its owner."""

import pytest
from django.contrib.auth.models import User

from tests.agenda.factories import FollowUpFactory, StaffFactory
from tests.agreements.factories import AgreementFactory
from tests.correspondence.factories import LetterFactory
from tests.memberships.factories import MembershipFactory
from tests.partners.factories import PartnerCityFactory
from tests.rules import assert_refused, errors_of
from tests.visits.factories import VisitFactory

pytestmark = pytest.mark.django_db


def follow_up(**fields):
    fields.setdefault("owner", StaffFactory())
    return FollowUpFactory.build(**fields)


def test_a_follow_up_comes_from_one_record_at_most():
    city = PartnerCityFactory()
    task = follow_up(letter=LetterFactory(city=city), agreement=AgreementFactory(city=city))
    assert_refused(task, "__all__")


def test_it_takes_the_city_of_the_record_it_comes_from():
    city = PartnerCityFactory()
    task = follow_up(letter=LetterFactory(city=city))
    task.full_clean()
    assert task.city == city


def test_it_takes_the_city_of_a_visit_to_one_city_only():
    leipzig, nuremberg = PartnerCityFactory(), PartnerCityFactory()
    to_one = follow_up(visit=VisitFactory(cities=[leipzig]))
    to_one.full_clean()
    assert to_one.city == leipzig
    to_two = follow_up(visit=VisitFactory(cities=[leipzig, nuremberg]))
    to_two.full_clean()
    assert to_two.city is None
    follow_up(visit=to_two.visit, city=nuremberg).full_clean()


def test_its_city_is_the_source_s():
    leipzig, nuremberg = PartnerCityFactory(), PartnerCityFactory()
    task = follow_up(agreement=AgreementFactory(city=leipzig), city=nuremberg)
    assert "city" in errors_of(task)


def test_a_membership_s_follow_up_may_name_any_city():
    follow_up(membership=MembershipFactory(), city=PartnerCityFactory()).full_clean()


def test_the_owner_is_a_member_of_staff():
    outsider = User.objects.create_user("reader")
    assert "owner" in errors_of(follow_up(owner=outsider))
