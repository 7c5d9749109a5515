"""The calendar address: the page that gives it out and takes it back, and the iCalendar feed behind it."""

import datetime

import icalendar
import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format

from agenda.models import CalendarFeed
from agenda.services import calendar_feed_create, calendar_feed_revoke
from partners.services import officer_assign
from registry.permissions import COUNCIL_MEMBERS, OFFICERS
from tests.agenda.factories import FollowUpFactory, StaffFactory
from tests.partners.factories import PartnerCityFactory
from tests.visits.factories import VisitFactory

pytestmark = pytest.mark.django_db

SITE_URL = "https://relations.example"


@pytest.fixture(autouse=True)
def site_url(settings):
    settings.SITE_URL = SITE_URL


@pytest.fixture
def today():
    return timezone.localdate()


def officer_of(city, username):
    officer = StaffFactory(username=username)
    officer.groups.add(Group.objects.get(name=OFFICERS))
    officer_assign(officer=officer, cities=[city])
    return officer


@pytest.fixture
def own():
    return PartnerCityFactory(slug="own")


@pytest.fixture
def officer(own):
    return officer_of(own, "officer")


def feed_of(client, user, **params):
    feed = calendar_feed_create(user=user)
    return client.get(reverse("agenda_calendar_feed", args=[feed.token]), params)


def events(response):
    calendar = icalendar.Calendar.from_ical(response.content)
    return {str(event["UID"]): event for event in calendar.walk("VEVENT")}


class TestFeed:
    def test_the_feed_is_an_icalendar_of_all_day_events_with_stable_uids(self, client, officer, own, today):
        in_five = today + datetime.timedelta(days=5)
        FollowUpFactory(slug="draft", title="Send the draft", owner=officer, due_on=in_five)
        VisitFactory(
            slug="mayors",
            title="Mayor of Own",
            starts_on=today + datetime.timedelta(days=3),
            ends_on=in_five,
            cities=[own],
        )
        response = feed_of(client, officer, lang="en")

        assert response.status_code == 200
        assert response["Content-Type"] == "text/calendar; charset=utf-8"
        assert {"private", "no-store"} <= {part.strip() for part in response["Cache-Control"].split(",")}
        calendar = icalendar.Calendar.from_ical(response.content)
        assert str(calendar["VERSION"]) == "2.0"
        assert str(calendar["PRODID"])
        assert str(calendar["X-WR-TIMEZONE"]) == "Europe/Warsaw"
        assert "officer" in str(calendar["X-WR-CALNAME"])
        found = events(response)
        follow_up = found[f"follow-up-followup-draft-{in_five.isoformat()}@krakow-relations"]
        assert follow_up.decoded("DTSTART") == in_five
        assert follow_up.decoded("DTEND") == in_five + datetime.timedelta(days=1)
        assert str(follow_up["SUMMARY"]) == "Send the draft"
        assert "DTSTAMP" in follow_up
        visit = found[
            f"visit-visit-mayors-{(today + datetime.timedelta(days=3)).isoformat()}@krakow-relations"
        ]
        assert visit.decoded("DTEND") == in_five + datetime.timedelta(days=1)
        assert str(visit["SUMMARY"]) == "Incoming visit: Mayor of Own"
        assert str(visit["URL"]) == f"{SITE_URL}/en/admin/visits/visit/mayors/change/"
        assert str(visit["URL"]) in str(visit["DESCRIPTION"])

    def test_an_overdue_follow_up_shows_today_with_the_day_it_was_due(self, client, officer, today):
        long_ago = today - datetime.timedelta(days=90)
        FollowUpFactory(slug="late", title="Answer Own", owner=officer, due_on=long_ago)
        (event,) = events(feed_of(client, officer, lang="en")).values()
        assert event.decoded("DTSTART") == today
        with translation.override("en"):
            assert str(event["SUMMARY"]) == f"Overdue since {date_format(long_ago)}: Answer Own"
        assert str(event["UID"]) == f"follow-up-followup-late-{long_ago.isoformat()}@krakow-relations"

    def test_the_feed_speaks_the_sites_language_unless_asked_for_english(self, client, officer, own, today):
        VisitFactory(slug="v", starts_on=today, ends_on=today, cities=[own])
        token = calendar_feed_create(user=officer).token
        address = reverse("agenda_calendar_feed", args=[token])
        (polish,) = events(client.get(address)).values()
        (english,) = events(client.get(address, {"lang": "en"})).values()
        assert "/pl/admin/" in str(polish["URL"]) and "/en/admin/" in str(english["URL"])

    def test_reading_the_feed_records_when_it_was_read(self, client, officer):
        feed_of(client, officer)
        assert CalendarFeed.objects.get(user=officer).last_read_at is not None

    def test_a_revoked_unknown_or_deactivated_users_address_answers_404(self, client, officer):
        token = calendar_feed_create(user=officer).token
        address = reverse("agenda_calendar_feed", args=[token])
        calendar_feed_revoke(user=officer)
        assert client.get(address).status_code == 404
        assert client.get(reverse("agenda_calendar_feed", args=["x" * 43])).status_code == 404
        officer.is_active = False
        officer.save()
        assert feed_of(client, officer).status_code == 404

    def test_another_officers_feed_holds_nothing_of_a_city_they_do_not_answer_for(
        self, client, officer, own, today
    ):
        VisitFactory(slug="private", starts_on=today, ends_on=today, cities=[own])
        FollowUpFactory(slug="mine", owner=officer, due_on=today, city=own)
        other = officer_of(PartnerCityFactory(slug="other"), "other-officer")
        FollowUpFactory(slug="theirs", owner=other, due_on=today)
        assert len(events(feed_of(client, officer))) == 2
        assert set(events(feed_of(client, other))) == {f"follow-up-followup-theirs-{today}@krakow-relations"}


