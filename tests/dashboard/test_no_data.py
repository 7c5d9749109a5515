"""A sum with no known value behind it is shown as "no data", never as 0."""

import datetime
from decimal import Decimal

import pytest

from dashboard.overview import RegistryOverview, Scope
from registry.money import Money
from tests.memberships.factories import MembershipFactory
from tests.programmes.factories import ProgrammeParticipationFactory

pytestmark = pytest.mark.django_db


def figures(day):
    return {str(figure.label): figure for figure in RegistryOverview(Scope(as_of=day)).figures}


def test_unknown_fees_and_budgets_are_no_data_not_zero():
    MembershipFactory(annual_fee=None)
    ProgrammeParticipationFactory(budget=None, krakow_share=None)

    shown = figures(datetime.date(2024, 1, 1))

    assert shown["annual membership fees"].value is None
    assert shown["Krakow's share of their budgets"].value is None
    assert shown["Krakow's share of their budgets"].detail is None


def test_the_dashboard_says_no_data(admin_client):
    MembershipFactory(annual_fee=None)

    page = admin_client.get("/en/dashboard/?as_of=2024-01-01").content.decode()

    assert "<dt>Annual membership fees</dt><dd>no data</dd>" in page


def test_known_values_are_summed():
    MembershipFactory(annual_fee=100)
    MembershipFactory(annual_fee=None)

    assert figures(datetime.date(2024, 1, 1))["annual membership fees"].value == (
        Money(Decimal("100"), "EUR"),
    )
