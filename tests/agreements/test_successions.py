"""Successive agreements: a later one renews, replaces or amends an earlier one with the same city, and at
most one agreement of a kind is in effect with a city at a time."""

import datetime

import pytest
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError

from agreements import services
from agreements.choices import AgreementKind, AgreementStatus, Sector, Succession
from agreements.models import MESSAGES, Agreement
from tests.agreements.factories import AgreementFactory
from tests.partners.factories import PartnerCityFactory
from tests.rules import database_refuses, errors_of

pytestmark = pytest.mark.django_db


def successor(earlier, follows_as, **fields):
    """An agreement approved by the council that follows `earlier`, waiting to be signed."""
    values = {
        "city": earlier.city,
        "kind": earlier.kind,
        "sector": earlier.sector,
        "status": AgreementStatus.APPROVED,
        "resolution_number": "XX/200/12",
        "resolution_date": datetime.date(2012, 9, 1),
        "signed_on": None,
        "follows": earlier,
        "follows_as": follows_as,
    }
    return AgreementFactory(**(values | fields))


@pytest.fixture
def user():
    return User.objects.create_user("officer", is_staff=True)


class TestRecording:
    def test_a_second_agreement_with_the_city_may_be_recorded_as_following_the_first(self):
        rome_2009 = AgreementFactory(signed_on=datetime.date(2009, 5, 1))

        successor(rome_2009, Succession.NOT_RECORDED).full_clean()

    def test_one_that_follows_nothing_is_refused_while_the_first_is_not_terminated(self):
        first = AgreementFactory()

        errors = errors_of(AgreementFactory.build(city=first.city, status=AgreementStatus.NEGOTIATION))

        assert first.slug in errors["kind"][0]

    @pytest.mark.parametrize(
        "follows_as", [Succession.RENEWAL, Succession.REPLACEMENT, Succession.NOT_RECORDED]
    )
    def test_two_of_a_kind_are_never_in_effect_together(self, follows_as):
        first = AgreementFactory(signed_on=datetime.date(2005, 10, 24))
        second = AgreementFactory.build(
            city=first.city, follows=first, follows_as=follows_as, signed_on=datetime.date(2017, 6, 1)
        )

        assert errors_of(second)["status"] == [
            MESSAGES["one_in_effect"] % {"city": first.city.name, "agreement": first.slug}
        ]
        database_refuses(second)

    def test_an_amendment_is_in_force_beside_the_agreement_it_amends(self):
        agreement = AgreementFactory()
        amendment = AgreementFactory.build(
            city=agreement.city,
            follows=agreement,
            follows_as=Succession.AMENDMENT,
            signed_on=datetime.date(2000, 1, 1),
        )

        amendment.full_clean()
        amendment.save()

    def test_an_amendment_is_no_second_twin_city_in_the_country(self):
        twinning = AgreementFactory(kind=AgreementKind.TWINNING, city=PartnerCityFactory(country="DE"))

        AgreementFactory(
            kind=AgreementKind.TWINNING,
            city=twinning.city,
            follows=twinning,
            follows_as=Succession.AMENDMENT,
            signed_on=datetime.date(2000, 1, 1),
        ).full_clean()

    def test_a_renewal_is_no_second_twin_city_in_the_country(self):
        twinning = AgreementFactory(kind=AgreementKind.TWINNING, city=PartnerCityFactory(country="DE"))

        successor(twinning, Succession.RENEWAL).full_clean()

    def test_another_city_of_the_country_is_still_refused_a_twinning(self):
        AgreementFactory(kind=AgreementKind.TWINNING, city=PartnerCityFactory(country="DE"))

        second = AgreementFactory.build(
            kind=AgreementKind.TWINNING,
            city=PartnerCityFactory(country="DE"),
            status=AgreementStatus.NEGOTIATION,
        )
        second.resolution_number, second.resolution_date, second.signed_on = "", None, None

        assert "city" in errors_of(second)


class TestWhatMayBeFollowed:
    def test_which_and_how_go_together(self):
        earlier = AgreementFactory()
        later = AgreementFactory.build(city=earlier.city, follows=earlier, status=AgreementStatus.TERMINATED)

        assert errors_of(later)["follows_as"] == [MESSAGES["follows_together"]]
        database_refuses(later)

    def test_only_the_same_citys_agreement(self):
        earlier = AgreementFactory()

        errors = errors_of(successor(earlier, Succession.REPLACEMENT, city=PartnerCityFactory()))

        assert errors["follows"] == [MESSAGES["follows_same_city"]]

    def test_only_a_signed_agreement(self):
        negotiated = AgreementFactory(
            status=AgreementStatus.NEGOTIATION, resolution_number="", resolution_date=None, signed_on=None
        )
        later = AgreementFactory.build(
            city=negotiated.city,
            follows=negotiated,
            follows_as=Succession.RENEWAL,
            status=AgreementStatus.NEGOTIATION,
        )
        later.resolution_number, later.resolution_date, later.signed_on = "", None, None

        assert errors_of(later)["follows"] == [MESSAGES["follows_signed"]]

    def test_only_an_earlier_one(self):
        earlier = AgreementFactory(
            signed_on=datetime.date(2010, 1, 1),
            status=AgreementStatus.TERMINATED,
            terminated_on=datetime.date(2012, 1, 1),
        )
        later = AgreementFactory.build(
            city=earlier.city,
            follows=earlier,
            follows_as=Succession.REPLACEMENT,
            signed_on=datetime.date(2009, 1, 1),
        )

        assert errors_of(later)["follows"] == [
            MESSAGES["follows_earlier"]
            % {"earlier": earlier.slug, "date": earlier.in_effect_since.in_genitive()}
        ]

    def test_not_itself_through_others(self):
        first = AgreementFactory(status=AgreementStatus.TERMINATED, terminated_on=datetime.date(2012, 1, 1))
        second = successor(first, Succession.REPLACEMENT, signed_on=None)
        Agreement.objects.filter(pk=first.pk).update(follows=second, follows_as=Succession.REPLACEMENT)
        second.refresh_from_db()

        assert errors_of(second)["follows"] == [MESSAGES["follows_not_itself"]]

    @pytest.mark.parametrize("follows_as", [Succession.RENEWAL, Succession.AMENDMENT])
    def test_a_renewal_or_amendment_keeps_the_kind(self, follows_as):
        earlier = AgreementFactory(kind=AgreementKind.SECTORAL, sector=Sector.CULTURE)

        errors = errors_of(successor(earlier, follows_as, kind=AgreementKind.SECTORAL, sector=Sector.SPORT))

        assert errors["follows_as"] == [MESSAGES["renewal_same_kind"]]

    def test_a_replacement_may_raise_the_relation(self):
        """Nuremberg's framework agreement of 1979 was followed by a twinning in 1991."""
        earlier = AgreementFactory(kind=AgreementKind.PARTNERSHIP)

        successor(earlier, Succession.REPLACEMENT, kind=AgreementKind.TWINNING).full_clean()


