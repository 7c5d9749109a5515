"""A city's page shows its public visits — title, direction, level and dates at their precision — and
nothing else of them, at the same cost whatever their number."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from registry.partial_dates import DatePrecision
from tests.agreements.factories import AgreementFactory
from tests.contacts.factories import ContactFactory
from tests.visits.factories import VisitFactory
from visits.choices import Direction, Level

pytestmark = pytest.mark.django_db


@pytest.fixture
def kyoto():
    return AgreementFactory(city__slug="kyoto", city__name_en="Kyoto", city__country="JP").city


def page(client, language="en"):
    response = client.get(f"/{language}/partners/kyoto/")
    assert response.status_code == 200
    return response.content.decode()


def test_the_page_shows_a_public_visit_at_its_dates_precision(client, kyoto):
    VisitFactory(
        cities=[kyoto],
        title="Mayor of Kyoto in Krakow",
        direction=Direction.INCOMING,
        level=Level.MAYOR,
        starts_on=datetime.date(2024, 5, 1),
        starts_on_precision=DatePrecision.MONTH,
        ends_on=None,
        is_public=True,
    )
    VisitFactory(
        cities=[kyoto],
        title="Krakow's officials in Kyoto",
        direction=Direction.OUTGOING,
        level=Level.OFFICIALS,
        starts_on=datetime.date(2023, 10, 2),
        ends_on=datetime.date(2023, 10, 5),
        is_public=True,
    )

    html = page(client)

    assert "May 2024: Mayor of Kyoto in Krakow" in html
    assert "incoming: a delegation to Krakow; level: mayor" in html
    assert "2 October 2023 – 5 October 2023: Krakow&#x27;s officials in Kyoto" in html
    assert "outgoing: Krakow&#x27;s delegation abroad; level: officials" in html
    assert html.index("Mayor of Kyoto") < html.index("officials in Kyoto")  # the latest first


def test_the_polish_page_shows_it_too(client, kyoto):
    VisitFactory(cities=[kyoto], title="Kyoto w Krakowie", is_public=True)

    assert "Kyoto w Krakowie" in page(client, "pl")


def test_a_visit_not_public_is_not_shown(client, kyoto):
    VisitFactory(cities=[kyoto], title="Quiet talks")

    html = page(client)

    assert "Quiet talks" not in html
    assert 'id="visits-heading"' not in html


def test_the_members_programme_and_outcome_of_a_public_visit_are_not_shown(client, kyoto):
    visit = VisitFactory(
        cities=[kyoto],
        title="Open visit",
        other_members="Hanako Yamada, interpreter",
        programme="Dinner at the private residence",
        outcome="A loan of paintings was promised",
        is_public=True,
    )
    visit.members.set([ContactFactory(full_name="Taro Suzuki", email="taro@example.jp", phone="+81 75 1")])

    html = page(client)

    assert "Open visit" in html
    for private in ("Hanako", "private residence", "loan of paintings", "Taro", "taro@", "+81 75 1"):
        assert private not in html


def test_the_page_reads_the_visits_in_one_query_whatever_their_number(client, kyoto):
    VisitFactory(cities=[kyoto], is_public=True)
    with CaptureQueriesContext(connection) as one:
        page(client)
    for _ in range(20):
        VisitFactory(cities=[kyoto], is_public=True)

    with CaptureQueriesContext(connection) as many:
        html = page(client)

    assert html.count("Delegation ") == 21
    assert len(many) == len(one)
