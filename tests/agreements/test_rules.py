"""The council's rules on agreements, through the model layer and through the database itself."""

import datetime

import pytest

from agreements.choices import AgreementKind, AgreementStatus, Sector
from agreements.models import Agreement
from tests.agreements.factories import AgreementFactory
from tests.partners.factories import PartnerCityFactory
from tests.rules import database_refuses, errors_of

pytestmark = pytest.mark.django_db


def twinning(city, **fields):
    return AgreementFactory.build(city=city, kind=AgreementKind.TWINNING, **fields)


class TestOneTwinningPerCountry:
    def test_second_twin_city_in_a_country_is_refused_naming_the_first(self):
        nuremberg = PartnerCityFactory(name_en="Nuremberg", country="DE")
        twinning(nuremberg).save()
        leipzig = PartnerCityFactory(name_en="Leipzig", country="DE")

        errors = errors_of(twinning(leipzig))

        assert errors["city"] == ["Krakow already has a twin city in Germany: Nuremberg."]

    def test_message_is_in_polish_for_polish_staff(self, settings):
        twinning(PartnerCityFactory(name_pl="Norymberga", country="DE")).save()
        with_polish = twinning(PartnerCityFactory(country="DE"))

        from django.utils import translation

        with translation.override("pl"):
            errors = errors_of(with_polish)

        assert errors["city"] == ["Kraków ma już miasto bliźniacze w kraju Niemcy: Norymberga."]

    @pytest.mark.parametrize(
        "status", [AgreementStatus.NEGOTIATION, AgreementStatus.APPROVED, AgreementStatus.SUSPENDED]
    )
    def test_every_status_but_terminated_counts(self, status):
        first = twinning(PartnerCityFactory(country="DE"), status=status)
        if status in (AgreementStatus.NEGOTIATION, AgreementStatus.APPROVED):
            first.signed_on = None
        first.save()

        assert "city" in errors_of(twinning(PartnerCityFactory(country="DE")))

    def test_a_terminated_twinning_frees_the_country(self):
        twinning(
            PartnerCityFactory(country="DE"),
            status=AgreementStatus.TERMINATED,
            terminated_on=datetime.date(2000, 1, 1),
        ).save()

        twinning(PartnerCityFactory(country="DE")).full_clean()

    def test_twinnings_in_different_countries_are_allowed(self):
        twinning(PartnerCityFactory(country="DE")).save()

        twinning(PartnerCityFactory(country="UA")).full_clean()

    def test_partnerships_may_be_many_per_country(self):
        AgreementFactory(city=PartnerCityFactory(country="DE"))

        AgreementFactory.build(city=PartnerCityFactory(country="DE")).full_clean()

    def test_database_refuses_a_second_twin_city_in_a_country(self):
        twinning(PartnerCityFactory(country="DE")).save()

        database_refuses(twinning(PartnerCityFactory(country="DE")))


class TestHonoraryTitleOutsideEurope:
    def honorary(self, city):
        return AgreementFactory.build(city=city, kind=AgreementKind.HONORARY_TITLE, signed_on=None)

    def test_european_city_is_refused(self):
        errors = errors_of(self.honorary(PartnerCityFactory(name_en="Leuven", country="BE")))

        assert errors["kind"] == [
            "An Honorary Twin City title is granted only to cities outside Europe; Leuven is in Europe."
        ]

    def test_city_outside_europe_is_accepted(self):
        self.honorary(PartnerCityFactory(country="JP")).full_clean()

    def test_the_citys_continent_override_decides(self):
        """Istanbul's European side: Turkey is in Asia, but staff may place the city in Europe."""
        istanbul = PartnerCityFactory(country="TR", continent_override="europe")

        assert "kind" in errors_of(self.honorary(istanbul))

    def test_database_refuses_a_european_honorary_title(self):
        database_refuses(self.honorary(PartnerCityFactory(country="FR")))


