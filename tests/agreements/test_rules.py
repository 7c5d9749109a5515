"""The council's rules on agreements, through the model layer and through the database itself."""

import datetime

import pytest
from django.utils import timezone

from agreements.choices import AgreementKind, AgreementStatus, Sector, WorkingDocumentKind
from agreements.models import MESSAGES, Agreement
from tests.agreements.factories import AgreementFactory, WorkingDocumentFactory
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
        """Staff may place a city where the council decided, whatever its coordinates say."""
        ankara = PartnerCityFactory(
            country="TR",
            latitude=39.9334,
            longitude=32.8597,
            continent_override="europe",
            continent_override_reason="Council resolution",
        )

        assert "kind" in errors_of(self.honorary(ankara))

    @pytest.mark.parametrize(
        ("name", "country", "latitude", "longitude"),
        [("Nicosia", "CY", 35.1856, 33.3823), ("Las Palmas", "ES", 28.1235, -15.4363)],
    )
    def test_a_city_of_an_eu_member_state_is_in_europe_wherever_it_lies(
        self, name, country, latitude, longitude
    ):
        city = PartnerCityFactory(name_en=name, country=country, latitude=latitude, longitude=longitude)

        assert errors_of(self.honorary(city))["kind"] == [
            f"An Honorary Twin City title is granted only to cities outside Europe; {name} is in Europe."
        ]
        database_refuses(self.honorary(city))

    def test_a_russian_city_beyond_the_urals_may_hold_the_title(self):
        self.honorary(PartnerCityFactory(country="RU", latitude=43.1198, longitude=131.8869)).full_clean()

    def test_a_city_of_a_country_on_two_continents_needs_its_coordinates(self):
        city = PartnerCityFactory(name_en="Somewhere", country="RU", latitude=None, longitude=None)

        assert errors_of(self.honorary(city))["kind"] == [
            MESSAGES["honorary_continent_undecided"] % {"city": "Somewhere"}
        ]
        database_refuses(self.honorary(city))

    def test_database_refuses_a_european_honorary_title(self):
        database_refuses(self.honorary(PartnerCityFactory(country="FR")))


