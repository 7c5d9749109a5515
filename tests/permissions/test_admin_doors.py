"""Every door of the admin, for every role: who may look, and who may write.

The test walks the URLs each registry model's admin declares (`ModelAdmin.urls`): its list, add, change,
delete, history and history (restore) forms, the actions of its list, and the views of its own (import,
export, lifecycle, drafting). A URL whose permission is not declared in DOORS fails the test, so a new
model or view is covered once it says who may use it, without a test of its own.

Each attempt runs in a savepoint rolled back afterwards, so every door meets the record as it was set up:
belonging to the city "assigned" (the one assigned to `assigned_officer`, never to `other_officer`), and
changed once since it was recorded, so that restoring its first version would change it.
"""

import pytest
from django.apps import apps
from django.contrib import admin
from django.contrib.auth.models import Group, User
from django.db import transaction
from django.forms.models import model_to_dict
from django.test import RequestFactory
from django.urls import reverse

from agreements.models import AgreementTransition
from partners.services import officer_assign
from registry.models import Attachment, RegistryRecord
from registry.permissions import ADMINISTRATORS, COUNCIL_MEMBERS, OFFICERS
from tests.admin_forms import page_form_data
from tests.agenda.factories import FollowUpFactory
from tests.agreements.factories import AgreementFactory, WorkingDocumentFactory
from tests.contacts.factories import ContactFactory
from tests.correspondence.factories import LetterFactory
from tests.institutions.factories import DiplomaticPostFactory, PolishOrganisationFactory
from tests.memberships.factories import AgencyFactory, AssociationFactory, MembershipFactory
from tests.partners.factories import PartnerCityFactory
from tests.programmes.factories import ActivityFactory, ProgrammeParticipationFactory
from tests.visits.factories import VisitFactory

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
    "institutions.diplomaticpost": lambda city: DiplomaticPostFactory(),
    "institutions.polishorganisation": lambda city: PolishOrganisationFactory(city=city),
    "contacts.contact": lambda city: ContactFactory(cities=[city]),
    "visits.visit": lambda city: VisitFactory(cities=[city]),
    "correspondence.letter": lambda city: LetterFactory(city=city),
    "agenda.followup": lambda city: FollowUpFactory(city=city),
}
# People, visits, letters and follow-ups: no one but administrators and the officers of their cities sees them.
PRIVATE_RECORDS = {"contacts.contact", "visits.visit", "correspondence.letter", "agenda.followup"}
# A deleted person or visit has lost its links to its cities, so no officer answers for it any longer: only an
# administrator sees its history and restores it.
NO_CITY_ONCE_DELETED = {"contacts.contact", "visits.visit"}
# The records an officer answers for through their cities, and those an officer may add.
CITY_RECORDS = {
    "partners.partnercity",
    "agreements.agreement",
    "agreements.workingdocument",
    "programmes.activity",
    *PRIVATE_RECORDS,
}
OFFICERS_ADD = {"agreements.agreement", "agreements.workingdocument", "programmes.activity", *PRIVATE_RECORDS}
ROLES = ["anonymous", "council_member", "other_officer", "assigned_officer", "administrator"]
CHANGED_SOURCES = ["https://www.krakow.pl/changed-since"]

# Each door (the URL name after "<app>_<model>_"): the permission each method needs, and what is posted.
# "draft" is drafting an agreement from a working document: changing the document and adding an agreement.
DOORS = {
    "changelist": {"GET": "view"},
    "add": {"GET": "add", "POST": "add"},
    "change": {"GET": "view", "POST": "change"},
    "delete": {"GET": "delete", "POST": "delete"},
    "history": {"GET": "view"},
    "simple_history": {"GET": "view", "POST": "change"},
    "import": {"GET": "add", "POST": "add"},
    "process_import": {"POST": "add"},
    "import_template": {"GET": "add"},
    "export": {"GET": "view", "POST": "view"},
    "transition": {"GET": "change", "POST": "change"},
    "start_agreement": {"GET": "draft", "POST": "draft"},
}
# The doors that show or take many records, not the one tried: a private model's list shows each user only
# what they may see, so it is open to whoever may see some of its records.
LIST_DOORS = {"changelist", "add", "import", "process_import", "import_template", "export"}


