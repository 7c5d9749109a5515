"""The daily digest: one mail per member of staff with something due, their own cities first."""

import datetime
import io

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.core.management import call_command
from django.utils import translation
from django.utils.translation import gettext

from partners.services import officer_assign
from registry.permissions import ADMINISTRATORS, OFFICERS
from tests.agenda.factories import FollowUpFactory, StaffFactory
from tests.partners.factories import PartnerCityFactory
from tests.programmes.factories import ProgrammeParticipationFactory
from tests.visits.factories import VisitFactory

pytestmark = pytest.mark.django_db

ON = datetime.date(2026, 3, 10)
SITE_URL = "https://relations.example"
HEADINGS = ("Your cities and tasks", "Other matters")


@pytest.fixture(autouse=True)
def site_url(settings):
    settings.SITE_URL = SITE_URL


def staff_in(group, username, **fields):
    user = StaffFactory(username=username, **fields)
    user.groups.add(Group.objects.get(name=group))
    return user


@pytest.fixture
def officer():
    """An officer of Own, with an overdue task, a visit of Own in three days and a project of no city ending
    in two."""
    own = PartnerCityFactory(slug="own", name_pl="Własne")
    officer = staff_in(OFFICERS, "officer")
    officer_assign(officer=officer, cities=[own])
    FollowUpFactory(
        slug="late", title="Answer the mayor", owner=officer, due_on=ON - datetime.timedelta(days=20)
    )
    day = ON + datetime.timedelta(days=3)
    VisitFactory(slug="mayors", title="Mayor of Own", starts_on=day, ends_on=day, cities=[own])
    ProgrammeParticipationFactory(slug="urbact", acronym="NEXT", ends_on=ON + datetime.timedelta(days=2))
    return officer


def send(*arguments):
    out = io.StringIO()
    call_command("send_digest", "--date", ON.isoformat(), *arguments, stdout=out)
    return out.getvalue()


def test_an_officer_gets_one_mail_own_cities_first_with_overdue_follow_ups_and_absolute_links(officer):
    send()
    (message,) = mail.outbox
    assert message.to == ["officer@krakow.example"]
    assert "10 marca 2026" in message.subject  # in Polish
    body = message.body
    assert "Answer the mayor" in body and f"{(ON - datetime.timedelta(days=20)):%Y}" in body
    assert body.index("Answer the mayor") < body.index("Mayor of Own") < body.index("NEXT")
    assert f"{SITE_URL}/pl/admin/visits/visit/mayors/change/" in body
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html"
    assert f'href="{SITE_URL}/pl/admin/visits/visit/mayors/change/"' in html
    assert html.index("Mayor of Own") < html.index("NEXT")


def test_the_items_of_no_city_come_after_the_officers_own(officer):
    send()
    body = mail.outbox[0].body
    # The headings as the Polish catalogue (once translated) writes them.
    with translation.override("pl"):
        own_heading, other_heading = (f"== {gettext(heading)} ==" for heading in HEADINGS)
    assert (
        body.index(own_heading) < body.index("Mayor of Own") < body.index(other_heading) < body.index("NEXT")
    )


def test_users_with_nothing_due_or_no_address_get_no_mail(officer):
    StaffFactory(username="idle")
    staff_in(ADMINISTRATORS, "no-address", email="")
    out = send()
    assert [message.to for message in mail.outbox] == [["officer@krakow.example"]]
    assert "1" in out.splitlines()[-1]


def test_an_item_beyond_the_days_asked_for_is_left_out(officer):
    send("--days", "2")
    body = mail.outbox[0].body
    assert "NEXT" in body and "Mayor of Own" not in body


def test_an_administrator_gets_every_citys_items_as_other_matters(officer):
    staff_in(ADMINISTRATORS, "administrator")
    send()
    body = next(message.body for message in mail.outbox if message.to == ["administrator@krakow.example"])
    with translation.override("pl"):
        assert gettext(HEADINGS[0]) not in body
    assert "Mayor of Own" in body and "NEXT" in body and "Answer the mayor" not in body


def test_a_dry_run_sends_nothing_and_says_who_would_get_a_mail(officer):
    out = send("--dry-run")
    assert mail.outbox == []
    assert "officer <officer@krakow.example>" in out
