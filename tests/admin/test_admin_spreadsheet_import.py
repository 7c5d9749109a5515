"""The spreadsheet import in the admin: an empty template to download, the format taken from the file's name,
the columns named in the page's language, and each invalid row's errors as text."""

import csv
import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from agreements.resources import AgreementResource
from partners.models import PartnerCity

pytestmark = pytest.mark.django_db

AGREEMENT_HEADERS = [field.column_name for field in AgreementResource().get_user_visible_fields()]
CITY_HEADER = "id,name_en,name_pl,country,continent,latitude,longitude,is_capital,website,description_en,description_pl\n"
KYOTO = "kyoto,Kyoto,Kioto,JP,,35.0116,135.7681,0,,,\n"


def test_the_import_page_offers_a_template_in_each_format(admin_client):
    response = admin_client.get("/en/admin/agreements/agreement/import/")

    assert 'href="/en/admin/agreements/agreement/import/template.csv"' in response.text
    assert 'href="/en/admin/agreements/agreement/import/template.xlsx"' in response.text


def test_the_csv_template_holds_the_imports_headers_and_nothing_else(admin_client):
    response = admin_client.get("/en/admin/agreements/agreement/import/template.csv")

    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert response["Content-Disposition"] == 'attachment; filename="agreement-template.csv"'
    assert rows == [AGREEMENT_HEADERS]


def test_the_xlsx_template_holds_the_imports_headers_and_nothing_else(admin_client):
    response = admin_client.get("/en/admin/agreements/agreement/import/template.xlsx")

    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    assert [list(row) for row in sheet.iter_rows(values_only=True)] == [AGREEMENT_HEADERS]


def test_a_format_not_imported_has_no_template(admin_client):
    assert admin_client.get("/en/admin/agreements/agreement/import/template.json").status_code == 404


def test_the_template_is_only_for_whoever_may_import(client, django_user_model):
    client.force_login(django_user_model.objects.create_user("visitor", is_staff=True))

    assert client.get("/en/admin/agreements/agreement/import/template.csv").status_code == 403


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("cities.csv", (CITY_HEADER + KYOTO).encode()),
        ("cities.XLSX", None),
    ],
)
def test_the_format_is_taken_from_the_files_extension(admin_client, name, content):
    if content is None:
        workbook = openpyxl.Workbook()
        for row in csv.reader(io.StringIO(CITY_HEADER + KYOTO)):
            workbook.active.append(row)
        buffer = io.BytesIO()
        workbook.save(buffer)
        content = buffer.getvalue()

    preview = admin_client.post(
        "/en/admin/partners/partnercity/import/",
        {"resource": "0", "import_file": SimpleUploadedFile(name, content)},
    )

    assert [row.import_type for row in preview.context["result"].valid_rows()] == ["new"]
    assert not PartnerCity.objects.exists()


def test_a_file_of_a_format_not_imported_is_refused_with_the_formats_that_are(admin_client):
    response = admin_client.post(
        "/en/admin/partners/partnercity/import/",
        {"resource": "0", "import_file": SimpleUploadedFile("cities.json", b"[]")},
    )

    assert response.context["form"].errors == {"import_file": ["A spreadsheet: .csv, .xlsx."]}


def test_the_import_page_names_each_column_in_polish(admin_client):
    response = admin_client.get("/pl/admin/agreements/agreement/import/")

    assert "<code>signed_on</code> – Data podpisania" in response.text
    assert "<code>id</code> – Identyfikator" in response.text


def test_an_invalid_rows_errors_are_text_beside_its_number(admin_client):
    content = (CITY_HEADER + "krakow,Krakow,Kraków,PL,,50.06,19.94,0,,,\n").encode()

    response = admin_client.post(
        "/en/admin/partners/partnercity/import/",
        {"resource": "0", "import_file": SimpleUploadedFile("cities.csv", content)},
    )

    ((number, errors, values),) = response.context["invalid_rows"]
    assert number == 1
    assert (None, "A partner city is always abroad, never in Poland.") in errors or any(
        "never in Poland" in str(error) for _label, error in errors
    )
    assert "A partner city is always abroad, never in Poland." in response.text
    assert "validation-error-count" not in response.text
    assert ("id", "krakow") in values
