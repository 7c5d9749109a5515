"""Long public lists come in pages of 50, with links to the others that keep the rest of the address."""

import datetime
import html
import re

import pytest
from django.conf import settings
from django.core.cache import caches

from registry.pagination import PER_PAGE
from tests.memberships.factories import MembershipFactory
from tests.programmes.factories import ProgrammeParticipationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def empty_caches():
    for alias in settings.CACHES:
        caches[alias].clear()


def rows(response):
    return re.findall(r'<th scope="row">(.*?)</th>', response.content.decode(), re.S)


def links(response):
    return [
        html.unescape(link)
        for link in re.findall(r'<a href="(\?[^"]*)" rel="(?:prev|next)"', response.content.decode())
    ]


def test_the_associations_come_fifty_a_page(client):
    for number in range(PER_PAGE + 1):
        MembershipFactory(association__name=f"Association {number:03}")

    first = client.get("/en/associations/")
    second = client.get("/en/associations/?page=2")

    assert len(rows(first)) == PER_PAGE and "Association 000" in rows(first)[0]
    assert "page 1 of 2" in first.content.decode() and links(first) == ["?page=2"]
    assert [row.strip() for row in rows(second)] == ["Association 050"]
    assert links(second) == ["?page=1"]


def test_running_and_past_eu_projects_turn_their_pages_apart(client):
    today = datetime.date.today()
    for number in range(PER_PAGE + 2):
        ProgrammeParticipationFactory(
            project=f"Past {number:03}",
            decision_number="1500/2000",
            decision_date=datetime.date(2000, 12, 1),
            starts_on=datetime.date(2001, 1, 1) + datetime.timedelta(days=number),
            ends_on=datetime.date(2002, 1, 1),
        )
    ProgrammeParticipationFactory(
        project="Running one", starts_on=today, ends_on=today.replace(year=today.year + 2)
    )

    first = client.get("/en/eu-programmes/?running=1")
    second = client.get("/en/eu-programmes/?running=1&past=2")

    assert "Running one" in rows(first)[0] and len(rows(first)) == 1 + PER_PAGE
    # The newest past project first; the link to the next page of past projects keeps the running page.
    assert "Past 051" in rows(first)[1]
    assert links(first) == ["?running=1&past=2"]
    assert [row.strip() for row in rows(second)[1:]] == ["Past 001", "Past 000"]
    assert 'aria-label="Pages of the past projects"' in second.content.decode()
