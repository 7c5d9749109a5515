"""Dates known to the day, the month or the year: kept as the period's first day with its precision, and
compared by the rules as periods, so that what the record knows is accepted and what contradicts it is not."""

import datetime

import pytest
from django.db import IntegrityError, transaction
from django.utils import translation

from agreements.choices import AgreementStatus
from programmes.models import Activity
from programmes.selectors import programme_participation_list_during, programme_participation_list_ending
from registry.partial_dates import DatePrecision, PartialDate
from tests.agreements.factories import AgreementFactory
from tests.memberships.factories import AssociationFactory, MembershipFactory
from tests.partners.factories import PartnerCityFactory
from tests.programmes.factories import ActivityFactory, ProgrammeParticipationFactory
from tests.rules import assert_refused, errors_of

YEAR, MONTH, DAY = DatePrecision.YEAR, DatePrecision.MONTH, DatePrecision.DAY


class TestPartialDate:
    @pytest.mark.parametrize(
        ("text", "first_day", "last_day", "precision"),
        [
            ("1997", datetime.date(1997, 1, 1), datetime.date(1997, 12, 31), YEAR),
            ("2024-02", datetime.date(2024, 2, 1), datetime.date(2024, 2, 29), MONTH),
            ("1993-02-19", datetime.date(1993, 2, 19), datetime.date(1993, 2, 19), DAY),
        ],
    )
    def test_reduced_iso_dates_are_read_and_written_back(self, text, first_day, last_day, precision):
        date = PartialDate.from_iso(text)

        assert (date.first_day, date.last_day, date.precision) == (first_day, last_day, precision)
        assert date.isoformat() == text

    @pytest.mark.parametrize("text", ["97", "1997-13", "1997-02-30", "1997-2", "19970219", "", 1997, None])
    def test_anything_else_is_refused(self, text):
        with pytest.raises(ValueError):
            PartialDate.from_iso(text)

    @pytest.mark.parametrize(
        ("language", "expected"),
        [
            ("pl", ["1997", "październik 1997", "6 października 1997"]),
            ("en", ["1997", "October 1997", "6 October 1997"]),
        ],
    )
    def test_shown_at_its_precision_in_the_pages_language(self, language, expected):
        with translation.override(language):
            shown = [str(PartialDate.from_iso(text)) for text in ("1997", "1997-10", "1997-10-06")]

        assert shown[: len(expected)] == expected


@pytest.mark.django_db
class TestStored:
    @pytest.mark.parametrize(("precision", "stored"), [(YEAR, (1997, 1, 1)), (MONTH, (1997, 10, 1))])
    def test_a_date_known_to_a_month_or_year_is_kept_as_its_first_day(self, precision, stored):
        agreement = AgreementFactory.build(
            city=PartnerCityFactory(), signed_on=datetime.date(1997, 10, 6), signed_on_precision=precision
        )

        agreement.full_clean()

        assert agreement.signed_on == datetime.date(*stored)
        assert agreement.known_date("signed_on") == PartialDate(datetime.date(*stored), precision)

    def test_an_unknown_date_has_no_precision(self):
        activity = ActivityFactory.build(ends_on=None, ends_on_precision=YEAR)

        activity.full_clean()

        assert activity.ends_on_precision == DAY
        assert activity.known_date("ends_on") is None

    def test_the_database_keeps_a_partial_date_as_its_first_day(self):
        activity = ActivityFactory(starts_on=datetime.date(2024, 1, 1), starts_on_precision=YEAR)

        with pytest.raises(IntegrityError), transaction.atomic():
            Activity.objects.filter(pk=activity.pk).update(starts_on=datetime.date(2024, 6, 1))


