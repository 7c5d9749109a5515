"""The membership rules hold in the admin too (a real POST)."""

import pytest

from memberships.models import Agency, Membership
from tests.admin_forms import NO_ATTACHMENTS, known_to_the_day
from tests.memberships.factories import AssociationFactory
from tests.partners.factories import PartnerCityFactory

pytestmark = pytest.mark.django_db


def membership_form(association, **fields):
    return {
        "slug": "eurocities-membership",
        "association": association.pk,
        "representative": "",
        "annual_fee": "12000.00",
        "fee_currency": "EUR",
        **known_to_the_day(Membership),
        "is_public": "on",
        "resolution_number": "IV/47/90",
        "resolution_date": "1990-09-08",
        "mfa_approval_reference": "DPT-1/90",
        "mfa_approval_date": "1990-12-01",
        "joined_on": "1991-01-01",
        "left_on": "",
        "notes": "",
        "sources": "[]",
        "placeholders": "[]",
        **NO_ATTACHMENTS,
        **fields,
    }


def test_an_active_membership_is_saved(admin_client):
    response = admin_client.post(
        "/en/admin/memberships/membership/add/", membership_form(AssociationFactory())
    )

    assert response.status_code == 302
    assert Membership.objects.get().is_active


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        (
            {"mfa_approval_reference": "", "mfa_approval_date": ""},
            "Krakow joins an association of local and regional communities only by a City Council resolution "
            "and after the approval of the Minister of Foreign Affairs: record both, or why each is not "
            "recorded.",
        ),
        (
            {"joined_on": "1990-11-30"},
            "Krakow cannot join before the Minister of Foreign Affairs' approval, unless it is a founder member.",
        ),
    ],
    ids=["without-approval", "before-approval"],
)
def test_the_admin_refuses_joining_without_resolution_and_approval(admin_client, fields, message):
    response = admin_client.post(
        "/en/admin/memberships/membership/add/", membership_form(AssociationFactory(), **fields)
    )

    assert response.context["adminform"].form.errors["joined_on"] == [message]
    assert not Membership.objects.exists()


def test_the_admin_refuses_an_agency_in_poland(admin_client):
    response = admin_client.post(
        "/en/admin/memberships/agency/add/",
        {
            "slug": "krakow-house",
            "name_en": "Krakow House",
            "name_pl": "Dom Krakowski",
            "country": "PL",
            "locality": "Nuremberg",
            "city": PartnerCityFactory().pk,
            "address": "",
            "website": "",
            "opened_on": "1996-06-08",
            "closed_on": "",
            "sources": "[]",
            "placeholders": "[]",
        },
    )

    assert "country" in response.context["adminform"].form.errors
    assert not Agency.objects.exists()