class TestOneLiveAgreementPerCityAndKind:
    def test_second_partnership_with_the_same_city_is_refused(self):
        existing = AgreementFactory()

        errors = errors_of(AgreementFactory.build(city=existing.city))

        assert errors["kind"] == [
            f"Krakow already has an agreement of this kind with {existing.city.name} that is not terminated."
        ]

    def test_sectoral_agreements_in_different_sectors_are_allowed(self):
        city = PartnerCityFactory()
        AgreementFactory(city=city, kind=AgreementKind.SECTORAL, sector=Sector.CULTURE)

        AgreementFactory.build(city=city, kind=AgreementKind.SECTORAL, sector=Sector.ENVIRONMENT).full_clean()

    def test_same_sector_twice_is_refused(self):
        city = PartnerCityFactory()
        AgreementFactory(city=city, kind=AgreementKind.SECTORAL, sector=Sector.CULTURE)

        assert "kind" in errors_of(
            AgreementFactory.build(city=city, kind=AgreementKind.SECTORAL, sector="culture")
        )

    def test_a_new_agreement_may_follow_a_terminated_one(self):
        old = AgreementFactory(status=AgreementStatus.TERMINATED, terminated_on=datetime.date(2000, 1, 1))

        AgreementFactory.build(city=old.city).full_clean()

    def test_database_refuses_a_duplicate(self):
        existing = AgreementFactory()

        database_refuses(AgreementFactory.build(city=existing.city))


class TestSector:
    @pytest.mark.parametrize(
        ("kind", "sector"),
        [(AgreementKind.SECTORAL, ""), (AgreementKind.PARTNERSHIP, Sector.CULTURE)],
        ids=["sectoral-without-sector", "partnership-with-sector"],
    )
    def test_sector_only_and_always_for_sectoral(self, kind, sector):
        agreement = AgreementFactory.build(city=PartnerCityFactory(), kind=kind, sector=sector)

        assert errors_of(agreement)["sector"] == [
            "A sectoral agreement has exactly one sector; other kinds have none."
        ]
        database_refuses(agreement)


