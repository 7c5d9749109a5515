"""The sections for the officer's daily work (bodies, people, visits, letters, follow-ups) and the personal data
that only a file written `--with-personal-data` holds (docs/exchange-format.md, "Personal data")."""

import datetime
import json
from io import StringIO

import pytest
from django.core.management import call_command

from agenda.models import FollowUp
from agreements.models import Agreement
from contacts.models import Contact
from correspondence.models import Letter
from exchange.format import sections
from institutions.models import DiplomaticPost
from tests.agenda.factories import FollowUpFactory, StaffFactory
from tests.agreements.factories import AgreementFactory
from tests.contacts.factories import ContactFactory
from tests.correspondence.factories import LetterFactory
from tests.exchange.test_import import document, run_import
from tests.institutions.factories import DiplomaticPostFactory, PolishOrganisationFactory
from tests.memberships.factories import AgencyFactory, AssociationFactory, MembershipFactory
from tests.partners.factories import PartnerCityFactory
from tests.programmes.factories import ActivityFactory, ProgrammeParticipationFactory
from tests.visits.factories import VisitFactory
from visits.models import Visit

pytestmark = pytest.mark.django_db

NEW_SECTIONS = ["diplomatic_posts", "polish_organisations", "contacts", "visits", "letters", "follow_ups"]
PERSONAL_SECTIONS = ["contacts", "letters", "follow_ups"]
# What only a file with personal data may hold; each string appears nowhere else in the registry below.
PERSONAL_TEXTS = [
    "Hildegard Zweifel",
    "hildegard.zweifel@example.org",
    "+49 911 555 0123",
    "Ask about the choir's rooms",
    "A councillor of Nuremberg, Sieglinde Quast",
    "coordinator-quirin",
    "Choir festival invitation",
]


@pytest.fixture
def officers_work():
    """One record of every new kind, with every key that export writes for it."""
    nuremberg = PartnerCityFactory(slug="nuremberg", name_en="Nuremberg", country="DE")
    officer = StaffFactory(username="officer-anna")
    twinning = AgreementFactory(
        slug="nuremberg-twinning", city=nuremberg, coordinator=StaffFactory(username="coordinator-quirin")
    )
    association = AssociationFactory(slug="eurocities")
    membership = MembershipFactory(slug="eurocities-membership", association=association)
    membership.fee_due_month, membership.fee_due_day = 3, 31
    membership.save()
    agency = AgencyFactory(slug="krakow-house", city=nuremberg)
    project = ProgrammeParticipationFactory(slug="celsius", cities=[nuremberg])
    post = DiplomaticPostFactory(
        slug="german-consulate", address="Somewhere 1", website="https://post.example"
    )
    club = PolishOrganisationFactory(slug="polish-club", city=nuremberg, notes="Meets on Saturdays.")
    for tool, body in [
        (9, {"agency": agency}),
        (12, {"association": association}),
        (6, {"project": project}),
    ]:
        ActivityFactory(slug=f"activity-of-tool-{tool}", tool=tool, **body)
    ActivityFactory(slug="reception", tool=10, diplomatic_post=post)
    ActivityFactory(slug="school-books", tool=4, polish_organisation=club, cities=[nuremberg])
    person = ContactFactory(
        slug="hildegard",
        full_name="Hildegard Zweifel",
        email="hildegard.zweifel@example.org",
        phone="+49 911 555 0123",
        languages="de, en",
        agency=agency,
        diplomatic_post=post,
        polish_organisation=club,
        lawful_basis_note="Consented on 1 March 2026.",
        notes="Ask about the choir's rooms",
        cities=[nuremberg],
    )
    person.agreements.set([twinning])
    person.projects.set([project])
    person.associations.set([association])
    visit = VisitFactory(
        slug="choir-visit",
        cities=[nuremberg],
        members=[person],
        other_members="A councillor of Nuremberg, Sieglinde Quast",
        agreement=twinning,
        project=project,
        programme="Concert",
        outcome="A festival in 2027.",
        is_public=True,
    )
    invitation = LetterFactory(
        slug="invitation",
        subject="Choir festival invitation",
        sender_contact=person,
        city=nuremberg,
        agreement=twinning,
        medium="email",
        summary="Dates proposed.",
    )
    LetterFactory(
        slug="reply",
        direction="outgoing",
        dated=datetime.date(2026, 2, 10),
        recipient_contact=person,
        city=nuremberg,
        in_reply_to=invitation,
        project=project,
    )
    LetterFactory(slug="fee-notice", membership=membership)
    FollowUpFactory(
        slug="send-programme", owner=officer, visit=visit, city=nuremberg, notes="Before the summer."
    )
    FollowUpFactory(
        slug="answer", owner=officer, letter=invitation, city=nuremberg, done_on=datetime.date(2026, 3, 1)
    )
    FollowUpFactory(slug="pay-fee", owner=officer, membership=membership)
    FollowUpFactory(slug="renew", owner=officer, agreement=twinning, city=nuremberg)
    return visit


