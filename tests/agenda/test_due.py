"""What falls due for whom: each source of the agenda, what each role gets, and the cost of asking."""

import datetime

import pytest
from django.contrib.auth.models import Group, User
from django.db import connection
from django.test.utils import CaptureQueriesContext

from agenda.selectors import DueKind, due_items
from partners.services import officer_assign
from registry.partial_dates import DatePrecision
from registry.permissions import ADMINISTRATORS, OFFICERS
from registry.terms import Term
from tests.agenda.factories import FollowUpFactory, StaffFactory
from tests.agreements.factories import AgreementFactory
from tests.memberships.factories import MembershipFactory
from tests.partners.factories import PartnerCityFactory
from tests.programmes.factories import ProgrammeParticipationFactory
from tests.visits.factories import VisitFactory

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 3, 10)
END = datetime.date(2026, 5, 31)


def staff_in(group, username):
    user = StaffFactory(username=username)
    user.groups.add(Group.objects.get(name=group))
    return User.objects.get(pk=user.pk)


@pytest.fixture
def people():
    """Two cities, an officer for each, and an administrator who answers for none."""
    own, other = PartnerCityFactory(slug="own"), PartnerCityFactory(slug="other")
    officer = staff_in(OFFICERS, "officer")
    officer_assign(officer=officer, cities=[own])
    other_officer = staff_in(OFFICERS, "other-officer")
    officer_assign(officer=other_officer, cities=[other])
    return {
        "own": own,
        "other": other,
        "officer": officer,
        "other_officer": other_officer,
        "administrator": staff_in(ADMINISTRATORS, "administrator"),
    }


def due(user, start=TODAY, end=END):
    # A fresh user object each time: the permission checks cache what they found on it.
    return due_items(User.objects.get(pk=user.pk), start, end, today=TODAY)


def records(items, kind):
    return {item.record for item in items if item.kind == kind}


class TestFollowUps:
    def test_only_the_users_own_open_follow_ups_are_due(self, people):
        FollowUpFactory(slug="mine", owner=people["officer"], due_on=datetime.date(2026, 3, 20))
        FollowUpFactory(
            slug="done", owner=people["officer"], due_on=datetime.date(2026, 3, 20), done_on=TODAY
        )
        FollowUpFactory(slug="theirs", owner=people["other_officer"], due_on=datetime.date(2026, 3, 20))
        FollowUpFactory(slug="later", owner=people["officer"], due_on=END + datetime.timedelta(days=1))
        assert records(due(people["officer"]), DueKind.FOLLOW_UP) == {"followup-mine"}
        # Administrators see everyone's follow-ups in the admin, but their agenda holds their own tasks only.
        assert records(due(people["administrator"]), DueKind.FOLLOW_UP) == set()

    def test_an_overdue_follow_up_is_placed_on_today_and_keeps_the_uid_of_its_day(self, people):
        FollowUpFactory(slug="late", owner=people["officer"], due_on=datetime.date(2025, 11, 3))
        (item,) = due(people["officer"])
        assert item.day == TODAY
        assert item.overdue_since == datetime.date(2025, 11, 3)
        assert item.uid == "follow-up-followup-late-2025-11-03@krakow-relations"
        assert item.is_mine


class TestVisits:
    def test_an_officer_gets_the_visits_of_their_cities_only(self, people):
        VisitFactory(slug="own-visit", starts_on=TODAY, ends_on=TODAY, cities=[people["own"]])
        VisitFactory(slug="other-visit", starts_on=TODAY, ends_on=TODAY, cities=[people["other"]])
        VisitFactory(slug="no-city-visit", starts_on=TODAY, ends_on=TODAY)
        assert records(due(people["officer"]), DueKind.VISIT) == {"visit-own-visit"}
        assert records(due(people["administrator"]), DueKind.VISIT) == {
            "visit-own-visit",
            "visit-other-visit",
            "visit-no-city-visit",
        }

    def test_a_visit_of_several_days_spans_them_and_counts_while_it_lasts(self, people):
        VisitFactory(
            slug="week",
            starts_on=datetime.date(2026, 3, 8),
            ends_on=datetime.date(2026, 3, 12),
            cities=[people["own"]],
        )
        (item,) = due(people["officer"])
        assert (item.day, item.until) == (datetime.date(2026, 3, 8), datetime.date(2026, 3, 12))
        assert item.is_mine and item.city_ids == {people["own"].pk}

    def test_a_visit_known_to_the_month_is_placed_on_its_first_day_as_approximate(self, people):
        month = {"starts_on_precision": DatePrecision.MONTH, "ends_on": None, "cities": [people["own"]]}
        VisitFactory(slug="april", starts_on=datetime.date(2026, 4, 1), **month)
        VisitFactory(slug="march", starts_on=datetime.date(2026, 3, 1), **month)
        (item,) = due(people["officer"])
        assert item.record == "visit-april"
        assert item.day == datetime.date(2026, 4, 1) and item.is_approximate and item.until is None