class TestResolutionAndDates:
    @pytest.mark.parametrize("kind", [AgreementKind.TWINNING, AgreementKind.PARTNERSHIP])
    @pytest.mark.parametrize(
        "status", [AgreementStatus.APPROVED, AgreementStatus.IN_FORCE, AgreementStatus.SUSPENDED]
    )
    def test_council_resolution_needed_beyond_negotiation(self, kind, status):
        agreement = AgreementFactory.build(
            city=PartnerCityFactory(), kind=kind, status=status, resolution_number="", resolution_date=None
        )

        assert "resolution_number" in errors_of(agreement)
        database_refuses(agreement)

    def test_negotiation_needs_no_resolution(self):
        AgreementFactory.build(
            city=PartnerCityFactory(),
            status=AgreementStatus.NEGOTIATION,
            resolution_number="",
            resolution_date=None,
            signed_on=None,
        ).full_clean()

    def test_sectoral_agreement_needs_no_council_resolution(self):
        AgreementFactory.build(
            city=PartnerCityFactory(),
            kind=AgreementKind.SECTORAL,
            sector=Sector.ENVIRONMENT,
            resolution_number="",
            resolution_date=None,
        ).full_clean()

    def test_resolution_number_needs_its_date(self):
        agreement = AgreementFactory.build(city=PartnerCityFactory(), resolution_date=None)

        assert "resolution_date" in errors_of(agreement)
        database_refuses(agreement)

    @pytest.mark.parametrize("number", ["123/91", "XII-123-91", "xii/123/91", "XII/123/1991"])
    def test_malformed_resolution_number_is_refused(self, number):
        agreement = AgreementFactory.build(city=PartnerCityFactory(), resolution_number=number)

        assert "resolution_number" in errors_of(agreement)

    @pytest.mark.parametrize("status", [AgreementStatus.IN_FORCE, AgreementStatus.SUSPENDED])
    def test_in_force_needs_a_signing_date(self, status):
        agreement = AgreementFactory.build(city=PartnerCityFactory(), status=status, signed_on=None)

        assert errors_of(agreement)["signed_on"] == [
            "An agreement in force, suspended or terminated needs its signing date."
        ]
        database_refuses(agreement)

    def test_honorary_title_is_dated_by_its_resolution(self):
        title = AgreementFactory.build(
            city=PartnerCityFactory(country="BR"), kind=AgreementKind.HONORARY_TITLE, signed_on=None
        )

        title.full_clean()
        assert title.in_effect_since == title.resolution_date

    def test_signing_before_the_resolution_is_refused(self):
        agreement = AgreementFactory.build(
            city=PartnerCityFactory(),
            resolution_date=datetime.date(1992, 2, 14),
            signed_on=datetime.date(1991, 12, 9),
        )

        assert "signed_on" in errors_of(agreement)
        database_refuses(agreement)

    def test_a_ratifying_resolution_may_follow_the_signing(self):
        """Nuremberg: signed on 9 December 1991, approved by resolution XLIII/298/92 of 14 February 1992."""
        AgreementFactory.build(
            city=PartnerCityFactory(),
            resolution_number="XLIII/298/92",
            resolution_date=datetime.date(1992, 2, 14),
            resolution_ratifies_signed_agreement=True,
            signed_on=datetime.date(1991, 12, 9),
        ).full_clean()

    def test_a_ratifying_resolution_cannot_precede_the_signing(self):
        agreement = AgreementFactory.build(
            city=PartnerCityFactory(), resolution_ratifies_signed_agreement=True
        )

        assert "resolution_date" in errors_of(agreement)
        database_refuses(agreement)

    def test_terminated_needs_a_termination_date(self):
        agreement = AgreementFactory.build(city=PartnerCityFactory(), status=AgreementStatus.TERMINATED)

        assert "terminated_on" in errors_of(agreement)
        database_refuses(agreement)

    def test_only_a_terminated_agreement_has_a_termination_date(self):
        agreement = AgreementFactory.build(city=PartnerCityFactory(), terminated_on=datetime.date(2000, 1, 1))

        assert "terminated_on" in errors_of(agreement)
        database_refuses(agreement)

    def test_termination_before_signing_is_refused(self):
        agreement = AgreementFactory.build(
            city=PartnerCityFactory(),
            status=AgreementStatus.TERMINATED,
            terminated_on=datetime.date(1991, 1, 1),
        )

        assert errors_of(agreement)["terminated_on"] == [
            "An agreement cannot be terminated before it was signed or resolved."
        ]
        database_refuses(agreement)

    def test_nothing_is_signed_in_the_future(self):
        tomorrow = datetime.date.today() + datetime.timedelta(days=2)
        agreement = AgreementFactory.build(city=PartnerCityFactory(), signed_on=tomorrow)

        assert errors_of(agreement)["signed_on"] == [
            "A date of signing or termination cannot be in the future."
        ]


class TestDeletionIsProtected:
    def test_a_city_with_agreements_cannot_be_deleted(self):
        from django.db.models import ProtectedError

        agreement = AgreementFactory()

        with pytest.raises(ProtectedError):
            agreement.city.delete()


def test_valid_agreement_passes_every_rule():
    agreement = AgreementFactory.build(city=PartnerCityFactory())

    agreement.full_clean()
    agreement.save()

    assert Agreement.objects.get(pk=agreement.pk).country == "DE"


@pytest.mark.parametrize(
    ("status", "is_public", "visible"),
    [
        (AgreementStatus.NEGOTIATION, True, False),
        (AgreementStatus.APPROVED, True, False),
        (AgreementStatus.IN_FORCE, True, True),
        (AgreementStatus.SUSPENDED, True, True),
        (AgreementStatus.TERMINATED, True, True),
        (AgreementStatus.IN_FORCE, False, False),
    ],
)
def test_an_agreement_is_public_only_once_signed_and_if_marked_public(status, is_public, visible):
    assert AgreementFactory.build(status=status, is_public=is_public).is_publicly_visible is visible
