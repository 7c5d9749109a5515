"""Who may do what in the admin: every role, on every registry model, to view, add, change and delete.

An officer answers for the cities assigned to them; the record under test belongs to the city "assigned"
(the one assigned to `officer`), never to the one assigned to `other_officer`.
"""

import pytest
from django.contrib.auth.models import Group, User

from krakow_relations.permissions import ADMINISTRATORS, COUNCIL_MEMBERS, OFFICERS
from partners.services import officer_assign
from tests.agreements.factories import AgreementFactory, WorkingDocumentFactory
from tests.memberships.factories import AgencyFactory, AssociationFactory, MembershipFactory
from tests.partners.factories import PartnerCityFactory
from tests.programmes.factories import ActivityFactory, ProgrammeParticipationFactory

pytestmark = pytest.mark.django_db

RECORDS = {
    "partners.partnercity": lambda city: city,
    "agreements.agreement": lambda city: AgreementFactory(city=city),
    "agreements.workingdocument": lambda city: WorkingDocumentFactory(city=city),
    "programmes.activity": lambda city: ActivityFactory(cities=[city]),
    "programmes.programmeparticipation": lambda city: ProgrammeParticipationFactory(cities=[city]),
    "memberships.association": lambda city: AssociationFactory(),
    "memberships.membership": lambda city: MembershipFactory(),
    "memberships.agency": lambda city: AgencyFactory(city=city),
}
CITY_RECORDS = {
    "partners.partnercity",
    "agreements.agreement",
    "agreements.workingdocument",
    "programmes.activity",
}
OFFICERS_ADD = {"agreements.agreement", "agreements.workingdocument", "programmes.activity"}


def expected(role, model, action):
    if role == "administrator" or action == "view":
        return True
    if role == "council_member":
        return False
    if action == "add":
        return model in OFFICERS_ADD
    return role == "assigned_officer" and model in CITY_RECORDS


def staff_member(username, group):
    user = User.objects.create_user(username, is_staff=True)
    user.groups.add(Group.objects.get(name=group))
    return user


@pytest.fixture
def city():
    return PartnerCityFactory(slug="assigned")


@pytest.fixture
def users(city):
    assigned_officer = staff_member("assigned-officer", OFFICERS)
    officer_assign(officer=assigned_officer, cities=[city])
    other_officer = staff_member("other-officer", OFFICERS)
    officer_assign(officer=other_officer, cities=[PartnerCityFactory(slug="elsewhere")])
    return {
        "administrator": staff_member("administrator", ADMINISTRATORS),
        "assigned_officer": assigned_officer,
        "other_officer": other_officer,
        "council_member": staff_member("council-member", COUNCIL_MEMBERS),
    }


def admin_url(model, view, record=None):
    app_label, model_name = model.split(".")
    base = f"/en/admin/{app_label}/{model_name}/"
    return base + ("add/" if view == "add" else f"{record.slug}/{view}/")


def attempt(client, model, action, record):
    if action == "view":
        return client.get(admin_url(model, "change", record))
    if action == "add":
        return client.get(admin_url(model, "add"))
    if action == "change":
        return client.post(admin_url(model, "change", record), {})
    return client.post(admin_url(model, "delete", record), {"post": "yes"})


@pytest.mark.parametrize("action", ["view", "add", "change", "delete"])
@pytest.mark.parametrize("model", list(RECORDS))
@pytest.mark.parametrize("role", ["administrator", "assigned_officer", "other_officer", "council_member"])
def test_role_may_or_may_not(client, users, city, role, model, action):
    record = RECORDS[model](city)
    client.force_login(users[role])

    response = attempt(client, model, action, record)

    if expected(role, model, action):
        assert response.status_code in (200, 302)
        if action == "delete":
            assert not type(record).objects.filter(pk=record.pk).exists()
        if action == "view":
            editable = b'name="_save"' in response.content
            assert editable == expected(role, model, "change")
    else:
        assert response.status_code == 403
        assert type(record).objects.filter(pk=record.pk).exists()