def export_text(*args):
    stdout = StringIO()
    call_command("export_registry", *args, stdout=stdout, stderr=StringIO())
    return stdout.getvalue()


def delete_the_registry():
    """Delete every record, each after those that name it through a protected key; the users stay."""
    for section in reversed(sections()):
        remaining = section.model.objects.all()
        while remaining.exists():
            if section.model is Agreement:
                remaining.filter(successors=None).delete()
            elif section.model is Letter:
                remaining.filter(replies=None).delete()
            else:
                remaining.delete()


def test_with_personal_data_every_new_section_goes_through_an_empty_registry_unchanged(
    tmp_path, officers_work
):
    first = export_text("--with-personal-data")
    exported = json.loads(first)
    assert exported["personal_data"] is True
    assert all(exported[name] for name in NEW_SECTIONS)
    path = tmp_path / "full.json"
    path.write_text(first, encoding="utf-8")

    delete_the_registry()
    assert not Contact.objects.exists()
    lines, error = run_import(tmp_path, path.read_bytes(), "--with-personal-data")

    assert error is None, lines
    assert export_text("--with-personal-data") == first


def test_the_new_keys_are_written_as_documented(officers_work):
    exported = json.loads(export_text("--with-personal-data"))

    by_id = {
        name: {record["id"]: record for record in records}
        for name, records in exported.items()
        if isinstance(records, list)
    }
    assert by_id["activities"]["reception"]["diplomatic_post"] == "german-consulate"
    assert by_id["activities"]["activity-of-tool-9"]["agency"] == "krakow-house"
    assert by_id["memberships"]["eurocities-membership"]["fee_due"] == {"month": 3, "day": 31}
    assert by_id["agreements"]["nuremberg-twinning"]["coordinator"] == "coordinator-quirin"
    assert by_id["visits"]["choir-visit"]["members"] == ["hildegard"]
    assert by_id["follow_ups"]["pay-fee"]["owner"] == "officer-anna"


def test_without_personal_data_the_file_names_nobody(officers_work):
    text = export_text()
    exported = json.loads(text)

    assert exported["personal_data"] is False
    assert [text.count(personal) for personal in PERSONAL_TEXTS] == [0] * len(PERSONAL_TEXTS)
    assert not set(PERSONAL_SECTIONS) & set(exported)
    (visit,) = exported["visits"]
    assert visit["id"] == "choir-visit" and not {"members", "other_members"} & set(visit)
    assert "hildegard" not in text


def test_with_personal_data_the_file_holds_them(officers_work):
    text = export_text("--with-personal-data")

    assert [personal for personal in PERSONAL_TEXTS if personal not in text] == []


def test_exporting_personal_data_warns_of_the_care_it_needs():
    stderr = StringIO()

    call_command("export_registry", "--with-personal-data", stdout=StringIO(), stderr=stderr)

    assert "personal data" in stderr.getvalue()


def test_a_file_without_personal_data_leaves_those_the_registry_holds(tmp_path, officers_work):
    path = tmp_path / "public.json"
    path.write_text(export_text(), encoding="utf-8")

    lines, error = run_import(tmp_path, path.read_bytes())

    assert error is None, lines
    visit = Visit.objects.get(slug="choir-visit")
    assert list(visit.members.values_list("slug", flat=True)) == ["hildegard"]
    assert visit.other_members == "A councillor of Nuremberg, Sieglinde Quast"
    assert Agreement.objects.get(slug="nuremberg-twinning").coordinator.username == "coordinator-quirin"
    assert (Contact.objects.count(), Letter.objects.count(), FollowUp.objects.count()) == (1, 3, 4)
    # The visit's history shows its members as they still are.
    assert [member.contact.slug for member in visit.history.first().members.all()] == ["hildegard"]


def test_a_file_with_personal_data_is_imported_only_with_the_option(tmp_path):
    _lines, error = run_import(tmp_path, document(personal_data=True, contacts=[]))

    assert (
        error
        == f"{tmp_path / 'registry.json'} holds personal data: import it with --with-personal-data "
        + ("where the registry may hold them.")
    )


def test_a_personal_section_in_a_file_without_personal_data_stops_the_import(tmp_path):
    _lines, error = run_import(tmp_path, document(contacts=[], letters=[]))

    assert error == (
        'sections contacts, letters hold personal data, which a document holds only with "personal_data": true'
    )


