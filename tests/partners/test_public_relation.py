"""A city's public relation, as the public list reads it from the city's agreements and working documents.

Nothing stores the relation: each test writes records and reads the relation the public site then gives the
city (website.selectors.partner_city_list_public, which takes it from agreements.selectors).
"""

import datetime

import pytest

from agreements.choices import AgreementKind, AgreementStatus, Sector
from agreements.services import agreement_terminate
from tests.agreements.factories import AgreementFactory, WorkingDocumentFactory
from tests.partners.factories import PartnerCityFactory
from website.selectors import partner_city_list_public

pytestmark = pytest.mark.django_db

SIGNED = datetime.date(1991, 6, 1)
NO_RELATION = None


def public_relation(city):
    """The relation the public list gives the city: (relation, is current, since, until), or None."""
    listed = partner_city_list_public().filter(pk=city.pk)
    return listed.values_list("relation", "is_current", "since", "until").first()


class TestAgreements:
    def test_a_signed_public_agreement_gives_its_city_the_relation(self):
        agreement = AgreementFactory(kind=AgreementKind.TWINNING)
        assert public_relation(agreement.city) == ("twin_city", True, SIGNED, None)

    def test_an_agreement_in_negotiation_gives_none(self):
        agreement = AgreementFactory(
            status=AgreementStatus.NEGOTIATION, signed_on=None, resolution_number="", resolution_date=None
        )
        assert public_relation(agreement.city) == NO_RELATION

    def test_a_non_public_agreement_gives_none(self):
        agreement = AgreementFactory()
        agreement.is_public = False
        agreement.save()
        assert public_relation(agreement.city) == NO_RELATION

    def test_a_suspended_agreement_keeps_its_relation_current(self):
        agreement = AgreementFactory(status=AgreementStatus.SUSPENDED)
        assert public_relation(agreement.city) == ("partner_city", True, SIGNED, None)

    def test_terminating_through_the_lifecycle_ends_the_relation(self, admin_user):
        agreement = AgreementFactory()
        ended = datetime.date(2020, 1, 31)
        agreement_terminate(
            agreement=agreement,
            terminated_on=ended,
            reason="Expired.",
            act="City Council resolution XXX/700/20",
            user=admin_user,
        )
        assert public_relation(agreement.city) == ("partner_city", False, SIGNED, ended)

    def test_the_highest_current_relation_wins(self):
        city = PartnerCityFactory()
        AgreementFactory(city=city, kind=AgreementKind.PARTNERSHIP)
        AgreementFactory(city=city, kind=AgreementKind.TWINNING, signed_on=datetime.date(2001, 1, 1))
        assert public_relation(city) == ("twin_city", True, datetime.date(2001, 1, 1), None)

    def test_a_current_relation_wins_over_a_higher_one_that_ended(self):
        city = PartnerCityFactory()
        AgreementFactory(
            city=city,
            kind=AgreementKind.TWINNING,
            status=AgreementStatus.TERMINATED,
            terminated_on=datetime.date(2000, 1, 1),
        )
        AgreementFactory(city=city, kind=AgreementKind.PARTNERSHIP, signed_on=datetime.date(2001, 1, 1))
        assert public_relation(city) == ("partner_city", True, datetime.date(2001, 1, 1), None)

    def test_the_relation_dates_from_its_earliest_agreement(self):
        city = PartnerCityFactory()
        for sector, signed_on in [(Sector.CULTURE, datetime.date(2010, 1, 1)), (Sector.SPORT, SIGNED)]:
            AgreementFactory(
                city=city,
                kind=AgreementKind.SECTORAL,
                sector=sector,
                signed_on=signed_on,
            )
        assert public_relation(city) == ("sectoral", True, SIGNED, None)

    def test_an_honorary_title_dates_from_the_council_resolution(self):
        agreement = AgreementFactory(kind=AgreementKind.HONORARY_TITLE, city__country="JP", signed_on=None)
        assert public_relation(agreement.city) == (
            "honorary_twin_city",
            True,
            agreement.resolution_date,
            None,
        )

    def test_deleting_an_agreement_takes_its_relation_away(self):
        agreement = AgreementFactory()
        agreement.delete()
        assert public_relation(agreement.city) == NO_RELATION


class TestWorkingDocuments:
    def test_a_public_document_is_cooperation_until_it_ends(self):
        document = WorkingDocumentFactory()
        assert public_relation(document.city) == ("cooperation", True, document.signed_on, None)
        document.ended_on = datetime.date(2019, 12, 31)
        document.save()
        assert public_relation(document.city) == ("cooperation", False, document.signed_on, document.ended_on)

    def test_a_document_formalized_by_a_public_agreement_is_that_agreement(self):
        agreement = AgreementFactory()
        document = WorkingDocumentFactory(city=agreement.city, signed_on=datetime.date(1989, 1, 1))
        document.formalized_by = agreement
        document.save()
        assert public_relation(agreement.city) == ("partner_city", True, SIGNED, None)

    def test_the_formalizing_agreement_made_non_public_leaves_the_document_standing_for_itself(self):
        agreement = AgreementFactory()
        document = WorkingDocumentFactory(
            city=agreement.city, signed_on=datetime.date(1990, 3, 1), formalized_by=agreement
        )
        agreement.is_public = False
        agreement.save()
        assert public_relation(agreement.city) == ("cooperation", True, document.signed_on, None)

    def test_a_current_document_wins_over_an_agreement_that_ended(self):
        agreement = AgreementFactory(
            status=AgreementStatus.TERMINATED, terminated_on=datetime.date(2000, 1, 1)
        )
        document = WorkingDocumentFactory(city=agreement.city, signed_on=datetime.date(2010, 5, 1))
        assert public_relation(agreement.city) == ("cooperation", True, document.signed_on, None)

    def test_an_ended_relation_lasts_until_its_last_record_ended(self):
        ended = datetime.date(2021, 3, 1)
        agreement = AgreementFactory(
            status=AgreementStatus.TERMINATED, terminated_on=datetime.date(2000, 1, 1)
        )
        WorkingDocumentFactory(city=agreement.city, signed_on=datetime.date(2010, 5, 1), ended_on=ended)
        assert public_relation(agreement.city) == ("partner_city", False, SIGNED, ended)

    def test_a_non_public_document_gives_none(self):
        document = WorkingDocumentFactory(is_public=False)
        assert public_relation(document.city) == NO_RELATION