def may(role, model, permission, of_record=True):
    """What each role may do, as the registry's roles are meant (README, Staff workflow): with the record
    tried, or (`of_record` false) on a list of the records the role may see."""
    if permission == "draft":
        return may(role, model, "change") and may(role, "agreements.agreement", "add")
    if role == "anonymous":
        return False
    if role == "administrator":
        return True
    if model in PRIVATE_RECORDS:
        officer = role in ("assigned_officer", "other_officer")
        if not of_record and permission == "view":
            # Every member of staff may own follow-ups, and list their own.
            return officer or model == "agenda.followup"
        if permission == "add":
            return officer
        return role == "assigned_officer"
    if permission == "view":
        return True
    if role == "council_member":
        return False
    if permission == "add":
        return model in OFFICERS_ADD
    return role == "assigned_officer" and model in CITY_RECORDS


def registry_models():
    return [model for model in apps.get_models() if issubclass(model, RegistryRecord)]


def test_every_registry_model_has_an_admin_and_a_record_to_try_its_doors_on():
    for model in registry_models():
        assert admin.site.is_registered(model), model
        assert model._meta.label_lower in RECORDS, f"add a {model.__name__} to RECORDS"


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
        "anonymous": None,
        "administrator": staff_member("administrator", ADMINISTRATORS),
        "assigned_officer": assigned_officer,
        "other_officer": other_officer,
        "council_member": staff_member("council-member", COUNCIL_MEMBERS),
    }


def recorded_and_changed(model, city):
    record = RECORDS[model](city)
    record.sources = CHANGED_SOURCES
    record.save()
    return record


def registry_state():
    """Every row of the registry (and of what hangs off it), to tell whether a request wrote anything."""
    models = [*registry_models(), AgreementTransition, Attachment]
    return {model: [model_to_dict(row) for row in model._base_manager.order_by("pk")] for model in models}


def doors(model_admin):
    """(door, URL name) for every named URL the model's admin declares."""
    prefix = f"{model_admin.opts.app_label}_{model_admin.opts.model_name}_"
    for pattern in model_admin.urls:
        if pattern.name:
            yield pattern.name.removeprefix(prefix), pattern.name


def address(door, url_name, record):
    first_version = record.history.earliest().history_id
    arguments = {
        "simple_history": {"args": [record.slug, first_version]},
        "transition": {"kwargs": {"to_status": "suspended"}},
        "start_agreement": {"kwargs": {"slug": record.slug}},
        "change": {"args": [record.slug]},
        "delete": {"args": [record.slug]},
        "history": {"args": [record.slug]},
        "import_template": {"kwargs": {"extension": "csv"}},
    }.get(door, {})
    url = reverse(f"admin:{url_name}", **arguments)
    return f"{url}?ids={record.slug}" if door == "transition" else url


def post_data(door, url, administrator_client):
    """A post that would write if the door let it through: the page's own form, or what the door expects."""
    if door == "change":
        data = page_form_data(administrator_client.get(url))
        data["sources"] = str(CHANGED_SOURCES).replace("'", '"').replace("changed-since", "changed-again")
        return data
    if door == "simple_history":
        return page_form_data(administrator_client.get(url))
    if door == "delete":
        return {"post": "yes"}
    if door == "export":
        return {"format": "0"}
    return {}


def refused(response, role, model):
    if role == "anonymous":
        return response.status_code == 302 and "/admin/login/" in response["Location"]
    # A private record the user may not see is not there for them: Django's "does not exist" redirect.
    hidden = model in PRIVATE_RECORDS and response.get("Location") == reverse("admin:index")
    return response.status_code == 403 or hidden


