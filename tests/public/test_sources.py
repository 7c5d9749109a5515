"""A city's public page names where its facts come from: its own sources and those of its public records."""

import pytest

from tests.agreements.factories import AgreementFactory, WorkingDocumentFactory
from tests.partners.factories import PartnerCityFactory

pytestmark = pytest.mark.django_db


def test_the_city_page_lists_the_sources_of_the_city_and_its_public_records_once(client):
    city = PartnerCityFactory(slug="leipzig", sources=["https://example.org/city", "Krakow's 2007 list"])
    AgreementFactory(city=city, sources=["https://example.org/agreement", "https://example.org/city"])
    WorkingDocumentFactory(city=city, sources=["https://example.org/declaration"])
    AgreementFactory(
        city=city,
        kind="sectoral",
        sector="culture",
        is_public=False,
        sources=["https://example.org/internal"],
    )

    page = client.get("/en/partners/leipzig/").content.decode()

    sources = page[page.index('id="sources-heading"') :]
    assert sources.count("https://example.org/city</a>") == 1
    assert '<a href="https://example.org/agreement" rel="noopener noreferrer">' in sources
    assert "https://example.org/declaration" in sources
    assert "<li>Krakow&#x27;s 2007 list</li>" in sources
    assert "https://example.org/internal" not in page


def test_a_page_without_sources_has_no_sources_section(client):
    AgreementFactory(city=PartnerCityFactory(slug="leipzig"))

    assert 'id="sources-heading"' not in client.get("/en/partners/leipzig/").content.decode()
