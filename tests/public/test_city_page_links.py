"""A city's page links its own open-data record and its website, names Krakow's agencies in the city, shows
activity titles in the page's language and its dates in one style."""

import datetime

import pytest

from tests.agreements.factories import AgreementFactory, WorkingDocumentFactory
from tests.memberships.factories import AgencyFactory
from tests.programmes.factories import ActivityFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def nuremberg():
    return AgreementFactory(
        city__slug="nuremberg",
        city__name_en="Nuremberg",
        city__name_pl="Norymberga",
        city__country="DE",
        city__website="https://www.nuernberg.de/",
    ).city


def test_the_page_links_the_city_record_in_the_api(client, nuremberg):
    page = client.get("/en/partners/nuremberg/").content.decode()

    assert 'href="/api/partners/nuremberg/"' in page
    assert client.get("/api/partners/nuremberg/").status_code == 200


def test_the_page_links_the_partner_s_website(client, nuremberg):
    page = client.get("/en/partners/nuremberg/").content.decode()

    assert '<a href="https://www.nuernberg.de/" rel="noopener noreferrer" translate="no">' in page


def test_the_page_names_krakow_s_agencies_in_the_city_with_their_website(client, nuremberg):
    AgencyFactory(
        city=nuremberg,
        name_en="Krakow House in Nuremberg",
        name_pl="Dom Krakowski w Norymberdze",
        website="http://www.krakauer-haus.de/",
        opened_on=datetime.date(1996, 6, 8),
    )
    AgencyFactory(name_en="Office in Brussels", country="BE", locality="Brussels")

    english = client.get("/en/partners/nuremberg/").content.decode()
    polish = client.get("/pl/partners/nuremberg/").content.decode()

    assert (
        '<a href="http://www.krakauer-haus.de/" rel="noopener noreferrer">Krakow House in Nuremberg</a>'
        in english
    )
    assert "since 8 June 1996" in english
    assert "Dom Krakowski w Norymberdze" in polish and "od 8 czerwca 1996" in polish
    assert "Office in Brussels" not in english


def test_activity_titles_follow_the_page_language(client, nuremberg):
    ActivityFactory(cities=[nuremberg], title_en="Days of Krakow", title_pl="Dni Krakowa", is_public=True)

    for path in ("/pl/partners/nuremberg/", "/pl/partners/nuremberg/activities/"):
        page = client.get(path).content.decode()
        assert "Dni Krakowa" in page and "Days of Krakow" not in page
    for path in ("/en/partners/nuremberg/", "/en/partners/nuremberg/activities/"):
        page = client.get(path).content.decode()
        assert "Days of Krakow" in page and "Dni Krakowa" not in page


def test_a_date_after_since_is_in_the_form_since_takes(client, nuremberg):
    """ "Współpraca od października 1979", as the relation history's "od 9 grudnia 1991", not "od Październik
    1979"."""
    WorkingDocumentFactory(city=nuremberg, signed_on=datetime.date(1979, 10, 1), signed_on_precision="month")

    page = client.get("/pl/partners/nuremberg/").content.decode()

    facts = page[page.index('<dl class="facts">') : page.index("</dl>")]
    assert "<dd>października 1979</dd>" in facts
