"""A partner city with a public page and, around it, everything private the registry holds about it: a
person, a letter, a visit not public, a follow-up, an example visit, and a public visit whose members, programme
and outcome stay private. Each private fact is a string that no one but an administrator and the city's
officer may ever read."""

import datetime

import pytest
from django.contrib.auth.models import Group, User

from agenda.services import calendar_feed_create
from partners.services import officer_assign
from registry.permissions import ADMINISTRATORS, COUNCIL_MEMBERS, OFFICERS
from tests.agenda.factories import FollowUpFactory
from tests.agreements.factories import AgreementFactory
from tests.contacts.factories import ContactFactory
from tests.correspondence.factories import LetterFactory
from tests.partners.factories import PartnerCityFactory
from tests.programmes.factories import ActivityFactory
from tests.visits.factories import VisitFactory

# ASCII only, so that JSON's escapes and HTML's entities cannot hide a leak from the search.
SECRETS = {
    "contact name": "Hieronymus Geheimrat",
    "contact e-mail": "h.geheimrat@privat.example",
    "contact phone": "+49 911 555 0199",
    "letter subject": "Confidential offer on the tram depot",
    "letter reference": "KS-SECRET.0042.2026",
    "private visit": "Closed talks on the tram depot",
    "private visit members": "Wilhelmina Vertraulich",
    "public visit members": "Bartholomaeus Stillschweig",
    "public visit programme": "Dinner at Villa Verborgen",
    "public visit outcome": "Promised the loan of the prints",
    "follow-up": "Chase the unsigned depot memorandum",
    "example visit": "Made-up jazz festival delegation",
}


def leaks(text):
    """The secrets the text gives away."""
    text = text.lower()
    return [name for name, secret in SECRETS.items() if secret.lower() in text]


@pytest.fixture
def world():
    city = AgreementFactory(
        city=PartnerCityFactory(
            slug="nuremberg", name_en="Nuremberg", country="DE", latitude=49.45, longitude=11.08
        )
    ).city
    ActivityFactory(cities=[city], is_public=True, title_en="Public concert")
    contact = ContactFactory(
        slug="geheimrat",
        full_name=SECRETS["contact name"],
        email=SECRETS["contact e-mail"],
        phone=SECRETS["contact phone"],
        cities=[city],
    )
    letter = LetterFactory(
        slug="tram-depot-offer",
        city=city,
        subject=SECRETS["letter subject"],
        reference_number=SECRETS["letter reference"],
        sender_contact=contact,
    )
    private_visit = VisitFactory(
        slug="closed-talks",
        cities=[city],
        title=SECRETS["private visit"],
        other_members=SECRETS["private visit members"],
        members=[contact],
    )
    public_visit = VisitFactory(
        slug="mayor-of-nuremberg",
        cities=[city],
        title="Mayor of Nuremberg in Krakow",
        other_members=SECRETS["public visit members"],
        programme=SECRETS["public visit programme"],
        outcome=SECRETS["public visit outcome"],
        members=[contact],
        is_public=True,
        starts_on=datetime.date(2026, 5, 4),
        ends_on=None,
    )
    follow_up = FollowUpFactory(
        slug="chase-memorandum",
        city=city,
        title=SECRETS["follow-up"],
        visit=private_visit,
        due_on=datetime.date(2026, 12, 10),
    )
    example = VisitFactory(
        slug="jazz-example", cities=[city], title=SECRETS["example visit"], is_example=True
    )
    return {
        "city": city,
        "contact": contact,
        "letter": letter,
        "private visit": private_visit,
        "public visit": public_visit,
        "follow-up": follow_up,
        "example visit": example,
    }


def staff_member(username, group):
    user = User.objects.create_user(username, is_staff=True)
    user.groups.add(Group.objects.get(name=group))
    # Each has a calendar address, so that the feed's door is tried with a token that works.
    calendar_feed_create(user=user)
    return user


@pytest.fixture
def users(world):
    assigned_officer = staff_member("assigned-officer", OFFICERS)
    officer_assign(officer=assigned_officer, cities=[world["city"]])
    other_officer = staff_member("other-officer", OFFICERS)
    officer_assign(officer=other_officer, cities=[PartnerCityFactory(slug="elsewhere")])
    return {
        "council_member": staff_member("council-member", COUNCIL_MEMBERS),
        "other_officer": other_officer,
        "assigned_officer": assigned_officer,
        "administrator": staff_member("administrator", ADMINISTRATORS),
    }
