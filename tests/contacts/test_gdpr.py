"""The GDPR tools for people: what the registry holds on a person, and erasing or anonymising them, their
history and every mention of them included; checked against every column of every table, read by raw SQL."""

import io
import json
import logging
import re
from types import SimpleNamespace

import pytest
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.urls import reverse

from contacts.models import Contact
from contacts.selectors import person_history_m2m_models
from contacts.services import person_anonymise, person_erase
from correspondence.models import Letter
from tests.agenda.factories import FollowUpFactory, StaffFactory
from tests.contacts.factories import ContactFactory
from tests.correspondence.factories import LetterFactory
from tests.partners.factories import PartnerCityFactory
from tests.programmes.factories import ActivityFactory
from tests.visits.factories import VisitFactory

pytestmark = pytest.mark.django_db

NAME, EARLIER_NAME = "Jürgen Weiß", "Juergen Weiss"
EMAIL, EARLIER_EMAIL = "j.weiss@leipzig.example", "juergen.weiss@old.example"
PHONE = "+49 341 123 4567"
TERMS = (NAME, EARLIER_NAME, EMAIL, EARLIER_EMAIL, PHONE)


@pytest.fixture
def trail():
    """A person with a rich trail: three versions (an earlier spelling and address), two cities, a visit, a
    letter each way, and a follow-up, an activity, a visit's other members, a source, a letter's summary and
    the admin's log that mention them; and someone else, of a like name, with a trail of their own."""
    staff = StaffFactory(username="anna")
    leipzig, nuremberg = PartnerCityFactory(slug="leipzig"), PartnerCityFactory(slug="nuremberg")
    person = ContactFactory(slug="jw", full_name=EARLIER_NAME, email=EARLIER_EMAIL, phone="+49 341 1")
    person.cities.set([leipzig, nuremberg])
    person.full_name, person.email, person.phone = NAME, EMAIL, PHONE
    person._history_user = staff
    person.save()
    other = ContactFactory(slug="other", full_name="Jürgen Weißmann", email="jw@other.example", phone="+48 1")
    other.cities.set([leipzig])
    visit = VisitFactory(
        cities=[leipzig], members=[person, other], other_members=f"Interpreter of {NAME}\nMaria Lopez, press"
    )
    sent = LetterFactory(sender="", sender_contact=person, city=leipzig, summary=f"Answers {EARLIER_EMAIL}.")
    received = LetterFactory(recipient="", recipient_contact=person, sender="Mayor of Krakow")
    others_letter = LetterFactory(sender="", sender_contact=other, summary="From Jürgen Weißmann.")
    follow_up = FollowUpFactory(owner=staff, title="Call Jürgen WEIß about the festival", notes=PHONE)
    activity = ActivityFactory(
        cities=[leipzig], description=f"A talk by {NAME} ({EMAIL}).", sources=[f"Letter of {NAME}, 2025"]
    )
    LogEntry.objects.create(
        user=staff,
        content_type=ContentType.objects.get_for_model(Contact),
        object_id=str(person.pk),
        object_repr=str(person),
        action_flag=CHANGE,
        change_message="[]",
    )
    # Django writes a change's message as JSON, its non-ASCII letters escaped; a summary shouts the name.
    LogEntry.objects.create(
        user=staff,
        content_type=ContentType.objects.get_for_model(Contact),
        object_id=str(other.pk),
        object_repr="a colleague",
        action_flag=CHANGE,
        change_message=json.dumps([{"changed": {"fields": [f"note on {NAME}"]}}]),
    )
    LetterFactory(city=leipzig, summary=f"Spoke to {NAME.upper().replace('SS', 'ß')} at the fair.")
    # An identifier prefilled from a title that names them.
    named_task = FollowUpFactory(owner=staff, slug="call-juergen-weiss", title="Call back")
    return SimpleNamespace(**locals())


