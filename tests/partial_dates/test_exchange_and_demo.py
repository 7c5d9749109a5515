"""The exchange format carries each date at its precision, and the demo registry holds the public record's
dates as it knows them: no placeholder stands in for a fact, made-up activities are examples, never public."""

import json

import pytest
from django.core.management import call_command

from agreements.models import Agreement, WorkingDocument
from memberships.models import Agency, Membership
from programmes.models import Activity, ProgrammeParticipation
from tests.exchange.test_import import LEUVEN, agreement, document, run_import
from website.selectors import partner_city_list_public

pytestmark = pytest.mark.django_db

DEMO_MODELS = [Agreement, WorkingDocument, Membership, Agency, ProgrammeParticipation, Activity]


def test_dates_known_to_a_year_or_a_month_import_at_that_precision(tmp_path):
    lines, error = run_import(
        tmp_path,
        document(
            cities=[LEUVEN],
            agreements=[agreement("leuven-twinning", "leuven", signed_on="1991")],
            activities=[
                {
                    "id": "a",
                    "tool": 1,
                    "title_pl": "T",
                    "title_en": "T",
                    "starts_on": "2024-09",
                    "ends_on": "2024",
                }
            ],
        ),
    )

    assert error is None, lines
    assert Agreement.objects.get().known_date("signed_on").isoformat() == "1991"
    activity = Activity.objects.get()
    assert (activity.known_date("starts_on").isoformat(), activity.known_date("ends_on").isoformat()) == (
        "2024-09",
        "2024",
    )


def test_export_writes_each_date_at_its_precision(tmp_path):
    run_import(
        tmp_path,
        document(cities=[LEUVEN], agreements=[agreement("leuven-twinning", "leuven", signed_on="1991-10")]),
    )

    exported = json.loads(export())

    assert exported["agreements"][0]["signed_on"] == "1991-10"


def test_a_month_that_does_not_exist_is_refused_with_the_key(tmp_path):
    lines, error = run_import(
        tmp_path,
        document(cities=[LEUVEN], agreements=[agreement("leuven-twinning", "leuven", signed_on="1991-13")]),
    )

    assert error is not None
    assert lines == [
        "agreements[leuven-twinning].signed_on: must be a date as YYYY-MM-DD, YYYY-MM or YYYY, not '1991-13'"
    ]


def export():
    from io import StringIO

    out = StringIO()
    call_command("export_registry", stdout=out)
    return out.getvalue()


class TestDemoRegistry:
    def test_no_placeholder_is_left(self, demo_registry):
        for model in DEMO_MODELS:
            assert list(model.objects.exclude(placeholders=[]).values_list("slug", flat=True)) == [], model

    def test_dates_stay_at_the_precision_the_record_gives(self, demo_registry):
        assert (
            Agreement.objects.get(slug="bordeaux-partnership").known_date("signed_on").isoformat() == "1993"
        )
        assert Agreement.objects.get(slug="bratislava-partnership").signed_on is None
        kyoto = Agreement.objects.get(slug="kyoto-honorary-title")
        assert kyoto.in_effect_since.isoformat() == "2024"
        assert WorkingDocument.objects.get(slug="olomouc-memorandum-2016").known_date(
            "signed_on"
        ).isoformat() == ("2016-06")
        league = Membership.objects.get(slug="league-of-historical-cities")
        assert (league.is_founder, league.known_date("joined_on").isoformat()) == (True, "1994")
        brussels = Agency.objects.get(slug="representative-office-brussels")
        assert (
            brussels.known_date("opened_on").isoformat(),
            brussels.known_date("closed_on").isoformat(),
        ) == (
            "2004-03",
            "2007-01",
        )

    def test_a_mayors_decision_nobody_knows_is_recorded_as_not_recorded(self, demo_registry):
        celsius = ProgrammeParticipation.objects.get(slug="fp7-celsius")

        assert (celsius.decision_number, celsius.decision_date) == ("", None)
        assert celsius.decision_not_recorded

    def test_made_up_activities_are_examples_and_never_public(self, demo_registry):
        examples = Activity.objects.filter(is_example=True)

        assert examples.count() == 6
        assert not examples.filter(is_public=True).exists()
        assert not Activity.objects.filter(is_example=False, sources=[]).exists()

    def test_cooperation_the_record_leaves_open_is_not_shown_as_current(self, demo_registry):
        cities = partner_city_list_public().filter(slug__in=["jerusalem", "strasbourg", "veliko-tarnovo"])

        assert {city.slug: city.is_current for city in cities} == {
            "jerusalem": None,
            "strasbourg": None,
            "veliko-tarnovo": None,
        }


def test_a_mayors_decision_known_to_its_month_goes_through_the_format(tmp_path):
    decision = {"number": "1702/2019", "date": "2019-06"}
    lines, error = run_import(
        tmp_path,
        document(
            programme_participations=[
                {
                    "id": "p",
                    "programme": "urbact",
                    "project": "X",
                    "mayor_decision": decision,
                    "starts_on": "2019",
                }
            ]
        ),
    )

    assert error is None, lines
    assert ProgrammeParticipation.objects.get().known_date("decision_date").isoformat() == "2019-06"
    assert json.loads(export())["programme_participations"][0]["mayor_decision"] == decision
