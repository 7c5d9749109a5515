"""A visit's rules, by the model and the database."""

import datetime

import pytest

from registry.partial_dates import DatePrecision
from tests.rules import assert_refused
from tests.visits.factories import VisitFactory

pytestmark = pytest.mark.django_db


def test_a_visit_does_not_end_before_it_starts():
    visit = VisitFactory.build(starts_on=datetime.date(2025, 5, 12), ends_on=datetime.date(2025, 5, 11))
    assert_refused(visit, "ends_on")


def test_a_visit_known_to_the_month_may_end_within_it():
    visit = VisitFactory.build(
        starts_on=datetime.date(2025, 5, 1),
        starts_on_precision=DatePrecision.MONTH,
        ends_on=datetime.date(2025, 5, 3),
    )
    visit.full_clean()


def test_an_example_visit_is_never_public():
    assert_refused(VisitFactory.build(is_example=True, is_public=True), "is_public")


def test_a_visit_is_not_public_unless_staff_say_so():
    assert VisitFactory().is_public is False
