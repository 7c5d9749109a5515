"""When a membership's fee falls due each year."""

import datetime

import pytest

from tests.memberships.factories import AssociationFactory, MembershipFactory
from tests.rules import assert_refused, errors_of

pytestmark = pytest.mark.django_db


def membership(**fields):
    return MembershipFactory.build(association=AssociationFactory(), **fields)


def test_the_fee_falls_due_on_its_day_this_year_or_next():
    due = membership(fee_due_month=3, fee_due_day=31)
    assert due.fee_due_after(datetime.date(2026, 3, 1)) == datetime.date(2026, 3, 31)
    assert due.fee_due_after(datetime.date(2026, 3, 31)) == datetime.date(2026, 3, 31)
    assert due.fee_due_after(datetime.date(2026, 4, 1)) == datetime.date(2027, 3, 31)


def test_a_fee_due_on_29_february_falls_due_on_the_28th_in_other_years():
    due = membership(fee_due_month=2, fee_due_day=29)
    due.full_clean()
    assert due.fee_due_after(datetime.date(2027, 1, 1)) == datetime.date(2027, 2, 28)
    assert due.fee_due_after(datetime.date(2028, 1, 1)) == datetime.date(2028, 2, 29)


def test_without_a_due_day_nothing_falls_due():
    assert membership().fee_due_after(datetime.date(2026, 1, 1)) is None


def test_a_due_day_the_calendar_does_not_have_is_refused():
    assert "fee_due_day" in errors_of(membership(fee_due_month=4, fee_due_day=31))


@pytest.mark.parametrize("month, day", [(3, None), (None, 31), (13, 1), (1, 32)])
def test_a_due_day_needs_a_real_month_and_day(month, day):
    assert_refused(membership(fee_due_month=month, fee_due_day=day), "fee_due_day")