class TestOneLiveAgreementPerCityAndKind:
    def test_second_partnership_with_the_same_city_is_refused(self):
        existing = AgreementFactory()

        errors = errors_of(AgreementFactory.build(city=existing.city))

        assert errors["kind"] == [
            f"Krakow already has an agreement of this kind with {existing.city.name} that is not terminated: "
            f"{existing.slug}. Record this one as renewing, replacing or amending it, or terminate that one "
            "first."
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
    @pytest.mark.parametrize(
        "kind", [AgreementKind.TWINNING, AgreementKind.PARTNERSHIP, AgreementKind.SECTORAL]
    )
    @pytest.mark.parametrize(
        "status", [AgreementStatus.APPROVED, AgreementStatus.IN_FORCE, AgreementStatus.SUSPENDED]
    )
    def test_a_decision_is_needed_beyond_negotiation_for_every_kind(self, kind, status):
        agreement = AgreementFactory.build(
            city=PartnerCityFactory(),
            kind=kind,
            sector=Sector.CULTURE if kind == AgreementKind.SECTORAL else "",
            status=status,
            resolution_number="",
            resolution_date=None,
        )

        assert errors_of(agreement) == {"resolution_date": [MESSAGES["decision_required"]]}
        database_refuses(agreement)

    def test_negotiation_needs_no_resolution(self):
        AgreementFactory.build(
            city=PartnerCityFactory(),
            status=AgreementStatus.NEGOTIATION,
            resolution_number="",
            resolution_date=None,
            signed_on=None,
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
            "An agreement in force, suspended or terminated needs its signing date (an honorary title, its "
            "resolution's), unless it is an old record whose decision is not recorded either."
        ]
        database_refuses(agreement)

    def test_an_old_record_may_know_neither_its_decision_nor_its_signing_day(self):
        agreement = AgreementFactory.build(
            city=PartnerCityFactory(),
            status=AgreementStatus.IN_FORCE,
            signed_on=None,
            resolution_number="",
            resolution_date=None,
            decision_not_recorded="The public record names neither the act nor the year.",
        )

        agreement.full_clean()
        agreement.save()
        assert agreement.in_effect_since is None

    def test_honorary_title_is_dated_by_its_resolution(self):
        title = AgreementFactory.build(
            city=PartnerCityFactory(country="BR"), kind=AgreementKind.HONORARY_TITLE, signed_on=None
        )

        title.full_clean()
        assert title.in_effect_since.first_day == title.resolution_date

    def test_signing_before_the_resolution_is_refused(self):
        agreement = AgreementFactory.build(
            city=PartnerCityFactory(),
            resolution_number="XLIII/298/92",
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


class TestTheDecision:
    """Who decided an agreement: the City Council (from its first election), the body of the time before it, or
    a note why an old record lacks the act; and the act that ended a terminated one."""

    def test_a_resolution_known_by_its_date_alone_is_recorded_without_a_number(self):
        """Curitiba's title: granted by the City Council on 5 February 1993, number not in the record."""
        AgreementFactory.build(
            city=PartnerCityFactory(country="BR"),
            kind=AgreementKind.HONORARY_TITLE,
            resolution_number="",
            resolution_date=datetime.date(1993, 2, 5),
            signed_on=None,
        ).full_clean()

    def test_no_council_resolution_before_the_council_was_first_elected(self):
        agreement = AgreementFactory.build(
            city=PartnerCityFactory(),
            resolution_number="XXIV/180/73",
            resolution_date=datetime.date(1973, 8, 22),
            signed_on=datetime.date(1973, 9, 8),
        )

        assert errors_of(agreement) == {
            "resolution_date": [
                "The City Council of Krakow was first elected on 27 May 1990: no resolution of it is dated "
                "earlier (an earlier decision was the body of the time's)."
            ]
        }
        database_refuses(agreement)

    def test_an_agreement_before_1990_was_decided_by_the_body_of_the_time(self):
        """Leipzig, 1973: the Presidium of the City National Council."""
        AgreementFactory.build(
            city=PartnerCityFactory(),
            resolution_number="",
            resolution_date=None,
            deciding_body="Presidium of the City National Council",
            signed_on=datetime.date(1973, 9, 8),
        ).full_clean()

    def test_the_body_of_the_time_decided_nothing_signed_after_the_council_was_elected(self):
        agreement = AgreementFactory.build(
            city=PartnerCityFactory(),
            resolution_number="",
            resolution_date=None,
            deciding_body="Presidium of the City National Council",
            signed_on=datetime.date(1990, 5, 27),
        )

        assert errors_of(agreement) == {"deciding_body": [MESSAGES["earlier_body_before_1990"]]}
        database_refuses(agreement)

    def test_an_old_record_may_say_why_its_decision_is_not_recorded(self):
        AgreementFactory.build(
            city=PartnerCityFactory(),
            resolution_number="",
            resolution_date=None,
            decision_not_recorded="The public record names no resolution.",
        ).full_clean()

    def test_an_agreement_in_negotiation_has_no_decision_to_be_missing(self):
        agreement = AgreementFactory.build(
            city=PartnerCityFactory(),
            status=AgreementStatus.NEGOTIATION,
            resolution_number="",
            resolution_date=None,
            signed_on=None,
            decision_not_recorded="Not known.",
        )

        assert errors_of(agreement) == {"decision_not_recorded": [MESSAGES["not_recorded_when_signed"]]}
        database_refuses(agreement)

    def test_one_decision_not_two(self):
        agreement = AgreementFactory.build(
            city=PartnerCityFactory(), decision_not_recorded="The public record names no resolution."
        )

        assert errors_of(agreement) == {"decision_not_recorded": [MESSAGES["one_decision"]]}
        database_refuses(agreement)

    def test_an_honorary_title_whose_resolution_is_not_recorded_has_no_date(self):
        title = AgreementFactory.build(
            city=PartnerCityFactory(country="CL"),
            kind=AgreementKind.HONORARY_TITLE,
            resolution_number="",
            resolution_date=None,
            decision_not_recorded="The year of the resolution was not found.",
            signed_on=None,
        )

        title.full_clean()
        assert title.in_effect_since is None

    def test_a_terminated_agreement_records_the_act_that_ended_it(self):
        agreement = AgreementFactory.build(
            city=PartnerCityFactory(),
            status=AgreementStatus.TERMINATED,
            terminated_on=datetime.date(2022, 9, 16),
            termination_act="",
        )

        assert errors_of(agreement) == {"termination_act": [MESSAGES["termination_act_required"]]}
        database_refuses(agreement)

    def test_or_why_that_act_is_not_recorded(self):
        AgreementFactory.build(
            city=PartnerCityFactory(),
            status=AgreementStatus.TERMINATED,
            terminated_on=datetime.date(2022, 9, 16),
            termination_act="",
            termination_act_not_recorded="Ended before the registry kept the act.",
        ).full_clean()

    def test_an_agreement_not_terminated_has_no_act_that_ended_it(self):
        agreement = AgreementFactory.build(city=PartnerCityFactory(), termination_act="Resolution of 2022")

        assert errors_of(agreement) == {"termination_act": [MESSAGES["termination_act_required"]]}
        database_refuses(agreement)


class TestConsistentDates:
    def test_a_resolution_number_names_the_year_of_its_date(self):
        agreement = AgreementFactory.build(
            city=PartnerCityFactory(),
            status=AgreementStatus.APPROVED,
            resolution_number="XII/123/91",
            resolution_date=datetime.date(2025, 3, 5),
            signed_on=None,
        )

        assert errors_of(agreement) == {
            "resolution_date": ["Resolution XII/123/91 is of 1991, but its date is in 2025."]
        }

    @pytest.mark.parametrize(
        ("number", "year"), [("XII/123/91", 1991), ("IV/47/90", 1990), ("LX/1/24", 2024)]
    )
    def test_two_digits_name_the_councils_years(self, number, year):
        AgreementFactory.build(
            city=PartnerCityFactory(),
            resolution_number=number,
            resolution_date=datetime.date(year, 6, 1),
            signed_on=datetime.date(year, 7, 1),
        ).full_clean()

    def test_no_resolution_dated_in_the_future(self):
        tomorrow = timezone.localdate() + datetime.timedelta(days=1)
        agreement = AgreementFactory.build(
            city=PartnerCityFactory(),
            status=AgreementStatus.APPROVED,
            resolution_number=f"I/1/{tomorrow.year % 100:02d}",
            resolution_date=tomorrow,
            signed_on=None,
        )

        assert errors_of(agreement) == {
            "resolution_date": ["A City Council resolution cannot be dated in the future."]
        }


class TestWorkingDocumentDates:
    def test_an_agreement_formalizes_only_a_document_signed_before_it(self):
        """Not a letter of 2015 "formalized" by an agreement signed in 1991."""
        city = PartnerCityFactory()
        document = WorkingDocumentFactory.build(
            city=city, signed_on=datetime.date(2015, 3, 1), formalized_by=AgreementFactory(city=city)
        )

        assert errors_of(document) == {
            "formalized_by": [
                "An agreement formalizes a document signed before it: this one dates from 1 June 1991, the "
                "document from 1 March 2015."
            ]
        }

    def test_an_old_agreement_whose_decision_is_not_recorded_still_formalizes(self):
        """Gothenburg: the declaration of 1988, formalized by the agreement of 1990."""
        city = PartnerCityFactory()
        agreement = AgreementFactory(
            city=city,
            resolution_number="",
            resolution_date=None,
            decision_not_recorded="The public record names no act.",
            signed_on=datetime.date(1990, 3, 22),
        )

        WorkingDocumentFactory.build(
            city=city, signed_on=datetime.date(1988, 11, 28), formalized_by=agreement
        ).full_clean()

    def test_no_document_signed_or_ended_in_the_future(self):
        later = timezone.localdate() + datetime.timedelta(days=2)
        document = WorkingDocumentFactory.build(city=PartnerCityFactory(), signed_on=later, ended_on=later)

        assert errors_of(document) == {
            "signed_on": [MESSAGES["document_not_in_future"]],
            "ended_on": [MESSAGES["document_not_in_future"]],
        }


class TestWorkingDocumentKinds:
    """The council's text lists working documents "such as" these: others are recorded under their own name,
    and cooperation may go on with no signed document at all."""

    @pytest.mark.parametrize(
        "kind", [WorkingDocumentKind.MEMORANDUM, WorkingDocumentKind.COOPERATION_PROGRAMME]
    )
    def test_a_memorandum_or_a_cooperation_programme_is_a_working_document(self, kind):
        WorkingDocumentFactory.build(city=PartnerCityFactory(), kind=kind).full_clean()

    def test_another_kind_of_document_is_recorded_under_its_own_name(self):
        document = WorkingDocumentFactory.build(
            city=PartnerCityFactory(), kind=WorkingDocumentKind.OTHER, kind_name="cooperation plan"
        )

        document.full_clean()
        assert document.kind_display == "cooperation plan"

    @pytest.mark.parametrize(
        ("kind", "kind_name"),
        [(WorkingDocumentKind.OTHER, ""), (WorkingDocumentKind.DECLARATION, "cooperation plan")],
        ids=["other-without-name", "listed-kind-with-name"],
    )
    def test_only_another_kind_has_a_name_and_it_always_has_one(self, kind, kind_name):
        document = WorkingDocumentFactory.build(city=PartnerCityFactory(), kind=kind, kind_name=kind_name)

        assert errors_of(document) == {"kind_name": [MESSAGES["kind_name_for_other"]]}
        database_refuses(document)

    def test_cooperation_without_a_signed_document_has_no_signing(self):
        WorkingDocumentFactory.build(
            city=PartnerCityFactory(), kind=WorkingDocumentKind.NO_DOCUMENT, signed_on=None
        ).full_clean()

        document = WorkingDocumentFactory.build(
            city=PartnerCityFactory(),
            kind=WorkingDocumentKind.NO_DOCUMENT,
            signed_on=datetime.date(2002, 5, 15),
        )
        assert errors_of(document) == {"signed_on": [MESSAGES["nothing_signed_without_a_document"]]}
        database_refuses(document)

    def test_a_document_whose_day_of_signing_is_unknown_is_recorded_without_one(self):
        WorkingDocumentFactory.build(
            city=PartnerCityFactory(), kind=WorkingDocumentKind.DECLARATION, signed_on=None
        ).full_clean()

    def test_an_agreement_of_unknown_date_may_formalize_a_dated_document(self):
        """An honorary title whose resolution is not recorded has no date to compare."""
        title = AgreementFactory(
            kind=AgreementKind.HONORARY_TITLE,
            city__country="CL",
            signed_on=None,
            resolution_number="",
            resolution_date=None,
            decision_not_recorded="The year of the resolution was not found.",
        )

        WorkingDocumentFactory.build(city=title.city, formalized_by=title).full_clean()
