"""Spreadsheets carry an agreement's succession, a document's term and a city's names, other names in one
column, and every row goes through the same rules as the admin and the exchange format."""

import datetime

import pytest
import tablib

from agreements.choices import Succession
from agreements.models import Agreement, WorkingDocument
from agreements.resources import AgreementResource, WorkingDocumentResource
from partners.models import CityName, PartnerCity
from partners.resources import PartnerCityResource
from registry.terms import Term
from tests.agreements.factories import AgreementFactory, WorkingDocumentFactory
from tests.partners.factories import PartnerCityFactory
from tests.spreadsheets.test_admin_import_export import CSV, confirm, upload
from tests.spreadsheets.test_formulae import FILE_NAMES, FORMATS, export, values

pytestmark = pytest.mark.django_db

AGREEMENTS, CITIES = "agreements/agreement", "partners/partnercity"
AGREEMENT_HEADER = "id,city,kind,status,resolution_number,resolution_date,signed_on,follows,follows_as"
CITY_HEADER = "id,name_en,name_pl,name_native,country,other_names"


def preview(client, model_path, text, file_format=CSV):
    return upload(client, model_path, text.encode(), file_format, FILE_NAMES[file_format])


def imported(client, model_path, text):
    response = preview(client, model_path, text)
    result = response.context["result"]
    assert not result.has_errors() and not result.has_validation_errors(), [
        row.error_dict for row in result.invalid_rows
    ]
    confirm(client, model_path, response)


def refusals(client, model_path, text):
    """The invalid rows' numbers and messages; nothing of the sheet is written."""
    result = preview(client, model_path, text).context["result"]
    return [(row.number, row.error_dict) for row in result.invalid_rows]


@pytest.fixture
def rome():
    city = PartnerCityFactory(slug="rome", name_en="Rome", country="IT")
    AgreementFactory(
        slug="rome-2009",
        city=city,
        status="terminated",
        signed_on=datetime.date(2009, 5, 1),
        terminated_on=datetime.date(2012, 10, 23),
    )
    return city


class TestAgreements:
    def test_a_chain_exported_imports_back_into_an_empty_registry(self, admin_client, rome):
        AgreementFactory(
            slug="rome-partnership",
            city=rome,
            signed_on=datetime.date(2012, 10, 23),
            follows=Agreement.objects.get(slug="rome-2009"),
            follows_as=Succession.NOT_RECORDED,
        )
        sheet = export(admin_client, AGREEMENTS, AgreementResource, CSV).decode()
        Agreement.objects.filter(follows__isnull=False).delete()
        Agreement.objects.all().delete()

        imported(admin_client, AGREEMENTS, sheet)

        assert Agreement.objects.get(slug="rome-partnership").follows.slug == "rome-2009"

    def test_a_renewal_with_its_term_is_imported(self, admin_client, rome):
        imported(
            admin_client,
            AGREEMENTS,
            AGREEMENT_HEADER + ",term,term_years,expires_on,notice_months\n"
            "rome-2012,rome,partnership,in_force,XII/123/90,1990-09-12,2012-10-23,rome-2009,renewal,"
            "fixed,,2017-10-22,6\n",
        )

        later = Agreement.objects.get(slug="rome-2012")
        assert (later.follows.slug, later.follows_as) == ("rome-2009", Succession.RENEWAL)
        assert (later.term, later.term_years, later.expires_on, later.notice_months) == (
            Term.FIXED,
            None,
            datetime.date(2017, 10, 22),
            6,
        )

    @FORMATS
    def test_an_export_imports_back_with_the_succession_and_the_term(self, admin_client, rome, file_format):
        AgreementFactory(
            slug="rome-2012",
            city=rome,
            signed_on=datetime.date(2012, 10, 23),
            follows=Agreement.objects.get(slug="rome-2009"),
            follows_as=Succession.NOT_RECORDED,
            term=Term.RENEWING,
            term_years=5,
            notice_months=6,
        )
        exported = export(admin_client, AGREEMENTS, AgreementResource, file_format)
        row = next(row for row in values(exported, file_format) if row["id"] == "rome-2012")
        assert (row["follows"], row["follows_as"], row["term"]) == ("rome-2009", "not_recorded", "renewing")
        Agreement.objects.filter(slug="rome-2012").update(notice_months=1)

        response = upload(admin_client, AGREEMENTS, exported, file_format, FILE_NAMES[file_format])
        result = response.context["result"]
        assert not result.has_errors() and not result.has_validation_errors(), [
            (row.errors, row.validation_error) for row in result.rows if row.errors or row.validation_error
        ]
        confirm(admin_client, AGREEMENTS, response)

        later = Agreement.objects.get(slug="rome-2012")
        assert (later.follows.slug, later.term, later.term_years, later.notice_months) == (
            "rome-2009",
            Term.RENEWING,
            5,
            6,
        )

    @pytest.mark.parametrize(
        ("row", "field", "message"),
        [
            (
                "rome-2012,rome,partnership,in_force,XII/123/90,1990-09-12,2012-10-23,leuven-1991,renewal,,",
                "follows",
                "An agreement can follow only an earlier agreement with the same city.",
            ),
            (
                "rome-2012,rome,twinning,in_force,XII/123/90,1990-09-12,2012-10-23,rome-2009,renewal,,",
                "follows_as",
                "A renewal or an amendment is of the kind and sector of the agreement it follows.",
            ),
            (
                "rome-2012,rome,partnership,in_force,XII/123/90,1990-09-12,2012-10-23,rome-2009,,,",
                "follows_as",
                "Say which agreement this one follows and how, or neither.",
            ),
            (
                "rome-2012,rome,partnership,in_force,XII/123/90,1990-09-12,2012-10-23,,,fixed,",
                "term_years",
                "A fixed term gives its length in years or the day it expires, one of the two.",
            ),
            (
                "rome-2012,rome,partnership,in_force,XII/123/90,1990-09-12,2012-10-23,,,,6",
                "notice_months",
                "A notice period belongs to a recorded term.",
            ),
        ],
        ids=["another-citys", "renewal-of-another-kind", "follows-without-how", "incomplete-term", "notice"],
    )
    def test_the_rules_of_succession_and_term_hold_in_a_spreadsheet(
        self, admin_client, rome, row, field, message
    ):
        AgreementFactory(slug="leuven-1991", city__slug="leuven", city__country="BE")

        (refused,) = refusals(
            admin_client, AGREEMENTS, AGREEMENT_HEADER + ",term,notice_months\n" + row + "\n"
        )

        assert refused[0] == 1
        assert message in refused[1][field]
        assert not Agreement.objects.filter(slug="rome-2012").exists()

    def test_an_empty_term_cell_is_a_term_not_recorded(self, admin_client):
        AgreementFactory(slug="rome-2012", city__slug="naples", term=Term.INDEFINITE)

        imported(admin_client, AGREEMENTS, "id,term\nrome-2012,\n")

        assert Agreement.objects.get(slug="rome-2012").term == Term.NOT_RECORDED