def attempt_door(client, role, model, record, door, url, method, data):
    """One request in a savepoint: the role is let through where it may, and refused, writing nothing, where not."""
    permission = DOORS[door][method]
    allowed = may(role, model, permission, of_record=door not in LIST_DOORS)
    with transaction.atomic():
        before = registry_state()
        response = client.get(url) if method == "GET" else client.post(url, data)
        context = f"{role} {method} {url} (needs {permission})"
        if not allowed:
            assert refused(response, role, model), f"{context}: {response.status_code}"
            assert registry_state() == before, f"{context}: wrote"
        else:
            assert response.status_code in (200, 302), f"{context}: {response.status_code}"
            assert "/admin/login/" not in response.get("Location", ""), context
            assert response.get("Location") != reverse("admin:index"), f"{context}: not found"
            stored = type(record)._base_manager.filter(pk=record.pk).first()
            if method == "POST" and door == "change":
                assert response.status_code == 302 and stored.sources != CHANGED_SOURCES, context
            if method == "POST" and door == "simple_history":
                assert response.status_code == 302 and stored.sources == [], context
            if method == "POST" and door == "delete":
                assert stored is None, context
            if method == "GET" and door == "change":
                editable = b'name="_save"' in response.content
                assert editable == may(role, model, "change"), f"{context}: save button"
            if method == "GET" and door == "simple_history":
                assert response.context["revert_disabled"] != may(role, model, "change"), f"{context}: revert"
        transaction.set_rollback(True)


def attempt_actions(client, role, model, model_admin, record, administrator):
    """Each action of the list, on the record: it runs only for whom its permissions allow."""
    request = RequestFactory().get("/")
    request.user = administrator
    changelist = reverse(f"admin:{model_admin.opts.app_label}_{model_admin.opts.model_name}_changelist")
    for name, (function, _name, _description) in model_admin.get_actions(request).items():
        permissions = getattr(function, "allowed_permissions", ())
        allowed = all(may(role, model, permission) for permission in permissions)
        with transaction.atomic():
            before = registry_state()
            data = {"action": name, "_selected_action": [record.pk], "index": "0", "post": "yes"}
            response = client.post(changelist, data, follow=True)
            context = f"{role} action {name} on {model}"
            if not allowed:
                assert registry_state() == before, f"{context}: wrote"
                assert response.status_code in (200, 403), context
                if role == "anonymous":
                    assert "/admin/login/" in response.redirect_chain[-1][0], context
            else:
                assert response.status_code == 200, f"{context}: {response.status_code}"
                if name == "delete_selected":
                    assert not type(record).objects.filter(pk=record.pk).exists(), context
            transaction.set_rollback(True)


@pytest.mark.parametrize("model", list(RECORDS))
@pytest.mark.parametrize("role", ROLES)
def test_each_door_lets_through_only_whom_the_roles_allow(client, admin_client, users, city, role, model):
    record = recorded_and_changed(model, city)
    model_admin = admin.site.get_model_admin(apps.get_model(model))
    admin_client.force_login(users["administrator"])
    if users[role] is not None:
        client.force_login(users[role])

    for door, url_name in doors(model_admin):
        assert door in DOORS, f"declare in DOORS who may use {url_name}"
        url = address(door, url_name, record)
        for method in DOORS[door]:
            data = post_data(door, url, admin_client) if method == "POST" else None
            attempt_door(client, role, model, record, door, url, method, data)
    attempt_actions(client, role, model, model_admin, record, users["administrator"])


@pytest.mark.parametrize("model", list(RECORDS))
@pytest.mark.parametrize("role", ROLES)
def test_restoring_a_deleted_record_needs_the_add_permission(client, admin_client, users, city, role, model):
    record = recorded_and_changed(model, city)
    url = address("simple_history", f"{model.replace('.', '_')}_simple_history", record)
    record_class, key = type(record), record.pk
    record.delete()
    admin_client.force_login(users["administrator"])
    data = page_form_data(admin_client.get(url))
    if "cities" in data:
        # The links of a deleted record are gone with it: the person restoring it names its city again.
        data["cities"] = [str(city.pk)]
    if users[role] is not None:
        client.force_login(users[role])

    response = client.post(url, data)

    restored = record_class.objects.filter(pk=key).exists()
    # An officer may add agreements, but only in their own cities: the form then offers no other city.
    unseen = model in NO_CITY_ONCE_DELETED and role != "administrator"
    if may(role, model, "add") and may(role, model, "change") and not unseen:
        assert (response.status_code, restored) == (302, True)
    else:
        assert refused(response, role, model) or response.context["adminform"].form.errors
        assert not restored
