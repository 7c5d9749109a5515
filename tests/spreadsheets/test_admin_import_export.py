"""Spreadsheet import and export in the admin: a preview, the models' rules on every row, all or nothing."""

import csv
import datetime
import io

import openpyxl
import pytest
from django.contrib.auth.models import Group, User
from django.core.files.uploadedfile import SimpleUploadedFile

from agreements.models import Agreement
from partners.models import PartnerCity
from partners.services import officer_assign
from programmes.models import Activity
from registry.models import TEXT_MAX_LENGTH
from registry.permissions import OFFICERS
from tests.agreements.factories import AgreementFactory
from tests.partners.factories import PartnerCityFactory

pytestmark = pytest.mark.django_db

CSV, XLSX = "0", "1"
CITY_HEADER = "id,name_en,name_pl,country,continent,latitude,longitude,is_capital,website,description_en,description_pl\n"


def upload(client, model_path, content, file_format=CSV, name="registry.csv"):
    """Send the file to the import page; return the preview response."""
    return client.post(
        f"/en/admin/{model_path}/import/",
        {"resource": "0", "format": file_format, "import_file": SimpleUploadedFile(name, content)},
    )


def confirm(client, model_path, preview):
    form = preview.context["confirm_form"]
    return client.post(f"/en/admin/{model_path}/process_import/", {**form.initial, "resource": "0"})


def test_a_valid_csv_is_previewed_then_imported(admin_client):
    content = (CITY_HEADER + "kyoto,Kyoto,Kioto,JP,,35.0116,135.7681,0,,,\n").encode()

    preview = upload(admin_client, "partners/partnercity", content)
    assert not PartnerCity.objects.exists()
    confirm(admin_client, "partners/partnercity", preview)

    assert PartnerCity.objects.get(slug="kyoto").continent == "asia"


def test_a_bad_row_is_reported_with_its_number_and_reason_and_nothing_is_written(admin_client):
    content = (
        CITY_HEADER
        + "kyoto,Kyoto,Kioto,JP,,35.0116,135.7681,0,,,\n"
        + "krakow,Krakow,Kraków,PL,,50.06,19.94,0,,,\n"
    ).encode()

    preview = upload(admin_client, "partners/partnercity", content)

    result = preview.context["result"]
    assert result.has_validation_errors()
    (invalid_row,) = result.invalid_rows
    assert invalid_row.number == 2
    assert "A partner city is always abroad, never in Poland." in str(invalid_row.error_dict)
    assert "confirm_form" not in preview.context
    assert not PartnerCity.objects.exists()


def test_a_description_longer_than_the_admin_allows_is_refused_in_a_spreadsheet(admin_client):
    description = "x" * (TEXT_MAX_LENGTH + 1)
    content = (CITY_HEADER + f"kyoto,Kyoto,Kioto,JP,,35.0116,135.7681,0,,{description},\n").encode()

    result = upload(admin_client, "partners/partnercity", content).context["result"]

    (invalid_row,) = result.invalid_rows
    assert invalid_row.error_dict == {
        "description_en": [
            f"Ensure this value has at most {TEXT_MAX_LENGTH} characters (it has {TEXT_MAX_LENGTH + 1})."
        ]
    }
    assert not PartnerCity.objects.exists()


def test_the_rules_of_agreements_hold_in_a_spreadsheet(admin_client):
    PartnerCityFactory(slug="nuremberg", name_en="Nuremberg", country="DE")
    PartnerCityFactory(slug="leipzig", country="DE")
    header = "id,city,kind,sector,status,resolution_number,resolution_date,signed_on\n"
    content = (
        header
        + "nuremberg-twinning,nuremberg,twinning,,in_force,XLIII/298/92,1992-02-14,1992-03-01\n"
        + "leipzig-twinning,leipzig,twinning,,in_force,XLIII/298/92,1992-02-14,1992-03-01\n"
    ).encode()

    result = upload(admin_client, "agreements/agreement", content).context["result"]

    assert [row.number for row in result.invalid_rows] == [2]
    assert "Krakow already has a twin city in Germany: Nuremberg." in str(result.invalid_rows[0].error_dict)
    assert not Agreement.objects.exists()


def test_a_spreadsheet_cannot_change_an_agreements_status(admin_client):
    AgreementFactory(slug="a", city__slug="leuven")

    result = upload(
        admin_client,
        "agreements/agreement",
        b"id,city,kind,status,resolution_number,resolution_date,signed_on\n"
        b"a,leuven,partnership,suspended,XII/123/90,1990-09-12,1991-06-01\n",
    ).context["result"]

    assert "only through its lifecycle" in str(result.invalid_rows[0].error_dict)


