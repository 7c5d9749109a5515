"""An activity's title in Polish and English: at least one is known, a public activity has both, and the title
shown is the one of the page's language, or the other one, marked, where only that is known."""

import pytest
from django.utils import translation

from tests.programmes.factories import ActivityFactory
from tests.rules import assert_refused, errors_of

pytestmark = pytest.mark.django_db


def test_an_activity_without_any_title_is_refused():
    assert_refused(ActivityFactory.build(title_pl="", title_en="", is_public=False), "title_pl")


@pytest.mark.parametrize("missing", ["title_pl", "title_en"])
def test_a_public_activity_needs_its_title_in_both_languages(missing):
    assert missing in errors_of(ActivityFactory.build(is_public=True, **{missing: ""}))


@pytest.mark.parametrize("missing", ["title_pl", "title_en"])
def test_an_internal_activity_may_keep_the_one_title_it_was_given(missing):
    ActivityFactory(is_public=False, **{missing: ""}).full_clean()


@pytest.mark.parametrize(("language", "shown"), [("pl", "Dni Krakowa"), ("en", "Days of Krakow")])
def test_the_title_follows_the_language(language, shown):
    activity = ActivityFactory.build(title_pl="Dni Krakowa", title_en="Days of Krakow")
    with translation.override(language):
        assert (activity.title, activity.title_language, str(activity)) == (shown, language, shown)


def test_a_title_known_in_one_language_is_shown_in_it_and_says_so():
    activity = ActivityFactory.build(title_pl="Dni Krakowa", title_en="", is_public=False)
    with translation.override("en"):
        assert (activity.title, activity.title_language) == ("Dni Krakowa", "pl")
