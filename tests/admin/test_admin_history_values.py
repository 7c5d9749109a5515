"""A record's history page says what changed as people read it: labels, yes and no, a dash for nothing."""

import pytest

from tests.partners.factories import PartnerCityFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def changed_city():
    city = PartnerCityFactory(slug="graz", name_en="Graz", name_pl="Graz", country="DE", website="")
    city.country = "AT"
    city.is_capital = True
    city.website = "https://www.graz.at"
    city.save()
    return city


def changes(admin_client, city):
    response = admin_client.get(f"/en/admin/partners/partnercity/{city.slug}/history/")
    (latest, _created) = response.context["page_obj"].object_list[:2]
    return {
        change["field"]: (str(change["old"]), str(change["new"])) for change in latest.history_delta_changes
    }


def test_a_choice_is_shown_by_its_label(admin_client, changed_city):
    assert changes(admin_client, changed_city)["Country"] == ("Germany", "Austria")


def test_a_yes_or_no_is_shown_in_words(admin_client, changed_city):
    assert changes(admin_client, changed_city)["National capital"] == ("No", "Yes")


def test_an_empty_value_is_a_dash_not_none(admin_client, changed_city):
    assert changes(admin_client, changed_city)["Website"] == ("—", "https://www.graz.at")
