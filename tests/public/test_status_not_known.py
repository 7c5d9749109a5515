"""A cooperation the record names without saying whether it goes on is shown as of unknown status: never as
current, never as ended, on the list, the city page, the map, the API and in the dashboard's counts."""

import datetime

import pytest
from django.utils import timezone

from agreements.choices import WorkingDocumentKind
from agreements.selectors import working_document_list_standing
from tests.agreements.factories import WorkingDocumentFactory
from tests.partners.factories import PartnerCityFactory
from tests.rules import assert_refused

pytestmark = pytest.mark.django_db


@pytest.fixture
def open_question():
    city = PartnerCityFactory(slug="askton", name_en="Askton", name_pl="Askton")
    WorkingDocumentFactory(
        city=city, kind=WorkingDocumentKind.NO_DOCUMENT, signed_on=None, status_not_known=True
    )
    return city


def test_the_model_and_the_database_refuse_an_end_for_an_open_question():
    document = WorkingDocumentFactory.build(
        city=PartnerCityFactory(), status_not_known=True, ended_on=datetime.date(2020, 1, 1)
    )

    assert_refused(document, "status_not_known")


def test_the_list_of_current_relations_leaves_it_out_and_says_so_under_its_own_filter(client, open_question):
    current = client.get("/en/partners/").content.decode()
    unknown = client.get("/en/partners/?status=not_known").content.decode()
    everything = client.get("/en/partners/?status=all").content.decode()

    assert "Askton" not in current
    assert "Askton" in unknown and "status not known" in unknown
    assert "Askton" in everything and "ended on" not in everything


def test_the_city_page_says_the_status_is_not_known(client, open_question):
    page = client.get("/en/partners/askton/").content.decode()

    assert "status not known" in page
    assert "whether it goes on is not known" in page
    assert 'class="ended"' not in page
    assert '"ended": false, "status_not_known": true' in page  # the map's data


def test_the_api_gives_no_current_value(client, open_question):
    response = client.get("/api/partners/askton/")

    assert response.json()["current"] is None


def test_the_dashboard_does_not_count_it_as_standing(open_question):
    assert not working_document_list_standing(on=timezone.localdate()).exists()
