"""A visit with a city, public or not, keeps its partnership from being dormant, like an activity does; only a
public visit's day is shown, and an example counts for nothing."""

import datetime

import pytest

from dashboard.overview import RegistryOverview, Scope
from registry.partial_dates import DatePrecision, PartialDate
from tests.agreements.factories import AgreementFactory
from tests.partners.factories import PartnerCityFactory
from tests.programmes.factories import ActivityFactory
from tests.visits.factories import VisitFactory

pytestmark = pytest.mark.django_db

DAY = datetime.date(2024, 6, 30)


@pytest.fixture(autouse=True)
def three_years(settings):
    settings.DORMANT_AFTER_YEARS = 3


def dormant_rows():
    return {row[0]: row[3] for row in RegistryOverview(Scope(as_of=DAY)).dormant_table.rows}


def city(name):
    return AgreementFactory(city=PartnerCityFactory(name_en=name)).city


@pytest.mark.parametrize("is_public", [False, True])
def test_a_recent_visit_keeps_the_partnership_alive(is_public):
    visited = city("Visited")
    VisitFactory(cities=[visited], starts_on=datetime.date(2023, 3, 1), ends_on=None, is_public=is_public)

    assert "Visited" not in dormant_rows()


def test_an_example_visit_or_activity_keeps_nothing_alive():
    made_up = city("Made up")
    VisitFactory(cities=[made_up], starts_on=datetime.date(2023, 3, 1), ends_on=None, is_example=True)
    ActivityFactory(cities=[made_up], starts_on=datetime.date(2023, 4, 1), is_example=True, is_public=False)

    assert dormant_rows() == {"Made up": None}


def test_a_visit_after_the_day_does_not_count():
    later = city("Later")
    VisitFactory(cities=[later], starts_on=datetime.date(2024, 8, 1), ends_on=None)

    assert dormant_rows() == {"Later": None}


def test_the_last_visit_is_the_last_activity_when_it_is_later():
    quiet = city("Quiet")
    ActivityFactory(cities=[quiet], starts_on=datetime.date(2018, 1, 1))
    VisitFactory(
        cities=[quiet],
        starts_on=datetime.date(2020, 5, 1),
        starts_on_precision=DatePrecision.MONTH,
        is_public=True,
    )

    assert dormant_rows() == {"Quiet": PartialDate(datetime.date(2020, 5, 1), DatePrecision.MONTH)}


def test_a_visit_that_is_not_public_does_not_give_its_day_away():
    quiet = city("Quiet")
    ActivityFactory(cities=[quiet], starts_on=datetime.date(2018, 1, 1))
    VisitFactory(cities=[quiet], starts_on=datetime.date(2020, 5, 1))

    assert dormant_rows() == {"Quiet": PartialDate(datetime.date(2018, 1, 1))}


def test_the_last_activity_stays_when_it_is_later_than_the_last_visit():
    quiet = city("Quiet")
    VisitFactory(cities=[quiet], starts_on=datetime.date(2018, 1, 1), ends_on=None)
    ActivityFactory(cities=[quiet], starts_on=datetime.date(2020, 2, 3))

    assert dormant_rows() == {"Quiet": PartialDate(datetime.date(2020, 2, 3))}


def test_a_visit_and_an_activity_on_the_same_first_day_give_the_coarser_precision():
    quiet = city("Quiet")
    ActivityFactory(cities=[quiet], starts_on=datetime.date(2020, 1, 1))
    VisitFactory(
        cities=[quiet],
        starts_on=datetime.date(2020, 1, 1),
        starts_on_precision=DatePrecision.YEAR,
        ends_on=None,
        is_public=True,
    )

    assert dormant_rows() == {"Quiet": PartialDate(datetime.date(2020, 1, 1), DatePrecision.YEAR)}


def test_the_dashboard_names_the_city_never_the_visit(council_client):
    quiet = city("Quiet")
    VisitFactory(
        cities=[quiet],
        title="Public delegation",
        starts_on=datetime.date(2019, 4, 2),
        ends_on=None,
        is_public=True,
    )
    VisitFactory(cities=[quiet], title="Secret delegation", starts_on=datetime.date(2020, 7, 8), ends_on=None)

    page = council_client.get(f"/en/dashboard/?as_of={DAY}").text
    csv = council_client.get(f"/en/dashboard/dormant-partnerships.csv?as_of={DAY}").text

    assert "Quiet" in page and "2 April 2019" in page
    assert "2019-04-02" in csv
    assert "delegation" not in page + csv
    assert "2020-07-08" not in csv and "8 July 2020" not in page