def test_a_spreadsheet_cannot_change_an_agreements_termination(admin_client):
    AgreementFactory(
        slug="a",
        city__slug="leuven",
        status="terminated",
        terminated_on=datetime.date(2022, 3, 3),
        termination_reason="War",
    )

    result = upload(
        admin_client,
        "agreements/agreement",
        b"id,city,kind,status,resolution_number,resolution_date,signed_on,terminated_on,termination_reason\n"
        b"a,leuven,partnership,terminated,XII/123/90,1990-09-12,1991-06-01,2023-01-01,Other\n",
    ).context["result"]

    assert set(result.invalid_rows[0].error_dict) == {"terminated_on", "termination_reason"}
    assert Agreement.objects.get(slug="a").terminated_on == datetime.date(2022, 3, 3)


def test_an_xlsx_of_activities_with_their_cities_is_imported(admin_client):
    PartnerCityFactory(slug="nuremberg")
    PartnerCityFactory(slug="leipzig")
    workbook = openpyxl.Workbook()
    workbook.active.append(["id", "tool", "title_pl", "title_en", "starts_on", "cities", "district"])
    workbook.active.append(
        ["days-of-krakow", 1, "Dni Krakowa", "Days of Krakow", "2024-06-01", "nuremberg,leipzig", 1]
    )
    buffer = io.BytesIO()
    workbook.save(buffer)

    preview = upload(admin_client, "programmes/activity", buffer.getvalue(), XLSX, "activities.xlsx")
    confirm(admin_client, "programmes/activity", preview)

    activity = Activity.objects.get()
    assert sorted(activity.cities.values_list("slug", flat=True)) == ["leipzig", "nuremberg"]


def test_an_empty_text_cell_of_an_xlsx_imports_as_empty_text(admin_client):
    AgreementFactory(slug="a", city__slug="leuven", notes="to be cleared")
    workbook = openpyxl.Workbook()
    workbook.active.append(["id", "notes"])
    workbook.active.append(["a", None])
    buffer = io.BytesIO()
    workbook.save(buffer)

    preview = upload(admin_client, "agreements/agreement", buffer.getvalue(), XLSX, "agreements.xlsx")
    assert not preview.context["result"].has_errors()
    confirm(admin_client, "agreements/agreement", preview)

    assert Agreement.objects.get().notes == ""


def test_export_names_records_by_identifier_and_defuses_formulae(admin_client):
    AgreementFactory(slug="a", city__slug="leuven", signatories="=HYPERLINK(1)")

    response = admin_client.post(
        "/en/admin/agreements/agreement/export/",
        {
            "resource": "0",
            "format": CSV,
            "agreementresource_id": "on",
            "agreementresource_city": "on",
            "agreementresource_signatories": "on",
        },
    )

    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    (row,) = rows
    assert (row["id"], row["city"]) == ("a", "leuven")
    assert row["signatories"] == "'=HYPERLINK(1)"  # no spreadsheet would run it as a formula


class TestOfficers:
    @pytest.fixture
    def officer_client(self, client):
        officer = User.objects.create_user("officer", is_staff=True)
        officer.groups.add(Group.objects.get(name=OFFICERS))
        officer_assign(officer=officer, cities=[PartnerCityFactory(slug="nuremberg", country="DE")])
        client.force_login(officer)
        return client

    def test_an_officer_imports_agreements_of_their_cities_only(self, officer_client):
        PartnerCityFactory(slug="kyoto", country="JP")
        content = (
            b"id,city,kind,status\n"
            b"nuremberg-partnership,nuremberg,partnership,negotiation\n"
            b"kyoto-partnership,kyoto,partnership,negotiation\n"
        )

        result = upload(officer_client, "agreements/agreement", content).context["result"]

        assert [row.number for row in result.invalid_rows] == [2]
        assert "You may not add records for" in str(result.invalid_rows[0].error_dict)
        assert not Agreement.objects.exists()

    def test_an_officer_cannot_change_another_citys_agreement_by_import(self, officer_client):
        AgreementFactory(slug="kyoto-partnership", city__slug="kyoto", city__country="JP")

        result = upload(
            officer_client,
            "agreements/agreement",
            b"id,city,kind,status,resolution_number,resolution_date,signed_on,signatories\n"
            b"kyoto-partnership,kyoto,partnership,in_force,XII/123/90,1990-09-12,1991-06-01,Someone\n",
        ).context["result"]

        assert "You may not change" in str(result.invalid_rows[0].error_dict)

    def test_an_officer_may_not_import_cities(self, officer_client):
        assert officer_client.get("/en/admin/partners/partnercity/import/").status_code == 403
