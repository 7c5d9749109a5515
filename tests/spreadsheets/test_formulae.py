"""Spreadsheets exported from the admin never run a cell as a formula, and import back as they were.

A cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return is a formula to a spreadsheet (OWASP:
CSV injection); the export puts a single quote before it, the import takes that quote off again.
"""

import csv
import io
from decimal import Decimal

import openpyxl
import pytest
from hypothesis import given
from hypothesis import strategies as st

from agreements.models import Agreement
from agreements.resources import AgreementResource
from partners.resources import PartnerCityResource
from programmes.resources import ActivityResource
from registry.formulae import FORMULA_STARTS, formula_neutralise, formula_restore
from tests.agreements.factories import AgreementFactory
from tests.partners.factories import PartnerCityFactory
from tests.programmes.factories import ActivityFactory
from tests.spreadsheets.test_admin_import_export import CSV, XLSX, confirm, upload

pytestmark = pytest.mark.django_db

FORMATS = pytest.mark.parametrize("file_format", [CSV, XLSX], ids=["csv", "xlsx"])
FILE_NAMES = {CSV: "registry.csv", XLSX: "registry.xlsx"}


def export(client, model_path, resource_class, file_format):
    """The admin's export of every column of `resource_class`, as the file's bytes."""
    prefix = resource_class.__name__.lower()
    columns = {f"{prefix}_{name}": "on" for name in resource_class.Meta.fields}
    response = client.post(
        f"/en/admin/{model_path}/export/", {"resource": "0", "format": file_format, **columns}
    )
    assert response.status_code == 200
    return response.content


def cells(content, file_format):
    """The exported rows as dictionaries of column to cell: text for CSV, openpyxl's cells for XLSX."""
    if file_format == CSV:
        return list(csv.DictReader(io.StringIO(content.decode("utf-8-sig"), newline="")))
    header, *rows = openpyxl.load_workbook(io.BytesIO(content)).active.iter_rows()
    return [{column.value: cell for column, cell in zip(header, row, strict=True)} for row in rows]


def values(content, file_format):
    if file_format == CSV:
        return cells(content, file_format)
    return [{column: cell.value for column, cell in row.items()} for row in cells(content, file_format)]


@FORMATS
@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"], ids=repr)
def test_a_text_cell_a_spreadsheet_would_run_is_quoted(admin_client, file_format, start):
    AgreementFactory(signatories=f"{start}1+1")

    (row,) = values(export(admin_client, "agreements/agreement", AgreementResource, file_format), file_format)

    quoted = f"'{start}1+1"
    if file_format == XLSX:
        quoted = quoted.replace("\r", "\n")  # XML reads a carriage return in a cell's text as a line feed
    assert row["signatories"] == quoted


def test_a_doubled_equals_sign_is_not_a_formula_in_xlsx(admin_client):
    AgreementFactory(signatories="==1+1")

    (row,) = cells(export(admin_client, "agreements/agreement", AgreementResource, XLSX), XLSX)

    assert row["signatories"].data_type != "f"
    assert row["signatories"].value == "'==1+1"


def test_a_doubled_equals_sign_is_quoted_whole_in_csv(admin_client):
    AgreementFactory(signatories="==1+1")

    (row,) = cells(export(admin_client, "agreements/agreement", AgreementResource, CSV), CSV)

    assert row["signatories"] == "'==1+1"


@FORMATS
@pytest.mark.parametrize(
    ("model_path", "resource_class", "factory", "column"),
    [
        ("partners/partnercity", PartnerCityResource, PartnerCityFactory, "description_en"),
        ("agreements/agreement", AgreementResource, AgreementFactory, "notes"),
        ("programmes/activity", ActivityResource, ActivityFactory, "title_pl"),
    ],
    ids=["cities", "agreements", "activities"],
)
def test_every_resource_quotes_its_formulae(
    admin_client, file_format, model_path, resource_class, factory, column
):
    factory(**{column: "=HYPERLINK(1)"})

    (row,) = values(export(admin_client, model_path, resource_class, file_format), file_format)

    assert row[column] == "'=HYPERLINK(1)"


def test_a_negative_coordinate_stays_a_number_in_xlsx(admin_client):
    PartnerCityFactory(country="AR", latitude=Decimal("-34.6037"), longitude=Decimal("-58.3816"))

    (row,) = cells(export(admin_client, "partners/partnercity", PartnerCityResource, XLSX), XLSX)

    assert (row["latitude"].data_type, row["longitude"].data_type) == ("n", "n")
    assert (row["latitude"].value, row["longitude"].value) == (-34.6037, -58.3816)


def test_a_negative_coordinate_is_unquoted_in_csv_but_text_starting_with_minus_is_quoted(admin_client):
    PartnerCityFactory(
        country="AR", latitude=Decimal("-34.6037"), longitude=Decimal("-58.3816"), description_en="-34.6037"
    )

    (row,) = cells(export(admin_client, "partners/partnercity", PartnerCityResource, CSV), CSV)

    assert (row["latitude"], row["longitude"]) == ("-34.60370", "-58.38160")
    assert row["description_en"] == "'-34.6037"


TRICKY_NOTES = ["- item", "=HYPERLINK(1)", "==1+1", "+48 12 616 12 34", "'=quoted by hand", "'tis plain", ""]


@FORMATS
def test_an_export_imports_back_unchanged(admin_client, file_format):
    for notes in TRICKY_NOTES:
        AgreementFactory(notes=notes)
    exported = export(admin_client, "agreements/agreement", AgreementResource, file_format)
    Agreement.objects.update(notes="overwritten")

    preview = upload(admin_client, "agreements/agreement", exported, file_format, FILE_NAMES[file_format])
    assert not preview.context["result"].has_errors()
    confirm(admin_client, "agreements/agreement", preview)

    assert sorted(Agreement.objects.values_list("notes", flat=True)) == sorted(TRICKY_NOTES)


def test_an_import_takes_off_only_a_quote_before_a_formula(admin_client):
    AgreementFactory(slug="a", city__slug="leuven", notes="before")
    AgreementFactory(slug="b", city__slug="ghent", notes="before")
    content = b"id,notes\na,'- item\nb,'tis plain\n"

    confirm(admin_client, "agreements/agreement", upload(admin_client, "agreements/agreement", content))

    assert dict(Agreement.objects.values_list("slug", "notes")) == {"a": "- item", "b": "'tis plain"}


@given(st.text(alphabet=st.sampled_from([*FORMULA_STARTS, "'", "a", "1", " "])))
def test_neutralised_text_is_never_a_formula_and_restores_to_itself(text):
    neutralised = formula_neutralise(text)

    assert not neutralised.startswith(FORMULA_STARTS)
    assert formula_restore(neutralised) == text
