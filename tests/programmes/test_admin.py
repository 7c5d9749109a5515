"""The EU programme and activity rules hold in the admin too (a real POST)."""

import datetime

import pytest

from programmes.models import Activity, ProgrammeParticipation
from tests.admin_forms import NO_ATTACHMENTS, known_to_the_day
from tests.partners.factories import PartnerCityFactory
from tests.programmes.factories import ActivityFactory

pytestmark = pytest.mark.django_db


def participation_form(**fields):
    return {
        "slug": "tourism-friendly-cities",
        "programme": "urbact",
        "project": "Tourism-Friendly Cities",
        "acronym": "",
        "role": "partner",
        "website": "",
        "is_public": "on",
        "decision_number": "1234/2019",
        "decision_date": "2019-07-01",
        "starts_on": "2019-09-01",
        "ends_on": "2022-08-31",
        "budget": "600000",
        "krakow_share": "55000",
        "currency": "EUR",
        **known_to_the_day(ProgrammeParticipation),
        "cities": [PartnerCityFactory().pk],
        "notes": "",
        "sources": "[]",
        "placeholders": "[]",
        **NO_ATTACHMENTS,
        **fields,
    }


def test_a_participation_started_by_the_mayors_decision_is_saved(admin_client):
    response = admin_client.post("/en/admin/programmes/programmeparticipation/add/", participation_form())

    assert response.status_code == 302
    assert ProgrammeParticipation.objects.get().cities.count() == 1


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"decision_number": "", "decision_date": ""}, "decision_number"),
        ({"decision_number": "1234"}, "decision_number"),
        ({"ends_on": "2019-01-01"}, "ends_on"),
        ({"krakow_share": "700000"}, "krakow_share"),
    ],
    ids=["no-decision", "malformed-decision", "ends-before-start", "share-over-budget"],
)
def test_the_admin_refuses_each_rule(admin_client, fields, field):
    response = admin_client.post(
        "/en/admin/programmes/programmeparticipation/add/", participation_form(**fields)
    )

    assert field in response.context["adminform"].form.errors
    assert not ProgrammeParticipation.objects.exists()


def test_the_admin_refuses_an_activity_ending_before_it_starts(admin_client):
    response = admin_client.post(
        "/en/admin/programmes/activity/add/",
        {
            "slug": "days-of-krakow",
            "tool": "1",
            "title_pl": "Dni Krakowa w Norymberdze",
            "title_en": "Days of Krakow in Nuremberg",
            "starts_on": "2024-06-10",
            "ends_on": "2024-06-01",
            "is_public": "on",
            "district": "",
            "organisers": "",
            "description": "",
            "sources": "[]",
            "placeholders": "[]",
        },
    )

    assert response.context["adminform"].form.errors["ends_on"] == ["The end cannot be before the start."]
    assert not Activity.objects.exists()


def test_the_year_9999_of_an_activity_opens_the_list_with_its_error_flag(admin_client):
    ActivityFactory(starts_on=datetime.date(2024, 6, 1))
    ActivityFactory(starts_on=datetime.date(9999, 12, 31))
    activities = "/en/admin/programmes/activity/"

    assert 'href="?starts_on__year=9999"' in admin_client.get(activities).text
    response = admin_client.get(f"{activities}?starts_on__year=9999")

    assert response.status_code == 302
    assert response.url == f"{activities}?e=1"


@pytest.mark.parametrize(
    "query",
    [
        "starts_on__year=9999&starts_on__month=12",
        "starts_on__year=9999&starts_on__month=12&starts_on__day=31",
        "starts_on__year=99999999999999999999",
    ],
    ids=["last-month", "last-day", "beyond-any-date"],
)
@pytest.mark.parametrize("model", ["activity", "programmeparticipation"])
def test_a_date_past_the_calendar_typed_into_a_lists_address_opens_it_with_its_error_flag(
    admin_client, model, query
):
    response = admin_client.get(f"/en/admin/programmes/{model}/?{query}")

    assert response.status_code == 302
    assert response.url == f"/en/admin/programmes/{model}/?e=1"