def leftovers(terms=TERMS):
    """(table, column, term) wherever a term is written as a whole word ("Jürgen Weißmann" is someone else):
    every column of every table in the database, read with raw SQL, as text (JSON may hold non-ASCII letters
    escaped, so those are looked for too)."""
    forms = {
        term: [
            re.compile(rf"(?<!\w){re.escape(form)}(?!\w)", re.IGNORECASE)
            for form in (term, json.dumps(term)[1:-1])
        ]
        for term in terms
    }
    found = set()
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            columns = [
                column.name for column in connection.introspection.get_table_description(cursor, table)
            ]
            # The names come from the database's own catalogue, quoted.
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608
            for row in cursor.fetchall():
                for column, value in zip(columns, row, strict=True):
                    text = (
                        value.tobytes().decode(errors="replace")
                        if isinstance(value, memoryview)
                        else str(value)
                    )
                    found |= {
                        (table, column, term)
                        for term, variants in forms.items()
                        if any(variant.search(text) for variant in variants)
                    }
    return found


def snapshot():
    """Every row of every table, to compare."""
    with connection.cursor() as cursor:
        tables = {}
        for table in connection.introspection.table_names(cursor):
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608
            tables[table] = sorted(map(repr, cursor.fetchall()))
    return tables


def others_state(trail):
    """What belongs to the others: the other person, their versions, visit and letter; the visit and cities."""
    other = Contact.objects.get(pk=trail.other.pk)
    return {
        "other": {field.name: field.value_from_object(other) for field in Contact._meta.concrete_fields},
        "other_versions": list(other.history.values_list("history_id", "full_name", "email", "phone")),
        "other_cities": set(other.cities.values_list("slug", flat=True)),
        "other_visits": set(other.visits.values_list("slug", flat=True)),
        "others_letter": Letter.objects.filter(pk=trail.others_letter.pk).values().get(),
        "visit_title": trail.visit.__class__.objects.get(pk=trail.visit.pk).title,
    }


def export(*args):
    out = io.StringIO()
    call_command("export_person", *args, stdout=out)
    return json.loads(out.getvalue())


class TestExport:
    def test_it_holds_the_person_their_relations_and_every_version_with_who_made_it(self, trail):
        answer = export("jw")
        person = answer["person"]
        assert (person["full_name"], person["email"], person["phone"]) == (NAME, EMAIL, PHONE)
        assert {city["id"] for city in person["cities"]} == {"leipzig", "nuremberg"}
        names = [(version["full_name"], version["change"], version["by"]) for version in answer["history"]]
        assert names[0] == (EARLIER_NAME, "created", None)
        assert names[-1] == (NAME, "changed", "anna")
        assert {city["id"] for city in answer["history"][-1]["cities"]} == {"leipzig", "nuremberg"}

    def test_it_holds_their_visits_and_letters(self, trail):
        answer = export("jw")
        assert [visit["id"] for visit in answer["visits"]] == [trail.visit.slug]
        assert [letter["reference_number"] for letter in answer["letters_sent"]] == [
            trail.sent.reference_number
        ]
        assert [letter["subject"] for letter in answer["letters_received"]] == [trail.received.subject]

    def test_it_holds_every_record_and_version_that_mentions_them_in_any_text(self, trail):
        mentions = export("jw")["mentions"]
        ids = {label: {row["id"] for row in rows} for label, rows in mentions.items()}
        assert trail.follow_up.slug in ids["agenda.followup"]
        assert trail.follow_up.slug in ids["agenda.historicalfollowup"]
        assert trail.activity.slug in ids["programmes.activity"]
        assert trail.sent.slug in ids["correspondence.letter"]
        assert set(mentions["visits.visit"][0]["fields"]) == {"other_members"}
        assert set(next(r for r in mentions["programmes.activity"])["fields"]) == {"description", "sources"}
        assert sorted(row["pk"] for row in mentions["admin.logentry"]) == sorted(
            LogEntry.objects.values_list("pk", flat=True)
        )
        # The person's own record and versions are given whole, not again as mentions; a like name is no
        # mention of them.
        assert "contacts.contact" not in mentions
        assert trail.others_letter.slug not in ids["correspondence.letter"]

    def test_it_finds_the_person_by_an_address_they_have_or_had(self, trail):
        assert export("--email", EMAIL.upper())["person"]["slug"] == "jw"
        assert export("--email", EARLIER_EMAIL)["person"]["slug"] == "jw"

    def test_it_writes_a_file(self, trail, tmp_path):
        path = tmp_path / "jw.json"
        call_command("export_person", "jw", "-o", str(path), stderr=io.StringIO())
        assert json.loads(path.read_text(encoding="utf-8"))["person"]["full_name"] == NAME

    @pytest.mark.parametrize("args", [("nobody",), ("--email", "nobody@example.org"), ()])
    def test_it_refuses_a_person_not_recorded(self, trail, args):
        with pytest.raises(CommandError):
            export(*args)


