"""The admin of the officer's daily work: people, visits, letters and follow-ups, each seen only by whom it
concerns, on its own list, in autocomplete, on its city's page and in its history; follow-ups' own list."""

import datetime

import pytest
from django.contrib.auth.models import Group, User
from django.urls import reverse
from django.utils import timezone

from agenda.models import FollowUp
from partners.models import PartnerCity
from partners.services import officer_assign
from registry.permissions import COUNCIL_MEMBERS, OFFICERS
from tests.admin_forms import page_form_data
from tests.agenda.factories import FollowUpFactory
from tests.contacts.factories import ContactFactory
from tests.correspondence.factories import LetterFactory
from tests.institutions.factories import DiplomaticPostFactory, PolishOrganisationFactory
from tests.partners.factories import PartnerCityFactory
from tests.visits.factories import VisitFactory

pytestmark = pytest.mark.django_db


def staff_member(username, group):
    user = User.objects.create_user(username, is_staff=True)
    user.groups.add(Group.objects.get(name=group))
    return user


@pytest.fixture
def nuremberg():
    return PartnerCityFactory(slug="nuremberg", name_en="Nuremberg")


@pytest.fixture
def officer_of_nuremberg(nuremberg):
    officer = staff_member("anna", OFFICERS)
    officer_assign(officer=officer, cities=[nuremberg])
    return officer


@pytest.fixture
def officer_elsewhere():
    officer = staff_member("jan", OFFICERS)
    officer_assign(officer=officer, cities=[PartnerCityFactory(slug="leipzig")])
    return officer


@pytest.fixture
def records(nuremberg):
    """A person, a visit, a letter and a follow-up of Nuremberg."""
    person = ContactFactory(slug="erika", full_name="Erika Mustermann", cities=[nuremberg])
    return {
        "contacts.contact": person,
        "visits.visit": VisitFactory(slug="mayors-visit", title="The Mayor's visit", cities=[nuremberg]),
        "correspondence.letter": LetterFactory(slug="invitation", subject="Invitation", city=nuremberg),
        "agenda.followup": FollowUpFactory(slug="send-programme", title="Send the programme", city=nuremberg),
    }


def admin_url(record, view="change"):
    opts = record._meta
    args = [] if view == "changelist" else [record.slug]
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_{view}", args=args)


PRIVATE = ["contacts.contact", "visits.visit", "correspondence.letter", "agenda.followup"]


@pytest.mark.parametrize("model", PRIVATE)
def test_a_private_record_is_listed_for_its_citys_officer_only(
    client, records, officer_of_nuremberg, officer_elsewhere, model
):
    record = records[model]
    url = admin_url(record, "changelist")

    client.force_login(officer_of_nuremberg)
    assert admin_url(record).encode() in client.get(url).content
    client.force_login(officer_elsewhere)
    response = client.get(url)
    assert response.status_code == 200
    assert admin_url(record).encode() not in response.content


@pytest.mark.parametrize("model", PRIVATE)
def test_the_history_of_a_private_record_is_refused_to_an_officer_of_another_city(
    client, records, officer_of_nuremberg, officer_elsewhere, model
):
    url = admin_url(records[model], "history")

    client.force_login(officer_of_nuremberg)
    assert client.get(url).status_code == 200
    client.force_login(officer_elsewhere)
    assert client.get(url).status_code == 403


def autocomplete(client, app_label, model_name, field_name, term=""):
    response = client.get(
        "/en/admin/autocomplete/",
        {"app_label": app_label, "model_name": model_name, "field_name": field_name, "term": term},
    )
    assert response.status_code == 200
    return [result["text"] for result in response.json()["results"]]


def test_autocomplete_offers_an_officer_only_the_people_they_may_see(
    client, records, officer_of_nuremberg, officer_elsewhere
):
    client.force_login(officer_of_nuremberg)
    assert autocomplete(client, "visits", "visit", "members", "Erika") == [str(records["contacts.contact"])]
    client.force_login(officer_elsewhere)
    assert autocomplete(client, "visits", "visit", "members", "Erika") == []


def test_autocomplete_finds_a_letter_to_answer_only_for_whom_may_see_it(
    client, records, officer_of_nuremberg, officer_elsewhere
):
    client.force_login(officer_of_nuremberg)
    assert autocomplete(client, "correspondence", "letter", "in_reply_to", "Invitation")
    client.force_login(officer_elsewhere)
    assert autocomplete(client, "correspondence", "letter", "in_reply_to", "Invitation") == []


def test_a_persons_bodies_are_autocompleted_from_their_admins(admin_client):
    DiplomaticPostFactory(name_en="Consulate General of Germany")
    PolishOrganisationFactory(name_en="Polish Club Nuremberg")

    assert autocomplete(admin_client, "contacts", "contact", "diplomatic_post", "Germany")
    assert autocomplete(admin_client, "contacts", "contact", "polish_organisation", "Club")


CITY_ROWS = ["Erika Mustermann", "The Mayor&#x27;s visit", "Invitation", "Send the programme"]
CITY_SECTIONS = ["People", "Visits", "Correspondence", "Follow-ups"]


