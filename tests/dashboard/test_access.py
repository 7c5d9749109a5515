"""Who sees the council's dashboard: council members and staff, read-only; nobody else."""

import pytest

pytestmark = pytest.mark.django_db

URLS = [
    "/en/dashboard/",
    "/en/dashboard/map.json",
    "/en/dashboard/relations-in-force.csv",
    "/en/dashboard/report/2024.pdf",
]


@pytest.mark.parametrize("url", URLS)
def test_an_anonymous_visitor_is_sent_to_the_login_page(client, url):
    response = client.get(url)

    assert response.status_code == 302
    assert response["Location"] == f"/en/login/?next={url}"


@pytest.mark.parametrize("url", URLS)
def test_a_user_without_the_council_role_is_refused(client, django_user_model, url):
    client.force_login(django_user_model.objects.create_user("someone"))

    assert client.get(url).status_code == 403


def test_a_council_member_sees_the_dashboard(council_client):
    response = council_client.get("/en/dashboard/")

    assert response.status_code == 200
    assert "Council dashboard" in response.text
    assert "no-store" in response["Cache-Control"]


def test_staff_see_the_dashboard_with_the_map_linking_into_the_admin(client, django_user_model):
    from tests.agreements.factories import AgreementFactory

    AgreementFactory(city__slug="kyoto")
    client.force_login(django_user_model.objects.create_user("officer", is_staff=True))

    response = client.get("/pl/dashboard/map.json")

    assert response.status_code == 200
    assert [city["url"] for city in response.json()["cities"]] == [
        "/pl/admin/partners/partnercity/kyoto/change/"
    ]


def test_the_dashboard_is_read_only(council_client):
    assert council_client.post("/en/dashboard/").status_code == 405


def test_a_council_member_logs_in_on_the_site_and_lands_on_the_dashboard(client, council_member):
    page = client.get("/pl/login/?next=/pl/dashboard/")
    assert page.status_code == 200

    response = client.post(
        "/pl/login/", {"username": "radna", "password": "secret-pass-1", "next": "/pl/dashboard/"}
    )

    assert response.status_code == 302
    assert response["Location"] == "/pl/dashboard/"
    assert client.get("/pl/dashboard/").status_code == 200


def test_a_wrong_password_does_not_open_the_dashboard(client, council_member):
    response = client.post("/en/login/", {"username": "radna", "password": "wrong"})

    assert response.status_code == 200
    assert client.get("/en/dashboard/").status_code == 302


def test_logging_out_ends_the_session(council_client):
    assert council_client.post("/en/logout/").status_code == 302

    assert council_client.get("/en/dashboard/").status_code == 302