def import_working_documents(rows):
    """Import through the working documents' resource as the admin's import does: in a transaction, all or
    nothing. (The working documents' admin page does not offer the import yet.)"""
    dataset = tablib.Dataset(headers=rows[0])
    for row in rows[1:]:
        dataset.append(row)
    return WorkingDocumentResource().import_data(
        dataset, dry_run=False, use_transactions=True, rollback_on_validation_errors=True
    )


class TestWorkingDocuments:
    HEADER = ["id", "city", "kind", "signed_on", "term", "term_years", "expires_on", "notice_months"]

    def test_a_document_with_its_term_is_imported(self):
        PartnerCityFactory(slug="vienna", country="AT")

        result = import_working_documents(
            [
                self.HEADER,
                ["vienna-2021", "vienna", "cooperation_programme", "2021-06-29", "fixed", "4", "", ""],
            ]
        )

        assert not result.has_errors() and not result.has_validation_errors()
        document = WorkingDocument.objects.get()
        assert (document.term, document.term_years, document.expires_on) == (Term.FIXED, 4, None)

    def test_an_incomplete_term_is_refused_and_nothing_is_written(self):
        PartnerCityFactory(slug="vienna", country="AT")

        result = import_working_documents(
            [
                self.HEADER,
                ["vienna-2017", "vienna", "cooperation_programme", "2017-04-04", "fixed", "4", "", ""],
                ["vienna-2021", "vienna", "cooperation_programme", "2021-06-29", "renewing", "", "", "3"],
            ]
        )

        (invalid,) = result.invalid_rows
        assert invalid.number == 2
        assert "renews automatically gives the length" in str(invalid.error_dict["term_years"])
        assert not WorkingDocument.objects.exists()

    def test_the_export_carries_the_term(self):
        WorkingDocumentFactory(slug="w", term=Term.RENEWING, term_years=2, notice_months=3)

        (row,) = WorkingDocumentResource().export().dict

        assert (row["term"], row["term_years"], row["expires_on"], row["notice_months"]) == (
            "renewing",
            "2",
            "",
            "3",
        )