def test_the_city_page_shows_its_people_visits_letters_and_follow_ups(admin_client, records, nuremberg):
    response = admin_client.get(admin_url(nuremberg))

    assert response.status_code == 200
    content = response.content.decode()
    for text in CITY_ROWS:
        assert text in content
    for record in records.values():
        assert admin_url(record) in content


def test_the_city_page_shows_an_officer_of_another_city_none_of_them(
    client, records, nuremberg, officer_elsewhere
):
    client.force_login(officer_elsewhere)

    response = client.get(admin_url(nuremberg))

    assert response.status_code == 200
    content = response.content.decode()
    for text in CITY_ROWS:
        assert text not in content
    for section in CITY_SECTIONS:
        assert f"<h2>{section}</h2>" in content


def test_the_city_page_shows_its_officer_their_records(client, records, nuremberg, officer_of_nuremberg):
    client.force_login(officer_of_nuremberg)

    content = client.get(admin_url(nuremberg)).content.decode()

    for record in records.values():
        assert admin_url(record) in content
    for add in (
        "contacts/contact/add/?cities=",
        "visits/visit/add/?cities=",
        "correspondence/letter/add/?city=",
    ):
        assert f"{add}{nuremberg.pk}" in content


def test_only_the_city_s_officer_is_offered_to_add_its_records(client, records, nuremberg, officer_elsewhere):
    client.force_login(officer_elsewhere)

    content = client.get(admin_url(nuremberg)).content.decode()

    assert f"agenda/followup/add/?city={nuremberg.pk}" not in content
    assert f"contacts/contact/add/?cities={nuremberg.pk}" not in content


def mark_done(client, *follow_ups):
    return client.post(
        reverse("admin:agenda_followup_changelist"),
        {"action": "mark_done", "_selected_action": [f.pk for f in follow_ups], "index": "0"},
        follow=True,
    )


def test_marking_follow_ups_as_done_records_today_in_their_history(client, officer_of_nuremberg, nuremberg):
    mine = FollowUpFactory(owner=officer_of_nuremberg)
    of_my_city = FollowUpFactory(city=nuremberg)

    client.force_login(officer_of_nuremberg)
    response = mark_done(client, mine, of_my_city)

    assert response.status_code == 200
    for follow_up in (mine, of_my_city):
        follow_up.refresh_from_db()
        assert follow_up.done_on == timezone.localdate()
        assert follow_up.history.latest().history_user == officer_of_nuremberg


def test_marking_as_done_refuses_a_follow_up_the_user_may_not_change(admin_client, nuremberg):
    council_member = staff_member("radna", COUNCIL_MEMBERS)
    own = FollowUpFactory(owner=council_member)
    admin_client.force_login(staff_member("anna", OFFICERS))

    response = mark_done(admin_client, own)

    assert response.status_code == 200
    own.refresh_from_db()
    assert own.done_on is None


def test_marking_as_done_checks_the_models_rules(admin_client, nuremberg):
    follow_up = FollowUpFactory(letter=LetterFactory(city=nuremberg), city=PartnerCityFactory())

    response = mark_done(admin_client, follow_up)

    follow_up.refresh_from_db()
    assert follow_up.done_on is None
    assert "Nothing was marked as done" in response.content.decode()


def titles(response):
    return {follow_up.title for follow_up in response.context["cl"].result_list}


def test_the_follow_ups_filters_mine_due_and_state(client, officer_of_nuremberg):
    today = timezone.localdate()
    in_next_month = (today.replace(day=1) + datetime.timedelta(days=40)).replace(day=1)
    FollowUpFactory(title="Mine this month", owner=officer_of_nuremberg, due_on=today)
    FollowUpFactory(title="Mine next month", owner=officer_of_nuremberg, due_on=in_next_month)
    FollowUpFactory(
        title="Mine overdue", owner=officer_of_nuremberg, due_on=today - datetime.timedelta(days=40)
    )
    FollowUpFactory(
        title="Mine done",
        owner=officer_of_nuremberg,
        due_on=today - datetime.timedelta(days=40),
        done_on=today,
    )
    FollowUpFactory(title="Someone else's this month", due_on=today)
    admin = User.objects.create_superuser("admin")
    client.force_login(officer_of_nuremberg)
    url = reverse("admin:agenda_followup_changelist")

    assert titles(client.get(url, {"owner": "mine", "due": "this_month"})) == {"Mine this month"}
    assert titles(client.get(url, {"owner": "mine", "due": "next_month"})) == {"Mine next month"}
    assert titles(client.get(url, {"owner": "mine", "due": "overdue"})) == {"Mine overdue"}
    assert titles(client.get(url, {"state": "done"})) == {"Mine done"}
    client.force_login(admin)
    assert "Someone else's this month" not in titles(client.get(url, {"owner": "mine"}))
    assert "Someone else's this month" in titles(client.get(url, {"due": "this_month"}))


