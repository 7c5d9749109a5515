"""The admin's lists sort cities by their name in the admin's language: Kijów before Kolonia in Polish,
Cologne before Kyiv in English."""

import pytest

from tests.agreements.factories import AgreementFactory
from tests.partners.factories import PartnerCityFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def cologne_and_kyiv():
    cologne = PartnerCityFactory(slug="cologne", name_en="Cologne", name_pl="Kolonia", country="DE")
    kyiv = PartnerCityFactory(slug="kyiv", name_en="Kyiv", name_pl="Kijów", country="UA")
    return cologne, kyiv


@pytest.mark.parametrize(("language", "expected"), [("pl", ["kyiv", "cologne"]), ("en", ["cologne", "kyiv"])])
def test_the_city_list_sorts_by_the_name_in_the_admins_language(
    admin_client, cologne_and_kyiv, language, expected
):
    response = admin_client.get(f"/{language}/admin/partners/partnercity/")

    assert [city.slug for city in response.context["cl"].result_list] == expected


@pytest.mark.parametrize(("language", "expected"), [("pl", ["kyiv", "cologne"]), ("en", ["cologne", "kyiv"])])
def test_the_agreement_list_sorts_by_the_citys_name_in_the_admins_language(
    admin_client, cologne_and_kyiv, language, expected
):
    for city in cologne_and_kyiv:
        AgreementFactory(slug=f"{city.slug}-partnership", city=city)

    response = admin_client.get(f"/{language}/admin/agreements/agreement/")

    assert [agreement.city.slug for agreement in response.context["cl"].result_list] == expected


def test_sorting_the_agreements_by_their_city_column_follows_the_polish_name(admin_client, cologne_and_kyiv):
    for city in cologne_and_kyiv:
        AgreementFactory(slug=f"{city.slug}-partnership", city=city)
    changelist = admin_client.get("/pl/admin/agreements/agreement/").context["cl"]
    city_column = changelist.list_display.index("city")

    response = admin_client.get("/pl/admin/agreements/agreement/", {"o": str(city_column)})

    assert [agreement.city.slug for agreement in response.context["cl"].result_list] == ["kyiv", "cologne"]


@pytest.mark.postgres
def test_polish_letters_sort_as_in_polish_on_postgresql(admin_client):
    for slug, name in [("minsk", "Mińsk"), ("lutsk", "Łuck"), ("lviv", "Lwów")]:
        PartnerCityFactory(slug=slug, name_en=slug.title(), name_pl=name, country="UA")

    response = admin_client.get("/pl/admin/partners/partnercity/")

    assert [city.slug for city in response.context["cl"].result_list] == ["lviv", "lutsk", "minsk"]