def erase(*args):
    out = io.StringIO()
    call_command("erase_person", *args, stdout=out)
    return out.getvalue()


class TestErase:
    def test_an_identifier_that_spells_their_name_is_renamed_and_stays_unique(self, trail):
        erase("jw")

        trail.named_task.refresh_from_db()
        assert trail.named_task.slug == f"call-erased-{trail.named_task.pk}"
        assert not trail.named_task.history.filter(slug__contains="juergen-weiss").exists()

    def test_nothing_of_the_person_is_left_in_any_column_of_any_table(self, trail):
        assert {term for _, _, term in leftovers()} == set(TERMS)
        erase("jw")
        assert leftovers() == set()

    def test_their_record_versions_and_the_versions_relations_are_gone(self, trail):
        pk = trail.person.pk
        erase("jw")
        assert not Contact.objects.filter(pk=pk).exists()
        assert not Contact.history.filter(id=pk).exists()
        for m2m_model in person_history_m2m_models().values():
            assert not m2m_model.objects.filter(contact_id=pk).exists(), m2m_model

    def test_letters_without_another_party_name_an_erased_person_and_keep_their_rules(self, trail):
        erase("jw")
        for letter, party in ((trail.sent, "sender"), (trail.received, "recipient")):
            letter.refresh_from_db()
            assert getattr(letter, party) == "[erased person]"
            assert getattr(letter, f"{party}_contact") is None
            letter.full_clean()
        assert trail.received.sender == "Mayor of Krakow"

    def test_mentions_read_erased_person_and_the_rest_of_the_text_stays(self, trail):
        erase("jw")
        trail.activity.refresh_from_db()
        trail.visit.refresh_from_db()
        assert trail.activity.description == "A talk by [erased person] ([erased person])."
        assert trail.activity.sources == ["Letter of [erased person], 2025"]
        assert trail.visit.other_members == "Interpreter of [erased person]\nMaria Lopez, press"
        assert list(trail.visit.members.all()) == [trail.other]

    def test_the_history_pages_of_their_visit_and_letters_still_open_without_them(self, trail, admin_client):
        erase("jw")
        name = re.compile(r"J(ü|ue)rgen Wei(ß|ss)(?!mann)")
        for record in (trail.visit, trail.sent, trail.received):
            opts = record._meta
            pages = [reverse(f"admin:{opts.app_label}_{opts.model_name}_history", args=[record.slug])]
            pages += [
                reverse(f"admin:{opts.app_label}_{opts.model_name}_simple_history", args=[record.slug, pk])
                for pk in record.history.values_list("history_id", flat=True)
            ]
            for page in pages:
                response = admin_client.get(page)
                assert response.status_code == 200, page
                assert not name.search(response.content.decode()), page

    def test_the_other_people_and_records_are_untouched(self, trail):
        before = others_state(trail)
        erase("jw")
        assert others_state(trail) == before

    def test_a_colleague_sharing_the_office_line_keeps_it(self, trail):
        colleague = ContactFactory(phone=PHONE, notes=f"Deputy of {NAME}.")
        erase("jw")
        colleague.refresh_from_db()
        assert (colleague.phone, colleague.notes) == (PHONE, "Deputy of [erased person].")

    def test_it_records_who_erased_which_record_and_when_without_the_person_s_data(self, trail, caplog):
        with caplog.at_level(logging.INFO, logger="contacts.privacy"):
            output = erase("jw", "--user", "anna")
        (record,) = caplog.records
        for text in (output, record.getMessage()):
            assert "jw" in text and "anna" in text
            assert not any(term.lower() in text.lower() for term in TERMS)
        assert "programmes.activity.description: 1" in output

    def test_the_record_withholds_an_identifier_that_spells_the_person_s_name(self, trail, caplog):
        named = ContactFactory(slug="juergen-weiss-leipzig", full_name="Jürgen Weiß", email="")
        with caplog.at_level(logging.INFO, logger="contacts.privacy"):
            erasure = person_erase(contact=named)
        assert erasure.slug is None
        assert "weiss" not in caplog.records[0].getMessage()

    def test_a_dry_run_changes_nothing_and_tells_what_would_change(self, trail, caplog):
        before = snapshot()
        with caplog.at_level(logging.INFO, logger="contacts.privacy"):
            output = erase("jw", "--dry-run")
        assert snapshot() == before
        assert caplog.records == []
        assert "Dry run" in output and trail.sent.slug in output and "agenda.followup.title: 1" in output

    def test_the_service_s_dry_run_reports_as_the_erasure_does(self, trail):
        dry = person_erase(contact=trail.person, dry_run=True)
        done = person_erase(contact=trail.person)
        assert (dry.history_rows, dry.mentions, dry.letters) == (
            done.history_rows,
            done.mentions,
            done.letters,
        )
        assert dry.history_rows == 4  # created, its cities set, changed, and the deletion's own version
        assert dry.history_relation_rows > 0

    @pytest.mark.parametrize("args", [("nobody",), ("nobody", "--anonymise"), ("jw", "--user", "nobody")])
    def test_it_refuses_an_unknown_person_or_staff_member(self, trail, args):
        with pytest.raises(CommandError):
            erase(*args)
        assert Contact.objects.filter(slug="jw").exists()