def test_a_new_follow_up_is_the_users_own(admin_client):
    response = admin_client.get(reverse("admin:agenda_followup_add"))

    user = response.wsgi_request.user
    assert response.context["adminform"].form.initial["owner"] == user.pk


def test_an_officer_adds_a_follow_up_of_their_city(client, officer_of_nuremberg, nuremberg):
    client.force_login(officer_of_nuremberg)

    response = client.post(
        reverse("admin:agenda_followup_add"),
        {
            "slug": "call-nuremberg",
            "title": "Call Nuremberg",
            "due_on": "2026-12-20",
            "owner": officer_of_nuremberg.pk,
            "city": nuremberg.pk,
            "sources": "[]",
            "placeholders": "[]",
        },
    )

    assert response.status_code == 302, response.context["adminform"].form.errors
    assert FollowUp.objects.get(slug="call-nuremberg").history.latest().history_user == officer_of_nuremberg


PAGES = {
    "contacts.contact": "Personal data",
    "visits.visit": "What it served",
    "correspondence.letter": "Sender and recipient",
    "agenda.followup": "Where it comes from",
    "institutions.diplomaticpost": "State it represents",
    "institutions.polishorganisation": "Polish community organisation",
}


@pytest.mark.parametrize("language", ["en", "pl"])
@pytest.mark.parametrize("model", list(PAGES))
def test_the_pages_of_the_new_records_render(admin_client, records, model, language):
    app_label, model_name = model.split(".")
    for view in ("changelist", "add"):
        url = f"/{language}/admin/{app_label}/{model_name}/{'' if view == 'changelist' else 'add/'}"
        response = admin_client.get(url)
        assert response.status_code == 200, url
    if language == "en":
        assert PAGES[model] in response.content.decode()
    if model in records:
        assert admin_client.get(admin_url(records[model])).status_code == 200


def test_the_follow_up_list_links_the_officers_own_views(admin_client):
    content = admin_client.get(reverse("admin:agenda_followup_changelist")).content.decode()

    assert "?owner=mine&amp;state=open" in content


# A private record is offered, accepted and named in a form only to whoever may see it; a record shared by two
# cities is seen by the officers of each and changed by none but one who answers for both.


def leipzig_visit():
    return VisitFactory(
        slug="leipzig-visit", title="Leipzig visit", cities=[PartnerCity.objects.get(slug="leipzig")]
    )


def test_another_city_s_person_is_not_accepted_as_a_member(client, records, officer_elsewhere):
    visit = leipzig_visit()
    client.force_login(officer_elsewhere)
    url = reverse("admin:visits_visit_change", args=[visit.slug])
    data = page_form_data(client.get(url))

    response = client.post(url, {**data, "members": [records["contacts.contact"].pk]})

    assert response.status_code == 200
    assert "members" in response.context["adminform"].form.errors
    assert "Erika Mustermann" not in response.content.decode()
    assert not visit.members.exists()


def test_a_refused_form_does_not_name_another_city_s_visit(client, records, officer_elsewhere):
    client.force_login(officer_elsewhere)
    url = reverse("admin:agenda_followup_add")
    data = page_form_data(client.get(url))

    response = client.post(
        url, {**data, "slug": "probe", "title": "Probe", "visit": records["visits.visit"].pk}
    )

    assert "visit" in response.context["adminform"].form.errors
    assert "The Mayor&#x27;s visit" not in response.content.decode()
    assert "The Mayor's visit" not in response.content.decode()


def test_a_visit_of_two_cities_is_seen_by_each_city_s_officer_and_changed_by_neither(
    client, nuremberg, officer_elsewhere
):
    shared = VisitFactory(
        slug="shared", title="Shared visit", cities=[nuremberg, PartnerCity.objects.get(slug="leipzig")]
    )
    client.force_login(officer_elsewhere)
    url = reverse("admin:visits_visit_change", args=[shared.slug])

    page = client.get(url)
    changed = client.post(url, {**page_form_data(page), "title": "Changed"})

    assert page.status_code == 200 and "Shared visit" in page.content.decode()
    assert changed.status_code == 403
    shared.refresh_from_db()
    assert shared.title == "Shared visit"
    assert "shared" in client.get(reverse("admin:visits_visit_changelist")).content.decode()


def test_the_owner_of_a_follow_up_in_another_city_saves_it(client, records, officer_elsewhere):
    follow_up = records["agenda.followup"]
    follow_up.owner = officer_elsewhere
    follow_up.save()
    client.force_login(officer_elsewhere)
    url = reverse("admin:agenda_followup_change", args=[follow_up.slug])

    response = client.post(url, {**page_form_data(client.get(url)), "done_on": "2026-03-14"})

    assert response.status_code == 302, response.context["adminform"].form.errors
    follow_up.refresh_from_db()
    assert str(follow_up.done_on) == "2026-03-14"


def test_an_officer_s_membership_follow_up_needs_no_city(client, officer_elsewhere):
    PartnerCityFactory(slug="unrelated")
    client.force_login(officer_elsewhere)
    url = reverse("admin:agenda_followup_add")

    form = client.get(url).context["adminform"].form

    assert not form.fields["city"].required
