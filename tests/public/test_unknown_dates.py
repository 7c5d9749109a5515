"""A relation whose start the record does not give is shown as not known, never as a made-up or empty date."""

import pytest

from tests.agreements.factories import AgreementFactory
from tests.partners.factories import PartnerCityFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def la_serena():
    """An honorary title whose resolution, and so its date, the public record does not give."""
    return AgreementFactory(
        city=PartnerCityFactory(slug="la-serena", name_en="La Serena", country="CL"),
        kind="honorary_title",
        resolution_number="",
        resolution_date=None,
        decision_not_recorded="The year of the resolution was not found.",
        signed_on=None,
    )


def test_the_city_page_says_the_start_is_not_known(client, la_serena):
    page = client.get("/en/partners/la-serena/").content.decode()

    assert "since a date not known" in page
    assert "None" not in page


def test_the_list_says_the_year_is_not_known(client, la_serena):
    page = client.get("/en/partners/").content.decode()
    row = page[page.index("La Serena") :]

    assert 'data-label="Since">not known</td>' in row[: row.index("</tr>")]


def test_the_open_data_gives_no_date(client, la_serena):
    city = client.get("/api/partners/la-serena/").json()

    assert city["since"] is None
    assert [relation["since"] for relation in city["relations"]] == [None]