def test_a_personal_key_in_a_file_without_personal_data_is_a_problem_of_its_record(tmp_path):
    visit = {
        "id": "v",
        "title": "Delegation",
        "direction": "incoming",
        "level": "mayor",
        "starts_on": "2026",
        "other_members": "Somebody",
    }

    lines, error = run_import(tmp_path, document(visits=[visit]))

    assert error is not None
    assert lines == [
        'visits[v].other_members: is personal data, which a document holds only with "personal_data": true'
    ]
    assert not Visit.objects.exists()


def test_personal_data_must_be_true_or_false(tmp_path):
    _lines, error = run_import(tmp_path, document(personal_data="yes"))

    assert error == "personal_data must be true or false"


def personal(**sections):
    return document(personal_data=True, **sections)


NUREMBERG = {"id": "nuremberg", "name_en": "Nuremberg", "name_pl": "Norymberga", "country": "DE"}
AGENCY = {"id": "house", "name_en": "House", "name_pl": "Dom", "country": "DE", "locality": "Nürnberg"}
LETTER = {"id": "l", "direction": "incoming", "dated": "2026-02-03", "recipient": "Mayor", "subject": "S"}
VISIT = {"id": "v", "title": "Delegation", "direction": "incoming", "level": "mayor", "starts_on": "2026"}
FOLLOW_UP = {"id": "f", "title": "Answer", "due_on": "2026-12-15", "owner": "officer-anna"}
POST = {"name_en": "Consulate", "name_pl": "Konsulat", "kind": "consulate_general", "locality": "Kraków"}

RULES = {
    "activity-of-another-tool": (
        {
            "agencies": [AGENCY],
            "activities": [
                {
                    "id": "a",
                    "tool": 1,
                    "title_pl": "T",
                    "title_en": "T",
                    "starts_on": "2026",
                    "agency": "house",
                }
            ],
        },
        "activities[a].agency: Only an activity of tool 9 (municipal agencies abroad) can belong to this body.",
    ),
    "letter-without-sender": (
        {"letters": [LETTER]},
        "letters[l].sender: Name the sender: a person, a body, or both.",
    ),
    "follow-up-with-two-sources": (
        {
            "visits": [VISIT],
            "letters": [{**LETTER, "sender": "City of Nuremberg"}],
            "follow_ups": [{**FOLLOW_UP, "visit": "v", "letter": "l"}],
        },
        "follow_ups[f]: A follow-up comes from one record at most: a visit, a letter, an agreement or a "
        "membership.",
    ),
    "owner-unknown": (
        {"follow_ups": [{**FOLLOW_UP, "owner": "nobody"}]},
        "follow_ups[f].owner: no user has the username 'nobody'",
    ),
    "post-of-its-own-state": (
        {"diplomatic_posts": [{"id": "p", **POST, "represents": "PL", "country": "PL"}]},
        "diplomatic_posts[p].represents: A post represents one state in another: the state it represents and "
        "the country it is in differ.",
    ),
    "polish-organisation-in-poland": (
        {
            "polish_organisations": [
                {"id": "o", "name_en": "O", "name_pl": "O", "country": "PL", "locality": "X"}
            ]
        },
        "polish_organisations[o].country: A Polish community organisation abroad is outside Poland.",
    ),
    "fee-due-on-a-day-the-calendar-lacks": (
        {
            "associations": [{"id": "lhc", "name": "League", "kind": "eu_thematic_political"}],
            "memberships": [{"id": "m", "association": "lhc", "fee_due": {"month": 2, "day": 30}}],
        },
        "memberships[m].fee_due.day: The fee's due day needs both a month and a day that the calendar has, "
        "e.g. 31 March.",
    ),
}


@pytest.mark.parametrize("sections, expected", RULES.values(), ids=RULES.keys())
def test_the_rules_of_the_new_records_are_the_models(tmp_path, sections, expected):
    StaffFactory(username="officer-anna")

    lines, error = run_import(tmp_path, personal(**sections), "--with-personal-data")

    assert error is not None
    assert lines == [expected]
    assert not DiplomaticPost.objects.exists() and not FollowUp.objects.exists()


def test_a_follow_up_owned_by_someone_outside_the_staff_is_refused(tmp_path):
    StaffFactory(username="visitor", is_staff=False)

    lines, error = run_import(
        tmp_path, personal(follow_ups=[{**FOLLOW_UP, "owner": "visitor"}]), "--with-personal-data"
    )

    assert error is not None
    assert "follow_ups[f].owner: The owner is a member of the staff." in lines
