"""Terms: a document runs until a date, for a term that renews itself, or indefinitely, and the registry
works out when it ends or renews, at the precision of the day it took effect."""

import datetime

import pytest

from agreements.choices import AgreementStatus
from registry.partial_dates import DatePrecision, PartialDate
from registry.terms import TERM_MESSAGES, Term, TermEvent
from tests.agreements.factories import AgreementFactory, WorkingDocumentFactory
from tests.partners.factories import PartnerCityFactory
from tests.rules import database_refuses, errors_of

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 12, 4)


class TestRules:
    @pytest.mark.parametrize(
        ("term", "years", "expires"),
        [
            (Term.FIXED, None, None),
            (Term.FIXED, 5, datetime.date(2014, 7, 2)),
            (Term.RENEWING, None, None),
            (Term.RENEWING, 5, datetime.date(2014, 7, 2)),
            (Term.INDEFINITE, 5, None),
            (Term.NOT_RECORDED, None, datetime.date(2014, 7, 2)),
        ],
        ids=[
            "fixed-bare",
            "fixed-both",
            "renewing-bare",
            "renewing-with-end",
            "indefinite-years",
            "unknown-end",
        ],
    )
    def test_a_term_is_complete_and_nothing_more(self, term, years, expires):
        agreement = AgreementFactory.build(
            city=PartnerCityFactory(), term=term, term_years=years, expires_on=expires
        )

        assert "term_years" in errors_of(agreement)
        database_refuses(agreement)

    def test_a_notice_period_needs_a_recorded_term(self):
        agreement = AgreementFactory.build(city=PartnerCityFactory(), notice_months=6)

        assert errors_of(agreement)["notice_months"] == [TERM_MESSAGES["notice"]]
        database_refuses(agreement)

    def test_a_document_does_not_expire_before_it_took_effect(self):
        agreement = AgreementFactory.build(
            city=PartnerCityFactory(), term=Term.FIXED, expires_on=datetime.date(1990, 1, 1)
        )

        assert errors_of(agreement)["expires_on"] == [TERM_MESSAGES["expires_after_start"]]
        database_refuses(agreement)

    def test_a_working_document_keeps_the_same_rules(self):
        document = WorkingDocumentFactory.build(city=PartnerCityFactory(), term=Term.RENEWING)

        assert "term_years" in errors_of(document)
        database_refuses(document)


class TestWhatComesNext:
    def test_a_fixed_term_in_years_ends_that_many_years_after_the_signing(self):
        """San Francisco: signed 2 July 2009 for five years."""
        agreement = AgreementFactory.build(signed_on=datetime.date(2009, 7, 2), term=Term.FIXED, term_years=5)

        assert agreement.next_term_event(after=TODAY) == TermEvent(
            TermEvent.ENDS, PartialDate(datetime.date(2014, 7, 2))
        )

    def test_a_stated_expiry_is_the_end(self):
        agreement = AgreementFactory.build(term=Term.FIXED, expires_on=datetime.date(2027, 3, 31))

        assert agreement.next_term_event(after=TODAY).on == PartialDate(datetime.date(2027, 3, 31))

    def test_a_renewing_term_renews_at_the_next_period_with_its_notice_deadline(self):
        """Rochester: 18 July 1973 for five years, renewed for five unless denounced six months before."""
        agreement = AgreementFactory.build(
            signed_on=datetime.date(1973, 7, 18), term=Term.RENEWING, term_years=5, notice_months=6
        )

        assert agreement.next_term_event(after=TODAY) == TermEvent(
            TermEvent.RENEWS, PartialDate(datetime.date(2028, 7, 18)), PartialDate(datetime.date(2028, 1, 18))
        )

    def test_a_start_known_to_the_year_gives_an_end_known_to_the_year(self):
        agreement = AgreementFactory.build(
            signed_on=datetime.date(2009, 1, 1),
            signed_on_precision=DatePrecision.YEAR,
            term=Term.FIXED,
            term_years=5,
        )

        assert str(agreement.next_term_event(after=TODAY).on) == "2014"

    def test_a_renewal_in_the_current_year_of_a_start_known_to_the_year_is_still_ahead(self):
        agreement = AgreementFactory.build(
            signed_on=datetime.date(2021, 1, 1),
            signed_on_precision=DatePrecision.YEAR,
            term=Term.RENEWING,
            term_years=5,
        )

        assert agreement.next_term_event(after=datetime.date(2026, 12, 4)).on.isoformat() == "2026"

    @pytest.mark.parametrize("term", [Term.INDEFINITE, Term.NOT_RECORDED])
    def test_an_open_ended_term_brings_nothing(self, term):
        assert AgreementFactory.build(term=term).next_term_event(after=TODAY) is None

    def test_a_length_without_a_known_start_brings_nothing(self):
        agreement = AgreementFactory.build(
            status=AgreementStatus.IN_FORCE, signed_on=None, term=Term.FIXED, term_years=5
        )

        assert agreement.next_term_event(after=TODAY) is None

    def test_a_working_document_runs_from_its_signing(self):
        """Vienna: the cooperation programme renewed on 29 June 2021 for four years."""
        document = WorkingDocumentFactory.build(
            signed_on=datetime.date(2021, 6, 29), term=Term.FIXED, term_years=4
        )

        assert document.next_term_event(after=TODAY).on == PartialDate(datetime.date(2025, 6, 29))


@pytest.mark.parametrize(("months", "notice_by"), [(6, None), (12, "2027")])
def test_a_notice_deadline_is_given_only_as_far_as_it_is_known(months, notice_by):
    agreement = AgreementFactory.build(
        signed_on=datetime.date(2023, 1, 1),
        signed_on_precision=DatePrecision.YEAR,
        term=Term.RENEWING,
        term_years=5,
        notice_months=months,
    )

    event = agreement.next_term_event(after=TODAY)

    assert (event.on.isoformat(), event.notice_by.isoformat() if event.notice_by else None) == (
        "2028",
        notice_by,
    )
