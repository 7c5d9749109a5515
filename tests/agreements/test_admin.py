"""The staff admin enforces the same rules with a real POST, and shows them in the staff's language."""

import pytest
from django.urls import reverse

from agreements.models import Agreement, WorkingDocument
from tests.admin_forms import NO_ATTACHMENTS, known_to_the_day
from tests.agreements.factories import AgreementFactory, WorkingDocumentFactory
from tests.partners.factories import PartnerCityFactory

pytestmark = pytest.mark.django_db


def agreement_form(city, **fields):
    form = {
        "slug": "new-agreement",
        "city": city.pk,
        "kind": "twinning",
        "sector": "",
        "status": "in_force",
        "is_public": "on",
        "resolution_number": "XII/123/90",
        "resolution_date": "1990-09-12",
        "signed_on": "1991-06-01",
        "signatories": "",
        "terminated_on": "",
        "termination_reason": "",
        "term": "not_recorded",
        "notes": "",
        "sources": "[]",
        "placeholders": "[]",
        "working_documents-TOTAL_FORMS": "0",
        "working_documents-INITIAL_FORMS": "0",
        **known_to_the_day(Agreement),
        **NO_ATTACHMENTS,
    }
    form.update(fields)
    return form


@pytest.fixture
def staff_client(client, admin_user):
    client.force_login(admin_user)
    return client


def add_agreement(client, data, language="en"):
    return client.post(f"/{language}/admin/agreements/agreement/add/", data)


def test_valid_agreement_is_saved_through_the_admin(staff_client):
    city = PartnerCityFactory(country="DE")

    response = add_agreement(staff_client, agreement_form(city))

    assert response.status_code == 302
    assert Agreement.objects.get(slug="new-agreement").country == "DE"


def test_admin_refuses_a_second_twin_city_in_a_country(staff_client):
    AgreementFactory(kind="twinning", city=PartnerCityFactory(name_en="Nuremberg", country="DE"))

    response = add_agreement(staff_client, agreement_form(PartnerCityFactory(country="DE")))

    assert response.status_code == 200
    assert (
        "Krakow already has a twin city in Germany: Nuremberg."
        in response.context["adminform"].form.errors["city"]
    )
    assert not Agreement.objects.filter(slug="new-agreement").exists()


def test_admin_shows_the_rule_in_polish(staff_client):
    AgreementFactory(kind="twinning", city=PartnerCityFactory(name_pl="Norymberga", country="DE"))

    response = add_agreement(staff_client, agreement_form(PartnerCityFactory(country="DE")), language="pl")

    assert "Kraków ma już miasto bliźniacze w kraju Niemcy: Norymberga." in response.content.decode()


@pytest.mark.parametrize(
    ("fields", "field_with_error"),
    [
        ({"kind": "honorary_title", "signed_on": ""}, "kind"),
        ({"kind": "sectoral"}, "sector"),
        ({"resolution_number": "", "resolution_date": ""}, "resolution_date"),
        ({"signed_on": ""}, "signed_on"),
        ({"signed_on": "1989-01-01"}, "signed_on"),
        ({"status": "terminated"}, "terminated_on"),
    ],
    ids=[
        "honorary-in-europe",
        "sectoral-without-sector",
        "no-resolution",
        "unsigned",
        "signed-early",
        "no-end",
    ],
)
def test_admin_refuses_each_rule_with_its_message(staff_client, fields, field_with_error):
    response = add_agreement(staff_client, agreement_form(PartnerCityFactory(country="FR"), **fields))

    assert response.status_code == 200
    assert field_with_error in response.context["adminform"].form.errors
    assert not Agreement.objects.exists()


