"""A partial date goes through a spreadsheet with its precision: exported beside the date, imported back.

A sheet without a date's precision column (one of before partial dates) knows that date to the day.
"""

import datetime
import io

import openpyxl
import pytest

from agreements.models import Agreement
from agreements.resources import AgreementResource
from programmes.models import Activity
from programmes.resources import ActivityResource
from registry.partial_dates import partial_date_fields
from tests.agreements.factories import AgreementFactory
from tests.partners.factories import PartnerCityFactory
from tests.programmes.factories import ActivityFactory
from tests.spreadsheets.test_admin_import_export import CSV, XLSX, confirm, upload
from tests.spreadsheets.test_formulae import FILE_NAMES, FORMATS, export, values

pytestmark = pytest.mark.django_db

AGREEMENTS = "agreements/agreement"
HEADER = b"id,city,kind,status,resolution_number,resolution_date,signed_on"


def imported(client, model_path, content, file_format=CSV):
    preview = upload(client, model_path, content, file_format, FILE_NAMES[file_format])
    result = preview.context["result"]
    assert not result.has_errors() and not result.has_validation_errors(), result.invalid_rows
    confirm(client, model_path, preview)


def signed(slug):
    agreement = Agreement.objects.get(slug=slug)
    return agreement.signed_on, agreement.signed_on_precision


def test_each_partial_date_is_exported_with_its_precision_beside_it():
    for resource, model, dates in [
        (AgreementResource, Agreement, {"signed_on", "terminated_on"}),
        (ActivityResource, Activity, {"starts_on", "ends_on"}),
    ]:
        columns = resource.Meta.fields
        exported = [name for name in partial_date_fields(model) if name in columns]
        assert dates <= set(exported)
        for name in exported:
            assert columns[columns.index(name) + 1] == f"{name}_precision", name


def test_a_date_known_to_the_year_is_imported_so(admin_client):
    PartnerCityFactory(slug="leuven")
    PartnerCityFactory(slug="rome")

    imported(
        admin_client,
        AGREEMENTS,
        HEADER + b",signed_on_precision\n"
        b"a,leuven,partnership,in_force,XII/123/90,1990-09-12,1997-01-01,year\n"
        b"b,rome,partnership,in_force,XII/123/90,1990-09-12,1997-05-10,month\n",
    )

    assert signed("a") == (datetime.date(1997, 1, 1), "year")
    assert signed("b") == (datetime.date(1997, 5, 1), "month")


def test_a_sheet_without_the_precision_knows_its_dates_to_the_day(admin_client):
    PartnerCityFactory(slug="leuven")
    AgreementFactory(
        slug="known", city__slug="rome", signed_on=datetime.date(1991, 1, 1), signed_on_precision="year"
    )

    imported(
        admin_client,
        AGREEMENTS,
        HEADER + b"\n"
        b"new,leuven,partnership,in_force,XII/123/90,1990-09-12,1997-05-10\n"
        b"known,rome,partnership,in_force,XII/123/90,1990-09-12,1991-06-12\n",
    )

    assert signed("new") == (datetime.date(1997, 5, 10), "day")
    assert signed("known") == (datetime.date(1991, 6, 12), "day")


def test_an_empty_precision_cell_is_a_date_known_to_the_day(admin_client):
    PartnerCityFactory(slug="leuven")

    imported(
        admin_client,
        AGREEMENTS,
        HEADER + b",signed_on_precision\na,leuven,partnership,in_force,XII/123/90,1990-09-12,1997-05-10,\n",
    )

    assert signed("a") == (datetime.date(1997, 5, 10), "day")


def test_an_unknown_precision_is_refused(admin_client):
    PartnerCityFactory(slug="leuven")

    result = upload(
        admin_client,
        AGREEMENTS,
        HEADER
        + b",signed_on_precision\na,leuven,partnership,in_force,XII/123/90,1990-09-12,1997-05-10,decade\n",
    ).context["result"]

    assert "signed_on_precision" in result.invalid_rows[0].error_dict
    assert not Agreement.objects.exists()


@FORMATS
def test_an_export_imports_back_with_its_precisions(admin_client, file_format):
    AgreementFactory(slug="a", signed_on=datetime.date(1997, 1, 1), signed_on_precision="year")
    ActivityFactory(
        slug="days",
        starts_on=datetime.date(2024, 6, 1),
        starts_on_precision="month",
        ends_on=datetime.date(2024, 1, 1),
        ends_on_precision="year",
    )
    agreements = export(admin_client, AGREEMENTS, AgreementResource, file_format)
    activities = export(admin_client, "programmes/activity", ActivityResource, file_format)
    assert values(agreements, file_format)[0]["signed_on_precision"] == "year"
    # Somebody narrows the dates down in the registry; importing the sheet again brings back what it says.
    Agreement.objects.update(signed_on=datetime.date(1997, 5, 10), signed_on_precision="day")
    Activity.objects.update(
        starts_on=datetime.date(2024, 6, 7), starts_on_precision="day", ends_on=None, ends_on_precision="day"
    )

    imported(admin_client, AGREEMENTS, agreements, file_format)
    imported(admin_client, "programmes/activity", activities, file_format)

    assert signed("a") == (datetime.date(1997, 1, 1), "year")
    activity = Activity.objects.get(slug="days")
    assert (activity.starts_on, activity.starts_on_precision) == (datetime.date(2024, 6, 1), "month")
    assert (activity.ends_on, activity.ends_on_precision) == (datetime.date(2024, 1, 1), "year")


def test_a_spreadsheet_cannot_change_the_precision_of_a_termination(admin_client):
    AgreementFactory(
        slug="a",
        city__slug="leuven",
        status="terminated",
        terminated_on=datetime.date(2022, 1, 1),
        termination_reason="War",
    )

    result = upload(
        admin_client,
        AGREEMENTS,
        HEADER + b",terminated_on,terminated_on_precision,termination_reason\n"
        b"a,leuven,partnership,terminated,XII/123/90,1990-09-12,1991-06-01,2022-01-01,year,War\n",
    ).context["result"]

    assert set(result.invalid_rows[0].error_dict) == {"terminated_on_precision"}
    assert Agreement.objects.get(slug="a").terminated_on_precision == "day"


def test_an_xlsx_of_before_partial_dates_still_imports(admin_client):
    """An XLSX cell of a date is a date, not text: without the precision column, known to the day."""
    PartnerCityFactory(slug="leuven")
    workbook = openpyxl.Workbook()
    workbook.active.append(["id", "tool", "title_pl", "title_en", "starts_on"])
    workbook.active.append(["days", 1, "Dni Krakowa", "Days of Krakow", datetime.datetime(2024, 6, 7)])
    buffer = io.BytesIO()
    workbook.save(buffer)

    imported(admin_client, "programmes/activity", buffer.getvalue(), XLSX)

    activity = Activity.objects.get(slug="days")
    assert (activity.starts_on, activity.starts_on_precision) == (datetime.date(2024, 6, 7), "day")