class TestLifecycle:
    @pytest.mark.parametrize(
        ("follows_as", "wording"),
        [
            (Succession.RENEWAL, "Renewed by"),
            (Succession.REPLACEMENT, "Replaced by"),
            (Succession.NOT_RECORDED, "Followed by"),
        ],
    )
    def test_signing_the_successor_ends_the_agreement_it_follows(self, user, follows_as, wording):
        earlier = AgreementFactory(signed_on=datetime.date(2009, 7, 2))
        later = successor(earlier, follows_as)

        services.agreement_bring_into_force(
            agreement=later, signed_on=datetime.date(2012, 10, 23), signatories="Mayors", user=user
        )

        earlier.refresh_from_db()
        assert (earlier.status, earlier.terminated_on) == (
            AgreementStatus.TERMINATED,
            datetime.date(2012, 10, 23),
        )
        assert earlier.termination_act.startswith(f"{wording} the agreement {later.slug}")
        assert earlier.transitions.get().to_status == AgreementStatus.TERMINATED

    def test_signing_an_amendment_leaves_the_agreement_in_force(self, user):
        agreement = AgreementFactory()
        amendment = successor(agreement, Succession.AMENDMENT)

        services.agreement_bring_into_force(
            agreement=amendment, signed_on=datetime.date(2013, 1, 1), signatories="Mayors", user=user
        )

        agreement.refresh_from_db()
        assert agreement.status == AgreementStatus.IN_FORCE

    def test_terminating_an_agreement_ends_its_amendments(self, user):
        agreement = AgreementFactory()
        amendment = AgreementFactory(
            city=agreement.city,
            follows=agreement,
            follows_as=Succession.AMENDMENT,
            signed_on=datetime.date(2000, 1, 1),
        )

        services.agreement_terminate(
            agreement=agreement,
            terminated_on=datetime.date(2020, 1, 1),
            reason="Ended",
            act="Notice",
            user=user,
        )

        amendment.refresh_from_db()
        assert (amendment.status, amendment.terminated_on) == (
            AgreementStatus.TERMINATED,
            datetime.date(2020, 1, 1),
        )

    def test_a_successor_that_breaks_a_rule_leaves_the_earlier_one_in_force(self, user):
        earlier = AgreementFactory(signed_on=datetime.date(2009, 7, 2))
        later = successor(earlier, Succession.RENEWAL)

        # Signed before the council's resolution of 1 September 2012: the successor breaks its own rule only
        # once the earlier agreement has been terminated for it.
        with pytest.raises(ValidationError) as refused:
            services.agreement_bring_into_force(
                agreement=later, signed_on=datetime.date(2012, 5, 1), signatories="Mayors", user=user
            )

        assert "signed_on" in refused.value.message_dict
        earlier.refresh_from_db()
        assert (earlier.status, earlier.transitions.count()) == (AgreementStatus.IN_FORCE, 0)


class TestEveryDoor:
    def test_an_agreement_cannot_be_recorded_terminated_while_its_amendment_is_in_force(self):
        agreement = AgreementFactory()
        AgreementFactory(
            city=agreement.city,
            follows=agreement,
            follows_as=Succession.AMENDMENT,
            signed_on=datetime.date(2000, 1, 1),
        )
        agreement.status, agreement.terminated_on, agreement.termination_act = (
            AgreementStatus.TERMINATED,
            datetime.date(2020, 1, 1),
            "Notice",
        )

        assert errors_of(agreement)["status"] == [MESSAGES["amendments_in_effect"]]

    def test_the_database_refuses_two_live_successors_of_one_agreement(self):
        earlier = AgreementFactory()
        successor(earlier, Succession.RENEWAL)

        database_refuses(
            AgreementFactory.build(
                city=earlier.city,
                slug="second-successor",
                follows=earlier,
                follows_as=Succession.REPLACEMENT,
                status=AgreementStatus.NEGOTIATION,
                resolution_number="",
                resolution_date=None,
                signed_on=None,
            )
        )
