"""API responses: kept a minute by browsers and proxies, a copy per format and per language (Vary)."""

import pytest

from tests.agreements.factories import AgreementFactory

pytestmark = pytest.mark.django_db


def test_a_staff_change_shows_at_once(client):
    agreement = AgreementFactory(city__slug="kyoto", city__name_en="Kyoto", city__country="JP")
    assert client.get("/api/partners/").json()["results"][0]["name_en"] == "Kyoto"

    city = agreement.city
    city.name_en = "Kyōto"
    city.save()

    assert client.get("/api/partners/").json()["results"][0]["name_en"] == "Kyōto"
    assert client.get("/api/partners.csv").content.decode().count("Kyōto") == 1


def test_responses_may_be_kept_a_minute_by_browsers_and_proxies(client):
    AgreementFactory()

    response = client.get("/api/partners/")

    assert "public" in response["Cache-Control"]
    assert "max-age=60" in response["Cache-Control"]


def test_the_browsable_api_and_the_json_are_cached_apart(client):
    AgreementFactory()

    html = client.get("/api/partners/", HTTP_ACCEPT="text/html")
    data = client.get("/api/partners/", HTTP_ACCEPT="application/json")

    assert html["Content-Type"].startswith("text/html")
    assert data["Content-Type"] == "application/json"
    assert data.json()["count"] == 1
    assert "Accept" in data["Vary"].split(", ")


def test_languages_are_cached_apart(client):
    AgreementFactory(city__country="DE")

    polish = client.get("/api/partners/", HTTP_ACCEPT_LANGUAGE="pl")
    english = client.get("/api/partners/", HTTP_ACCEPT_LANGUAGE="en")

    assert polish.json()["results"][0]["country_name"] == "Niemcy"
    assert english.json()["results"][0]["country_name"] == "Germany"
    assert "Accept-Language" in english["Vary"].split(", ")


def test_the_browsable_api_holds_no_csrf_token(client, admin_client):
    """A token is its visitor's secret: one made for a member of staff must not reach the public."""
    AgreementFactory()

    staff_page = admin_client.get("/api/partners/", HTTP_ACCEPT="text/html")
    public_page = client.get("/api/partners/", HTTP_ACCEPT="text/html")

    for response in (staff_page, public_page):
        assert '"csrfToken": ""' in response.content.decode()
        assert "csrftoken" not in response.cookies
