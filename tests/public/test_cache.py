"""HTTP caching of the public pages: kept a minute by browsers and the proxy in front, never by Django, and
never when rendered for someone with a session. (nginx honouring it: tests/deploy/test_production_server.py.)"""

import pytest

from partners.models import PartnerCity
from tests.agreements.factories import AgreementFactory

pytestmark = pytest.mark.django_db

PUBLIC_PAGES = [
    "/en/partners/",
    "/pl/partners/kyoto/",
    "/en/associations/",
    "/pl/eu-programmes/",
    "/api/partners/",
    "/api/partners/kyoto/",
    "/api/associations/",
    "/api/eu-programmes/",
    "/api/schema/",
    "/api/docs/",
]
STAFF_PAGES = ["/en/dashboard/", "/en/admin/", "/en/admin/partners/partnercity/"]


@pytest.fixture(autouse=True)
def kyoto():
    return AgreementFactory(
        city__slug="kyoto", city__name_en="Kyoto", city__name_pl="Kioto", city__country="JP"
    )


@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_a_public_page_may_be_kept_a_minute_by_anyone(client, path):
    response = client.get(path)

    assert response.status_code == 200
    assert set(response["Cache-Control"].split(", ")) == {"max-age=60", "public"}


@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_a_public_page_is_the_same_for_every_anonymous_reader(client, path):
    """No cookie set and no Vary on cookies: the proxy in front may hand it to everyone."""
    response = client.get(path)

    assert not response.cookies
    assert "cookie" not in response.get("Vary", "").lower()


@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_a_reader_who_holds_the_page_gets_a_304(client, path):
    etag = client.get(path)["ETag"]

    response = client.get(path, HTTP_IF_NONE_MATCH=etag)

    assert response.status_code == 304


def test_a_staff_change_is_on_the_next_page_django_renders(client):
    assert "Kyoto" in client.get("/en/partners/").content.decode()

    PartnerCity.objects.filter(slug="kyoto").update(name_en="Kyōto")

    assert "Kyōto" in client.get("/en/partners/").content.decode()


@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_a_public_page_rendered_for_someone_signed_in_is_never_kept(admin_client, path):
    response = admin_client.get(path)

    assert response.status_code == 200
    assert {"no-store", "private"} <= set(response["Cache-Control"].split(", "))


@pytest.mark.parametrize("path", STAFF_PAGES)
def test_the_staff_pages_are_never_kept(admin_client, path):
    response = admin_client.get(path)

    assert response.status_code == 200
    assert "public" not in response.get("Cache-Control", "")
    assert "private" in response["Cache-Control"]