class TestCityRecords:
    def test_a_round_anniversary_of_a_partnership_is_due_for_its_officer(self, people):
        AgreementFactory(city=people["own"], signed_on=datetime.date(2016, 4, 2))
        AgreementFactory(city=people["other"], signed_on=datetime.date(2016, 4, 3))
        (item,) = due(people["officer"])
        assert (item.kind, item.day, item.record) == (
            DueKind.ANNIVERSARY,
            datetime.date(2026, 4, 2),
            "partnercity-own",
        )
        assert "10" in str(item.title) and item.is_mine
        assert records(due(people["administrator"]), DueKind.ANNIVERSARY) == {
            "partnercity-own",
            "partnercity-other",
        }

    def test_terms_that_end_or_renew_in_the_window_are_due(self, people):
        renews = {"term": Term.RENEWING, "term_years": 4, "signed_on": datetime.date(2022, 4, 15)}
        AgreementFactory(slug="renews", city=people["own"], **renews)
        second = PartnerCityFactory()
        officer_assign(officer=people["officer"], cities=[second])
        AgreementFactory(slug="ends", city=second, term=Term.FIXED, expires_on=datetime.date(2026, 5, 1))
        AgreementFactory(
            slug="elsewhere", city=people["other"], term=Term.FIXED, expires_on=datetime.date(2026, 5, 1)
        )
        items = due(people["officer"])
        assert records(items, DueKind.TERM_RENEWS) == {"agreement-renews"}
        assert records(items, DueKind.TERM_ENDS) == {"agreement-ends"}
        assert {item.record: item.day for item in items} == {
            "agreement-renews": datetime.date(2026, 4, 15),
            "agreement-ends": datetime.date(2026, 5, 1),
        }

    def test_the_coordinator_of_an_agreement_of_another_city_owns_its_term(self, people):
        AgreementFactory(
            slug="coordinated",
            city=people["other"],
            term=Term.FIXED,
            expires_on=datetime.date(2026, 5, 1),
            coordinator=people["administrator"],
        )
        (item,) = due(people["administrator"])
        assert item.record == "agreement-coordinated" and item.is_mine

    def test_eu_projects_of_the_officers_cities_and_of_none_are_due(self, people):
        ends = {"ends_on": datetime.date(2026, 4, 30)}
        ProgrammeParticipationFactory(slug="ours", cities=[people["own"]], **ends)
        ProgrammeParticipationFactory(slug="theirs", cities=[people["other"]], **ends)
        ProgrammeParticipationFactory(slug="everyones", **ends)
        items = due(people["officer"])
        assert records(items, DueKind.PROJECT_ENDS) == {
            "programmeparticipation-ours",
            "programmeparticipation-everyones",
        }
        assert {item.record: item.is_mine for item in items} == {
            "programmeparticipation-ours": True,
            "programmeparticipation-everyones": False,
        }

    def test_a_membership_fee_is_due_each_time_it_falls_in_the_window(self, people):
        MembershipFactory(slug="eurocities", fee_due_month=3, fee_due_day=31, annual_fee=12500)
        MembershipFactory(slug="left", fee_due_month=3, fee_due_day=31, left_on=datetime.date(2020, 1, 1))
        (item,) = due(people["officer"])
        assert (item.kind, item.day, item.record) == (
            DueKind.FEE_DUE,
            datetime.date(2026, 3, 31),
            "membership-eurocities",
        )
        two_years = due(people["officer"], end=datetime.date(2027, 4, 30))
        assert [item.day for item in two_years] == [datetime.date(2026, 3, 31), datetime.date(2027, 3, 31)]


def test_staff_without_a_role_get_their_own_follow_ups_only(people):
    nobody = StaffFactory(username="no-role")
    FollowUpFactory(slug="task", owner=nobody, due_on=TODAY)
    VisitFactory(starts_on=TODAY, ends_on=TODAY, cities=[people["own"]])
    MembershipFactory(fee_due_month=3, fee_due_day=31)
    assert [item.record for item in due(nobody)] == ["followup-task"]


def fill(people, n):
    """n records of every source, for the officer's city, on days in the window."""
    for i in range(n):
        day = TODAY + datetime.timedelta(days=i)
        FollowUpFactory(owner=people["officer"], due_on=day)
        VisitFactory(starts_on=day, ends_on=day, cities=[people["own"], PartnerCityFactory()])
        AgreementFactory(
            city=PartnerCityFactory(), signed_on=datetime.date(2016, 4, 1) + datetime.timedelta(days=i)
        )
        city = PartnerCityFactory()
        officer_assign(officer=people["officer"], cities=[city])
        AgreementFactory(city=city, term=Term.FIXED, expires_on=day, signed_on=datetime.date(2020, 1, 1 + i))
        ProgrammeParticipationFactory(ends_on=day, cities=[people["own"], PartnerCityFactory()])
        MembershipFactory(fee_due_month=4, fee_due_day=1 + i)


@pytest.mark.parametrize("role", ["officer", "administrator"])
def test_the_number_of_queries_does_not_grow_with_the_registry(people, role):
    counts = []
    for n in (1, 5):
        fill(people, n)
        user = User.objects.get(pk=people[role].pk)
        with CaptureQueriesContext(connection) as queries:
            items = due_items(user, TODAY, END, today=TODAY)
        assert items
        counts.append(len(queries))
    assert counts[0] == counts[1]
