"""Memberships: by a City Council resolution and after the Minister of Foreign Affairs' approval."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db.models import ProtectedError

from memberships.choices import AssociationKind
from memberships.models import MESSAGES
from tests.memberships.factories import AgencyFactory, AssociationFactory, MembershipFactory
from tests.partners.factories import PartnerCityFactory
from tests.rules import assert_refused, database_refuses, errors_of

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
def test_joining_an_association_of_local_communities_needs_both_resolution_and_approval(missing):
    # The association's kind is another row's: the model layer holds this rule, the database cannot.
    assert errors_of(unsaved_membership(**missing)) == {
        "joined_on": [MESSAGES["joined_needs_resolution_and_approval"]]
    }


@pytest.mark.parametrize(
    "not_recorded",
    [
        {"resolution_number": "", "resolution_date": None, "resolution_not_recorded": "Not in the record."},
        {
            "mfa_approval_reference": "",
            "mfa_approval_date": None,
            "approval_not_recorded": "Not in the record.",
        },
    ],
    ids=["resolution-not-recorded", "approval-not-recorded"],
)
def test_an_old_membership_may_say_why_its_resolution_or_approval_is_not_recorded(not_recorded):
    unsaved_membership(**not_recorded).full_clean()


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"resolution_not_recorded": "Not in the record."}, "resolution_not_recorded"),
        ({"approval_not_recorded": "Not in the record."}, "approval_not_recorded"),
    ],
    ids=["resolution", "approval"],
)
def test_an_act_is_recorded_or_missing_not_both(fields, field):
    assert_refused(unsaved_membership(**fields), field)


def test_a_political_association_of_cities_in_eu_programmes_is_joined_without_either():
    """Informal cooperation in the council's text: no resolution, no Minister's approval."""
    MembershipFactory.build(
        association=AssociationFactory(kind=AssociationKind.EU_THEMATIC_POLITICAL),
        resolution_number="",
        resolution_date=None,
        mfa_approval_reference="",
        mfa_approval_date=None,
    ).full_clean()


def test_the_approval_follows_the_resolution():
    membership = unsaved_membership(
        mfa_approval_date=datetime.date(1990, 9, 1), joined_on=datetime.date(1990, 9, 10)
    )

    assert errors_of(membership) == {"mfa_approval_date": [MESSAGES["approval_after_resolution"]]}
    database_refuses(membership)


def test_joining_before_the_resolution_is_refused():
    membership = unsaved_membership(
        resolution_not_recorded="",
        mfa_approval_reference="",
        mfa_approval_date=None,
        approval_not_recorded="Not in the record.",
        joined_on=datetime.date(1990, 9, 1),
    )

    assert errors_of(membership) == {"joined_on": [MESSAGES["joined_after_resolution"]]}
    database_refuses(membership)


def test_a_founder_member_joined_before_its_formal_accession():
    """The League of Historical Cities: a founder at Kyoto in 1994, accession resolved in 1997."""
    MembershipFactory(
        is_founder=True,
        resolution_number="LXXXVI/753/97",
        resolution_date=datetime.date(1997, 4, 16),
        mfa_approval_reference="",
        mfa_approval_date=None,
        approval_not_recorded="Not in the record.",
        joined_on=datetime.date(1994, 11, 1),
    ).full_clean()


def test_no_approval_or_joining_in_the_future():
    tomorrow = datetime.date.today() + datetime.timedelta(days=2)
    membership = unsaved_membership(mfa_approval_date=tomorrow, joined_on=tomorrow)

    assert errors_of(membership) == {
        "mfa_approval_date": [MESSAGES["not_in_future"]],
        "joined_on": [MESSAGES["not_in_future"]],
    }


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