class TestPage:
    def test_anonymous_visitors_go_to_the_admin_login_and_non_staff_get_a_403(self, client):
        address = reverse("agenda:calendar")
        assert client.get(address).url.startswith(reverse("admin:login"))
        member = StaffFactory(username="councillor", is_staff=False)
        member.groups.add(Group.objects.get(name=COUNCIL_MEMBERS))
        client.force_login(member)
        assert client.get(address).status_code == 403

    def test_the_page_creates_shows_and_revokes_the_address(self, client, officer):
        client.force_login(officer)
        address = reverse("agenda:calendar")
        page = client.get(address)
        assert page.status_code == 200
        assert "csrfmiddlewaretoken" in page.content.decode()
        assert b"admin" in page.content and not CalendarFeed.objects.exists()

        client.post(address, {"action": "create"})
        feed = CalendarFeed.objects.get(user=officer)
        secret = f"{SITE_URL}/agenda/calendar/{feed.token}.ics"
        assert secret in client.get(address).content.decode()
        assert client.get(secret.removeprefix(SITE_URL)).status_code == 200

        client.post(address, {"action": "revoke"})
        assert not CalendarFeed.objects.exists()
        assert client.get(secret.removeprefix(SITE_URL)).status_code == 404
        assert secret not in client.get(address).content.decode()

    def test_a_new_address_replaces_the_old_one(self, client, officer):
        client.force_login(officer)
        old = calendar_feed_create(user=officer).token
        client.post(reverse("agenda:calendar"), {"action": "create"})
        assert CalendarFeed.objects.get(user=officer).token != old
        assert client.get(reverse("agenda_calendar_feed", args=[old])).status_code == 404

    def test_posting_without_the_csrf_token_is_refused(self, officer):
        client = Client(enforce_csrf_checks=True)
        client.force_login(officer)
        assert client.post(reverse("agenda:calendar"), {"action": "create"}).status_code == 403
        assert not CalendarFeed.objects.exists()
