"""EU programme participations start by the Mayor's decision; activities use one of the fifteen tools."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from programmes.models import MESSAGES
from registry.choices import PolicyTool
from tests.programmes.factories import ActivityFactory, ProgrammeParticipationFactory
from tests.rules import assert_refused, database_refuses, errors_of

pytestmark = pytest.mark.django_db


def test_a_participation_started_by_the_mayors_decision_is_valid():
    ProgrammeParticipationFactory.build().full_clean()


def test_a_started_participation_needs_the_mayors_decision():
    assert_refused(
        ProgrammeParticipationFactory.build(decision_number="", decision_date=None), "decision_number"
    )


def test_a_planned_participation_may_await_the_decision():
    ProgrammeParticipationFactory.build(
        decision_number="", decision_date=None, starts_on=None, ends_on=None
    ).full_clean()


@pytest.mark.parametrize("number", ["1234", "1234/23", "A/2023"])
def test_a_malformed_decision_number_is_refused(number):
    with pytest.raises(ValidationError) as caught:
        ProgrammeParticipationFactory.build(decision_number=number).full_clean()
    assert "decision_number" in caught.value.message_dict


def test_the_mayors_decision_comes_on_or_before_the_start():
    participation = ProgrammeParticipationFactory.build(decision_date=datetime.date(2023, 4, 2))

    assert errors_of(participation) == {"decision_date": [MESSAGES["decision_before_start"]]}
    database_refuses(participation)


def test_a_decision_number_names_the_year_of_its_date():
    participation = ProgrammeParticipationFactory.build(decision_number="900/2019")

    assert errors_of(participation) == {
        "decision_date": ["Decision 900/2019 is of 2019, but its date is in 2023."]
    }


def test_no_decision_dated_in_the_future():
    later = timezone.localdate() + datetime.timedelta(days=2)
    participation = ProgrammeParticipationFactory.build(
        decision_number=f"1/{later.year}", decision_date=later, starts_on=later, ends_on=None
    )

    assert errors_of(participation) == {"decision_date": [MESSAGES["decision_in_future"]]}


def test_a_participation_ends_after_it_starts():
    assert_refused(ProgrammeParticipationFactory.build(ends_on=datetime.date(2020, 1, 1)), "ends_on")


def test_krakows_share_is_within_the_budget():
    assert_refused(ProgrammeParticipationFactory.build(budget=100, krakow_share=101), "krakow_share")


def test_the_fifteen_tools_are_numbered_as_the_council_lists_them():
    assert len(PolicyTool) == 15
    assert PolicyTool(9).label == "municipal agencies abroad"
    assert PolicyTool(15).label == "involvement in EU structures"


def test_an_unknown_tool_is_refused_by_the_model_and_the_database():
    assert_refused(ActivityFactory.build(tool=16), "tool")


def test_an_unknown_district_is_refused_by_the_model_and_the_database():
    assert_refused(ActivityFactory.build(district=19), "district")


def test_an_activity_ends_after_it_starts():
    assert_refused(ActivityFactory.build(ends_on=datetime.date(2024, 5, 1)), "ends_on")
