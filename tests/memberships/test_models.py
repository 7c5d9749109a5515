"""Memberships: by a City Council resolution and after the Minister of Foreign Affairs' approval."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db.models import ProtectedError

from tests.memberships.factories import AgencyFactory, AssociationFactory, MembershipFactory
from tests.partners.factories import PartnerCityFactory
from tests.rules import assert_refused

pytestmark = pytest.mark.django_db


def unsaved_membership(**fields):
    return MembershipFactory.build(association=AssociationFactory(), **fields)


def test_an_active_membership_has_resolution_and_approval():
    membership = MembershipFactory()

    membership.full_clean()
    assert membership.is_active


@pytest.mark.parametrize(
    "missing",
    [
        {"resolution_number": "", "resolution_date": None},
        {"mfa_approval_reference": "", "mfa_approval_date": None},
    ],
    ids=["without-resolution", "without-approval"],
)
def test_joining_needs_both_resolution_and_approval(missing):
    assert_refused(unsaved_membership(**missing), "joined_on")


def test_joining_before_the_approval_is_refused():
    assert_refused(unsaved_membership(joined_on=datetime.date(1990, 11, 1)), "joined_on")


def test_leaving_before_joining_is_refused():
    assert_refused(unsaved_membership(left_on=datetime.date(1990, 1, 1)), "left_on")


def test_a_planned_membership_needs_no_approval_yet():
    MembershipFactory.build(
        mfa_approval_reference="",
        mfa_approval_date=None,
        joined_on=None,
        association=MembershipFactory().association,
    ).full_clean()


def test_an_approval_reference_needs_its_date():
    assert_refused(unsaved_membership(mfa_approval_date=None, joined_on=None), "mfa_approval_date")


def test_an_association_with_members_cannot_be_deleted():
    with pytest.raises(ProtectedError):
        MembershipFactory().association.delete()


def test_an_agency_closes_after_it_opened():
    assert_refused(
        AgencyFactory.build(opened_on=datetime.date(2004, 3, 1), closed_on=datetime.date(2003, 1, 1)),
        "closed_on",
    )


def test_an_agency_in_a_partner_city_is_in_that_citys_country():
    agency = AgencyFactory.build(country="BE", city=PartnerCityFactory(country="DE"))

    with pytest.raises(ValidationError) as caught:
        agency.full_clean()
    assert "city" in caught.value.message_dict