class TestAnonymise:
    def test_nothing_of_the_person_is_left_in_any_column_of_any_table(self, trail):
        erase("jw", "--anonymise")
        assert leftovers() == set()

    def test_the_record_stays_with_its_relations_without_the_person(self, trail):
        erase("jw", "--anonymise", "--user", "anna")
        contact = Contact.objects.get(pk=trail.person.pk)
        assert contact.slug == f"anonymised-{contact.pk}"
        assert (contact.full_name, contact.email, contact.phone, contact.position) == (
            "[anonymised person]",
            "",
            "",
            "",
        )
        assert (contact.organisation, contact.lawful_basis) == (trail.person.organisation, "public_task")
        assert set(contact.cities.values_list("slug", flat=True)) == {"leipzig", "nuremberg"}
        assert set(contact.visits.all()) == {trail.visit}
        assert set(contact.letters_sent.all()) == {trail.sent}
        latest = contact.history.first()
        assert (latest.history_type, latest.history_user) == ("~", trail.staff)
        assert set(contact.history.values_list("full_name", "slug")) == {(contact.full_name, contact.slug)}

    def test_mentions_read_anonymised_person(self, trail):
        erase("jw", "--anonymise")
        trail.follow_up.refresh_from_db()
        assert trail.follow_up.title == "Call [anonymised person] about the festival"  # written in capitals

    def test_the_other_people_and_records_are_untouched(self, trail):
        before = others_state(trail)
        erase("jw", "--anonymise")
        assert others_state(trail) == before

    def test_erasing_them_later_leaves_the_others_anonymised_before(self, trail):
        earlier = ActivityFactory(description="A talk by [anonymised person].")
        erase("jw", "--anonymise")
        erase(f"anonymised-{trail.person.pk}")
        earlier.refresh_from_db()
        assert earlier.description == "A talk by [anonymised person]."
        assert not Contact.objects.filter(pk=trail.person.pk).exists()

    def test_a_dry_run_changes_nothing(self, trail):
        before = snapshot()
        person_anonymise(contact=trail.person, dry_run=True)
        assert snapshot() == before