@pytest.mark.django_db
class TestComparedAsPeriods:
    def test_signed_in_the_year_of_its_resolution_is_accepted(self):
        # Resolved on 10 May 1997, signed some time in 1997: possibly after, so not a contradiction.
        agreement = AgreementFactory.build(
            city=PartnerCityFactory(),
            resolution_number="XL/400/97",
            resolution_date=datetime.date(1997, 5, 10),
            signed_on=datetime.date(1997, 1, 1),
            signed_on_precision=YEAR,
        )

        agreement.full_clean()
        agreement.save()

    def test_signed_in_a_year_before_its_resolution_is_refused(self):
        agreement = AgreementFactory.build(
            city=PartnerCityFactory(),
            resolution_number="XL/400/97",
            resolution_date=datetime.date(1997, 5, 10),
            signed_on=datetime.date(1996, 1, 1),
            signed_on_precision=YEAR,
        )

        assert_refused(agreement, "signed_on")

    def test_terminated_in_the_month_it_was_signed_is_accepted(self):
        agreement = AgreementFactory.build(
            city=PartnerCityFactory(),
            signed_on=datetime.date(2006, 6, 12),
            status=AgreementStatus.TERMINATED,
            terminated_on=datetime.date(2006, 6, 1),
            terminated_on_precision=MONTH,
            termination_reason="Ended at once.",
        )

        agreement.full_clean()
        agreement.save()

    def test_a_resolution_known_to_its_year_may_be_of_the_councils_first_year(self):
        # The council sits since 27 May 1990; a resolution "of 1990" may be of its first months.
        agreement = AgreementFactory.build(
            city=PartnerCityFactory(),
            resolution_number="",
            resolution_date=datetime.date(1990, 1, 1),
            resolution_date_precision=YEAR,
            signed_on=datetime.date(1991, 6, 1),
        )

        agreement.full_clean()
        agreement.save()
        assert (
            str(agreement.in_effect_since) == "1991"[:4] or agreement.in_effect_since.first_day.year == 1991
        )

    def test_a_resolution_known_to_a_year_before_the_council_is_refused(self):
        agreement = AgreementFactory.build(
            city=PartnerCityFactory(),
            resolution_number="",
            resolution_date=datetime.date(1989, 1, 1),
            resolution_date_precision=YEAR,
        )

        assert_refused(agreement, "resolution_date")

    def test_joined_in_the_year_of_the_resolution_is_accepted(self):
        membership = MembershipFactory.build(
            association=AssociationFactory(),
            resolution_number="XXXIV/322/95",
            resolution_date=datetime.date(1995, 11, 22),
            mfa_approval_date=datetime.date(1995, 12, 1),
            joined_on=datetime.date(1995, 1, 1),
            joined_on_precision=YEAR,
        )

        membership.full_clean()
        membership.save()

    def test_joined_a_year_before_the_resolution_is_refused(self):
        membership = MembershipFactory.build(
            association=AssociationFactory(),
            resolution_number="XXXIV/322/95",
            resolution_date=datetime.date(1995, 11, 22),
            mfa_approval_date=datetime.date(1995, 12, 1),
            joined_on=datetime.date(1994, 1, 1),
            joined_on_precision=YEAR,
        )

        assert "joined_on" in errors_of(membership)

    @pytest.mark.parametrize(
        ("ends_on", "accepted"),
        [(datetime.date(2022, 1, 1), True), (datetime.date(2021, 1, 1), False)],
    )
    def test_an_activity_ends_no_earlier_than_the_period_it_began_in(self, ends_on, accepted):
        activity = ActivityFactory.build(
            starts_on=datetime.date(2022, 6, 1),
            starts_on_precision=MONTH,
            ends_on=ends_on,
            ends_on_precision=YEAR,
        )

        if accepted:
            activity.full_clean()
            activity.save()
        else:
            assert_refused(activity, "ends_on")


@pytest.mark.django_db
class TestDatesOfActs:
    def test_an_approval_known_to_the_year_of_the_resolution_follows_it(self):
        membership = MembershipFactory.build(
            association=AssociationFactory(),
            resolution_number="XXXIV/322/95",
            resolution_date=datetime.date(1995, 11, 22),
            mfa_approval_date=datetime.date(1995, 1, 1),
            mfa_approval_date_precision=YEAR,
            joined_on=datetime.date(1996, 1, 1),
            joined_on_precision=YEAR,
        )

        membership.full_clean()
        membership.save()

    def test_an_approval_known_to_a_year_before_the_resolution_is_refused(self):
        membership = MembershipFactory.build(
            association=AssociationFactory(),
            resolution_number="XXXIV/322/95",
            resolution_date=datetime.date(1995, 11, 22),
            mfa_approval_date=datetime.date(1994, 1, 1),
            mfa_approval_date_precision=YEAR,
            joined_on=datetime.date(1996, 1, 1),
        )

        assert_refused(membership, "mfa_approval_date")


def test_after_since_a_month_takes_the_polish_genitive():
    with translation.override("pl"):
        forms = [PartialDate.from_iso(text).in_genitive() for text in ("1997", "1997-10", "1997-10-06")]

    assert forms == ["1997", "października 1997", "6 października 1997"]


@pytest.mark.django_db
class TestProjectsEndingInAPeriod:
    @pytest.fixture
    def ends_in_2024(self):
        return ProgrammeParticipationFactory(
            decision_number="100/2021",
            decision_date=datetime.date(2021, 12, 1),
            starts_on=datetime.date(2022, 1, 1),
            ends_on=datetime.date(2024, 1, 1),
            ends_on_precision=YEAR,
        )

    def test_runs_through_the_year_it_ends_in(self, ends_in_2024):
        day = datetime.date(2024, 6, 30)

        assert programme_participation_list_during(first_day=day, last_day=day).get() == ends_in_2024
        assert not programme_participation_list_during(
            first_day=datetime.date(2025, 1, 1), last_day=datetime.date(2025, 1, 1)
        ).exists()

    def test_is_ending_while_its_year_overlaps_the_months_ahead(self, ends_in_2024):
        assert programme_participation_list_ending(after=datetime.date(2024, 6, 30), months=6).get() == (
            ends_in_2024
        )
        assert programme_participation_list_ending(after=datetime.date(2023, 12, 1), months=6).exists()
        assert not programme_participation_list_ending(after=datetime.date(2023, 5, 1), months=6).exists()