class TestCities:
    def test_a_citys_names_and_other_names_are_imported_and_searched(self, admin_client):
        imported(
            admin_client,
            CITIES,
            CITY_HEADER + ",official_name_en,official_name_pl\n"
            'kyiv,Kyiv,Kijów,Київ,UA,"Kiev (former, en); Kyjiw (alternative, de);Kiew (alternative)",'
            "City of Kyiv,Miasto Kijów\n",
        )

        city = PartnerCity.objects.get()
        assert (city.name_native, city.official_name_en, city.official_name_pl) == (
            "Київ",
            "City of Kyiv",
            "Miasto Kijów",
        )
        assert sorted(city.other_names.values_list("name", "kind", "language")) == [
            ("Kiev", "former", "en"),
            ("Kiew", "alternative", ""),
            ("Kyjiw", "alternative", "de"),
        ]
        assert {"kiev", "kyjiw", "kiew", "киів"} <= set(city.search_names.splitlines())

    def test_importing_again_replaces_the_other_names(self, admin_client):
        city = PartnerCityFactory(slug="kyiv", country="UA")
        CityName.objects.create(city=city, name="Kiev", kind="alternative")
        CityName.objects.create(city=city, name="Kijew", kind="alternative")

        imported(admin_client, CITIES, CITY_HEADER + "\nkyiv,Kyiv,Kijów,Київ,UA,Kiev (former)\n")

        assert list(city.other_names.values_list("name", "kind")) == [("Kiev", "former")]
        assert "kijew" not in PartnerCity.objects.get().search_names

    def test_a_sheet_without_the_column_leaves_the_other_names(self, admin_client):
        city = PartnerCityFactory(slug="kyiv", country="UA")
        CityName.objects.create(city=city, name="Kiev", kind="former")

        imported(admin_client, CITIES, "id,name_en,name_pl,country\nkyiv,Kyiv,Kijów,UA\n")

        assert list(city.other_names.values_list("name", flat=True)) == ["Kiev"]

    @pytest.mark.parametrize(
        ("cell", "message"),
        [
            ("Kiev (old)", "Kiev, kind: Value 'old' is not a valid choice."),
            ("Kiev", "'Kiev' is not a name with its kind in brackets, e.g. Kiev (former, en)"),
            ("Kiev (former); Kiev (alternative)", "Kiev: appears twice"),
            (f"{'K' * 201} (former)", "Ensure this value has at most 200 characters (it has 201)."),
            ("Kiev (former, ukrainian-latin)", "Ensure this value has at most 12 characters (it has 15)."),
        ],
        ids=["unknown-kind", "no-kind", "twice", "too-long", "language-too-long"],
    )
    def test_other_names_are_checked_by_their_rules_and_nothing_is_written(self, admin_client, cell, message):
        (refused,) = refusals(admin_client, CITIES, f'{CITY_HEADER}\nkyiv,Kyiv,Kijów,Київ,UA,"{cell}"\n')

        assert refused[0] == 1
        assert any(message in text for text in refused[1]["other_names"]), refused[1]
        assert not PartnerCity.objects.exists() and not CityName.objects.exists()

    def test_a_continent_set_by_hand_needs_its_reason(self, admin_client):
        header = "id,name_en,name_pl,country,continent,continent_reason,latitude,longitude\n"

        (refused,) = refusals(admin_client, CITIES, header + "baku,Baku,Baku,AZ,europe,,40.4,49.9\n")
        imported(admin_client, CITIES, header + "baku,Baku,Baku,AZ,europe,The council's decision,40.4,49.9\n")

        assert "continent_override_reason" in refused[1]
        assert PartnerCity.objects.get().continent_override_reason == "The council's decision"

    @FORMATS
    def test_an_export_imports_back_with_the_other_names_sorted_by_name(self, admin_client, file_format):
        city = PartnerCityFactory(slug="kyiv", country="UA", name_native="Київ")
        for name, kind, language in [
            ("Kyjiw", "alternative", "de"),
            ("Kiev", "former", "en"),
            ("Kiew", "alternative", ""),
        ]:
            CityName.objects.create(city=city, name=name, kind=kind, language=language)
        exported = export(admin_client, CITIES, PartnerCityResource, file_format)
        (row,) = values(exported, file_format)
        assert row["other_names"] == "Kiev (former, en); Kiew (alternative); Kyjiw (alternative, de)"
        CityName.objects.all().delete()

        response = upload(admin_client, CITIES, exported, file_format, FILE_NAMES[file_format])
        result = response.context["result"]
        assert not result.has_errors() and not result.has_validation_errors(), [
            (row.errors, row.validation_error) for row in result.rows if row.errors or row.validation_error
        ]
        confirm(admin_client, CITIES, response)

        assert sorted(city.other_names.values_list("name", "kind", "language")) == [
            ("Kiev", "former", "en"),
            ("Kiew", "alternative", ""),
            ("Kyjiw", "alternative", "de"),
        ]
