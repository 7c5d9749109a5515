"""People in spreadsheets: personal data, exported only to whom may see them, imported by the same rules."""

import csv
import io

import pytest
from django.contrib.auth.models import Group, User
from django.core.files.uploadedfile import SimpleUploadedFile

from contacts.models import Contact
from partners.models import PartnerCity
from partners.services import officer_assign
from registry.permissions import COUNCIL_MEMBERS, OFFICERS
from tests.contacts.factories import ContactFactory
from tests.partners.factories import PartnerCityFactory

pytestmark = pytest.mark.django_db

CSV = "0"
EXPORT = "/en/admin/contacts/contact/export/"
HEADER = "id,full_name,cities,lawful_basis,review_on\n"


def staff_member(username, group):
    user = User.objects.create_user(username, is_staff=True)
    user.groups.add(Group.objects.get(name=group))
    return user


@pytest.fixture
def officer():
    """An officer answering for Nuremberg, not Leipzig."""
    officer = staff_member("anna", OFFICERS)
    officer_assign(officer=officer, cities=[PartnerCityFactory(slug="nuremberg")])
    PartnerCityFactory(slug="leipzig")
    return officer


def export(client):
    data = {"resource": "0", "format": CSV, "contactresource_id": "on", "contactresource_full_name": "on"}
    return client.post(EXPORT, data)


def exported_ids(response):
    return {row["id"] for row in csv.DictReader(io.StringIO(response.content.decode("utf-8-sig")))}


def test_an_officer_exports_only_the_people_of_their_cities(client, officer):
    ContactFactory(slug="erika", cities=PartnerCity.objects.filter(slug="nuremberg"))
    ContactFactory(slug="max", cities=PartnerCity.objects.filter(slug="leipzig"))
    client.force_login(officer)

    assert exported_ids(export(client)) == {"erika"}


def test_an_administrator_exports_every_person(admin_client):
    ContactFactory(slug="erika", cities=[PartnerCityFactory()])
    ContactFactory(slug="max")

    assert exported_ids(export(admin_client)) == {"erika", "max"}


def test_a_council_member_exports_no_people(client):
    ContactFactory(slug="erika")
    client.force_login(staff_member("radna", COUNCIL_MEMBERS))

    assert client.get(EXPORT).status_code == 403
    assert export(client).status_code == 403


def upload(client, content):
    return client.post(
        "/en/admin/contacts/contact/import/",
        {"resource": "0", "format": CSV, "import_file": SimpleUploadedFile("people.csv", content.encode())},
    )


def test_an_officer_imports_people_of_their_cities(client, officer):
    client.force_login(officer)

    preview = upload(client, HEADER + "erika,Erika Mustermann,nuremberg,public_task,2028-01-01\n")
    form = preview.context["confirm_form"]
    client.post("/en/admin/contacts/contact/process_import/", {**form.initial, "resource": "0"})

    assert list(Contact.objects.get(slug="erika").cities.values_list("slug", flat=True)) == ["nuremberg"]


def test_an_officer_cannot_import_people_of_another_city(client, officer):
    client.force_login(officer)

    result = upload(
        client,
        HEADER
        + "erika,Erika Mustermann,nuremberg,public_task,2028-01-01\n"
        + "max,Max Mustermann,leipzig,public_task,2028-01-01\n",
    ).context["result"]

    assert result.has_errors() or result.has_validation_errors()
    assert not Contact.objects.exists()


def test_the_rules_of_people_hold_in_a_spreadsheet(admin_client):
    result = upload(admin_client, HEADER + "erika,Erika Mustermann,,no_such_basis,2028-01-01\n").context[
        "result"
    ]

    (invalid_row,) = result.invalid_rows
    assert "lawful_basis" in invalid_row.error_dict
    assert not Contact.objects.exists()


def test_a_refused_row_does_not_name_another_city_s_person(client, officer):
    ContactFactory(
        slug="hidden", full_name="Greta Verborgen", cities=[PartnerCity.objects.get(slug="leipzig")]
    )
    client.force_login(officer)

    page = upload(client, HEADER + "hidden,Someone Else,nuremberg,public_task,2028-01-01\n")

    assert page.context["result"].has_validation_errors()
    assert "Greta Verborgen" not in page.content.decode()
    assert "hidden" in page.content.decode()


LETTERS = "id,direction,dated,sender_contact,recipient,subject,city\n"


def letter_errors(client, content):
    page = client.post(
        "/en/admin/correspondence/letter/import/",
        {"resource": "0", "format": CSV, "import_file": SimpleUploadedFile("letters.csv", content.encode())},
    )
    result = page.context["result"]
    assert result.has_errors()
    return [str(error.error) for row in result.rows for error in row.errors]


def test_a_letter_names_only_a_person_its_importer_may_see_and_tells_hidden_from_unknown_alike(
    client, officer
):
    ContactFactory(slug="hidden", cities=[PartnerCity.objects.get(slug="leipzig")])
    client.force_login(officer)
    row = "letter,incoming,2026-02-03,{},Mayor of Krakow,Invitation,nuremberg\n"

    hidden = letter_errors(client, LETTERS + row.format("hidden"))
    unknown = letter_errors(client, LETTERS + row.format("nobody"))

    assert hidden == unknown == ["Contact matching query does not exist."]