def test_admin_refuses_formalizing_by_an_undecided_agreement(staff_client):
    city = PartnerCityFactory()
    unresolved = AgreementFactory(
        city=city, status="negotiation", resolution_number="", resolution_date=None, signed_on=None
    )

    response = staff_client.post(
        "/en/admin/agreements/workingdocument/add/",
        {
            "slug": "letter",
            "city": city.pk,
            "kind": "letter_of_intent",
            "title": "",
            "signed_on": "2015-03-01",
            "signatories": "",
            "formalized_by": unresolved.pk,
            "is_public": "on",
            "notes": "",
            "sources": "[]",
            "placeholders": "[]",
            **NO_ATTACHMENTS,
        },
    )

    assert response.status_code == 200
    assert "formalized_by" in response.context["adminform"].form.errors
    assert not WorkingDocument.objects.exists()


def populate(count):
    """`count` records of every registry model, each linked to its own cities."""
    from tests.memberships.factories import AgencyFactory, MembershipFactory
    from tests.programmes.factories import ActivityFactory, ProgrammeParticipationFactory

    for _ in range(count):
        agreement = AgreementFactory()
        WorkingDocumentFactory(city=agreement.city, formalized_by=agreement)
        ProgrammeParticipationFactory(cities=[agreement.city, PartnerCityFactory()])
        ActivityFactory(cities=[agreement.city])
        MembershipFactory()
        AgencyFactory(city=agreement.city)


@pytest.mark.parametrize(
    "url_name",
    [
        "admin:partners_partnercity_changelist",
        "admin:agreements_agreement_changelist",
        "admin:agreements_workingdocument_changelist",
        "admin:programmes_programmeparticipation_changelist",
        "admin:programmes_activity_changelist",
        "admin:memberships_association_changelist",
        "admin:memberships_membership_changelist",
        "admin:memberships_agency_changelist",
    ],
)
def test_every_list_runs_the_same_number_of_queries_for_few_and_many_records(staff_client, url_name):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def count_queries():
        with CaptureQueriesContext(connection) as context:
            assert staff_client.get(reverse(url_name)).status_code == 200
        return len(context.captured_queries)

    populate(2)
    few = count_queries()
    populate(20)

    assert count_queries() == few


@pytest.mark.parametrize(
    ("language", "shown"), [("pl", "9 grudnia 1991"), ("en", "9 December 1991")], ids=["polish", "english"]
)
def test_dates_are_shown_in_the_staffs_language(staff_client, language, shown):
    import datetime

    AgreementFactory(resolution_date=datetime.date(1991, 1, 1), signed_on=datetime.date(1991, 12, 9))

    response = staff_client.get(f"/{language}/admin/agreements/agreement/")

    assert shown in response.content.decode()


def test_polish_staff_enter_dates_in_the_polish_format(staff_client):
    city = PartnerCityFactory(country="DE")

    staff_client.post(
        "/pl/admin/agreements/agreement/add/",
        agreement_form(city, resolution_date="12.09.1990", signed_on="01.06.1991"),
    )

    assert str(Agreement.objects.get(slug="new-agreement").signed_on) == "1991-06-01"


def test_the_admin_is_branded_for_the_royal_capital_city(staff_client):
    response = staff_client.get("/pl/admin/")

    assert "Stołeczne Królewskie Miasto Kraków" in response.content.decode()


def test_the_admin_addresses_records_by_their_identifier(staff_client):
    AgreementFactory(slug="nuremberg-twinning", kind="twinning", city__slug="nuremberg")

    city_list = staff_client.get("/en/admin/partners/partnercity/").content.decode()
    agreement_page = staff_client.get("/en/admin/agreements/agreement/nuremberg-twinning/change/")

    assert 'href="/en/admin/partners/partnercity/nuremberg/change/' in city_list
    assert agreement_page.status_code == 200
    assert agreement_page.context["original"].slug == "nuremberg-twinning"


def test_save_and_continue_after_adding_stays_on_the_identifiers_address(staff_client):
    response = staff_client.post(
        "/en/admin/agreements/agreement/add/", {**agreement_form(PartnerCityFactory()), "_continue": "1"}
    )

    assert response.url == "/en/admin/agreements/agreement/new-agreement/change/"
