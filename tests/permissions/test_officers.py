"""Officers' responsibility: assigned from the command line, and enforced in bulk actions, filters and forms."""

from io import StringIO

import pytest
from django.contrib.auth.models import Group, User
from django.core.management import call_command
from django.core.management.base import CommandError

from agreements.models import Agreement
from partners.models import CityName, CountryAssignment
from partners.services import officer_assign
from registry.permissions import OFFICERS, responsible_city_ids
from tests.agreements.factories import AgreementFactory
from tests.partners.factories import PartnerCityFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def officer():
    user = User.objects.create_user("officer", is_staff=True)
    user.groups.add(Group.objects.get(name=OFFICERS))
    return user


@pytest.fixture
def officer_client(client, officer):
    client.force_login(officer)
    return client


def test_a_bulk_delete_touching_a_city_not_assigned_is_refused_whole(officer, officer_client):
    """Django's own bulk delete asks has_delete_permission() of every record; this pins that it stays so."""
    own = AgreementFactory(status="negotiation", resolution_number="", resolution_date=None, signed_on=None)
    foreign = AgreementFactory(
        status="negotiation", resolution_number="", resolution_date=None, signed_on=None
    )
    officer_assign(officer=officer, cities=[own.city])

    response = officer_client.post(
        "/en/admin/agreements/agreement/",
        {"action": "delete_selected", "_selected_action": [own.pk, foreign.pk], "post": "yes"},
    )

    assert response.status_code == 403
    assert Agreement.objects.count() == 2


def test_a_bulk_delete_of_own_records_goes_through(officer, officer_client):
    own = AgreementFactory(status="negotiation", resolution_number="", resolution_date=None, signed_on=None)
    officer_assign(officer=officer, cities=[own.city])

    officer_client.post(
        "/en/admin/agreements/agreement/",
        {"action": "delete_selected", "_selected_action": [own.pk], "post": "yes"},
    )

    assert not Agreement.objects.exists()


def test_my_cities_lists_only_the_officers_records(officer, officer_client):
    own = AgreementFactory(city__name_en="Nuremberg")
    AgreementFactory(city__name_en="Leipzig")
    officer_assign(officer=officer, cities=[own.city])

    response = officer_client.get("/en/admin/agreements/agreement/?responsibility=mine")

    assert [agreement.pk for agreement in response.context["cl"].result_list] == [own.pk]


def test_an_officer_cannot_add_an_agreement_for_a_city_not_assigned(officer, officer_client):
    from tests.agreements.test_admin import agreement_form

    officer_assign(officer=officer, cities=[PartnerCityFactory()])

    response = officer_client.post(
        "/en/admin/agreements/agreement/add/", agreement_form(PartnerCityFactory())
    )

    assert "city" in response.context["adminform"].form.errors
    assert not Agreement.objects.exists()


def test_an_officer_adds_an_agreement_for_an_assigned_city(officer, officer_client):
    from tests.agreements.test_admin import agreement_form

    city = PartnerCityFactory()
    officer_assign(officer=officer, cities=[city])

    response = officer_client.post("/en/admin/agreements/agreement/add/", agreement_form(city))

    assert response.status_code == 302
    assert Agreement.objects.get().city == city


def test_a_country_assignment_covers_cities_added_later(officer):
    officer_assign(officer=officer, countries=["DE"])
    later = PartnerCityFactory(country="DE")
    elsewhere = PartnerCityFactory(country="FR")

    assert later.pk in responsible_city_ids(officer)
    assert elsewhere.pk not in responsible_city_ids(officer)


def test_an_officer_edits_the_agreements_of_their_city_from_the_city_page(officer, officer_client):
    agreement = AgreementFactory()
    officer_assign(officer=officer, cities=[agreement.city])

    response = officer_client.get(f"/en/admin/partners/partnercity/{agreement.city.slug}/change/")

    (inline,) = [
        formset for formset in response.context["inline_admin_formsets"] if formset.opts.model is Agreement
    ]
    assert inline.has_change_permission


@pytest.mark.parametrize(("own_city", "editable"), [(True, True), (False, False)], ids=["own", "another"])
def test_an_officer_keeps_the_other_names_of_their_own_cities_only(
    officer, officer_client, own_city, editable
):
    city = PartnerCityFactory()
    if own_city:
        officer_assign(officer=officer, cities=[city])
    else:
        officer_assign(officer=officer, cities=[PartnerCityFactory()])

    response = officer_client.get(f"/en/admin/partners/partnercity/{city.slug}/change/")

    (inline,) = [
        formset for formset in response.context["inline_admin_formsets"] if formset.opts.model is CityName
    ]
    assert (inline.has_add_permission, inline.has_change_permission) == (editable, editable)


class TestAssignOfficerCommand:
    def run(self, *args):
        stdout = StringIO()
        call_command("assign_officer", *args, stdout=stdout)
        return stdout.getvalue()

    def test_creates_the_officer_and_grants_cities_and_countries(self):
        nuremberg = PartnerCityFactory(slug="nuremberg", country="DE")
        kyoto = PartnerCityFactory(slug="kyoto", country="JP")
        lviv = PartnerCityFactory(slug="lviv", country="UA")

        output = self.run("anna", "--city", "nuremberg", "kyoto", "--country", "ua")

        anna = User.objects.get(username="anna")
        assert anna.is_staff and not anna.has_usable_password()
        assert anna.groups.filter(name=OFFICERS).exists()
        assert responsible_city_ids(anna) == {nuremberg.pk, kyoto.pk, lviv.pk}
        assert "anna is responsible for 2 cities and 1 countries." in output

    def test_revoke_takes_the_responsibility_back(self):
        PartnerCityFactory(slug="nuremberg")
        self.run("anna", "--city", "nuremberg", "--country", "UA")

        self.run("anna", "--revoke", "--city", "nuremberg", "--country", "UA")

        anna = User.objects.get(username="anna")
        assert responsible_city_ids(anna) == set()
        assert not CountryAssignment.objects.exists()

    @pytest.mark.parametrize(
        ("args", "message"),
        [
            (["anna", "--city", "atlantis"], "unknown cities: atlantis"),
            (["anna", "--country", "XX"], "unknown country codes: XX"),
            (["nobody", "--revoke", "--country", "DE"], "no user nobody"),
        ],
    )
    def test_refuses_unknown_names(self, args, message):
        with pytest.raises(CommandError, match=message):
            self.run(*args)
