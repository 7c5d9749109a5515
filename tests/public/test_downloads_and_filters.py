"""The list's downloads carry its filters, a filtered PDF names them, and the filters read as a reader
expects: distinct labels, only the countries with partners, a relation nobody has is no link."""

import io
import re

import pytest
from pypdf import PdfReader

from tests.agreements.factories import AgreementFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def cities():
    AgreementFactory(city__slug="nuremberg", city__name_en="Nuremberg", city__country="DE", kind="twinning")
    AgreementFactory(city__slug="leipzig", city__name_en="Leipzig", city__country="DE", kind="partnership")
    AgreementFactory(city__slug="lviv", city__name_en="Lviv", city__name_pl="Lwów", city__country="UA")
    AgreementFactory(
        city__slug="leuven", city__name_en="Leuven", city__name_pl="Lowanium", city__country="BE"
    )


def footer_link(page, text):
    footer = page[page.index('<footer class="site-footer">') :]
    return re.search(rf'<a href="([^"]*)">{re.escape(text)}</a>', footer).group(1)


def test_every_download_in_the_footer_carries_the_filters_but_not_the_page(client, cities):
    page = client.get("/en/partners/?country=DE&relation=twin_city&page=1").content.decode()

    for text, address in [
        ("JSON API", "/api/partners/"),
        ("CSV", "/api/partners.csv"),
        ("printable registry (PDF)", "/en/partners/registry.pdf"),
    ]:
        assert footer_link(page, text) == f"{address}?country=DE&amp;relation=twin_city"


def test_the_downloads_of_an_unfiltered_list_ask_for_nothing_more(client, cities):
    page = client.get("/en/partners/").content.decode()

    assert footer_link(page, "CSV") == "/api/partners.csv"


def test_a_filtered_pdf_names_its_filters_in_the_page_language(client, cities):
    english = client.get("/en/partners/registry.pdf?country=DE&relation=twin_city")
    polish = client.get("/pl/partners/registry.pdf?country=DE&relation=twin_city")

    english_text = PdfReader(io.BytesIO(english.content)).pages[0].extract_text()
    polish_text = PdfReader(io.BytesIO(polish.content)).pages[0].extract_text()
    assert "Kind of relation: twin city; Country: Germany" in english_text
    assert ": miasto bliźniacze; Kraj: Niemcy" in polish_text
    assert "Nuremberg" in english_text and "Leipzig" not in english_text
    assert english["Content-Disposition"] == 'inline; filename="krakow-partner-cities-en.pdf"'


def test_the_two_relation_filters_have_distinct_labels(client, cities):
    form = client.get("/en/partners/").context["filter"].form

    assert (form["relation"].label, form["status"].label) == ("Kind of relation", "Current or ended")


def test_the_country_filter_offers_only_countries_with_partners_by_their_name(client, cities):
    english = client.get("/en/partners/").context["filter"].form.fields["country"].widget.choices
    polish = client.get("/pl/partners/").context["filter"].form.fields["country"].widget.choices

    assert [code for code, _name in english] == ["", "BE", "DE", "UA"]
    # Polish order, not code points: "Niemcy" before "Ukraina", "Belgia" first.
    assert [str(name) for _code, name in polish][1:] == ["Belgia", "Niemcy", "Ukraina"]


def test_a_country_without_partners_gives_no_city_on_the_page_in_the_pdf_and_in_the_csv_alike(client, cities):
    page = client.get("/en/partners/?country=FR")
    pdf = client.get("/en/partners/registry.pdf?country=FR")
    csv = client.get("/api/partners.csv?country=FR").content.decode()

    assert list(page.context["cities"]) == []
    # The country asked for stays chosen in the list, though no partner is in it.
    assert ("FR", "France") in [
        (code, str(name)) for code, name in page.context["filter"].form.fields["country"].widget.choices
    ]
    pdf_text = PdfReader(io.BytesIO(pdf.content)).pages[0].extract_text()
    assert "Country: France" in pdf_text and "Nuremberg" not in pdf_text
    assert csv.count("\n") == 1  # the header alone


def test_the_country_list_sorts_a_letter_with_a_diacritic_after_its_base_letter(client):
    AgreementFactory(city__country="LV")  # Łotwa
    AgreementFactory(city__country="LU")  # Luksemburg
    AgreementFactory(city__country="LT")  # Litwa

    choices = client.get("/pl/partners/").context["filter"].form.fields["country"].widget.choices

    assert [str(name) for _code, name in choices][1:] == ["Litwa", "Luksemburg", "Łotwa"]


def test_a_relation_nobody_has_is_counted_as_text_not_a_link(client, cities):
    page = client.get("/en/partners/").content.decode()
    counts = page[page.index('<ul class="counts">') : page.index("</ul>", page.index('<ul class="counts">'))]

    assert "Sectoral cooperation: <strong>0</strong>" in counts
    assert "relation=sectoral" not in counts
    assert 'href="?relation=twin_city">Twin city: <strong>1</strong></a>' in counts
