"""The public site's header lets council members and staff sign in, and, once they have, reach the dashboard
and sign out; the page for everyone stays one page for everyone."""

import pytest
from django.contrib.auth import get_user_model

pytestmark = pytest.mark.django_db


def header(response):
    page = response.content.decode()
    return page[page.index('<header class="site-header">') : page.index("</header>")]


def test_a_reader_is_offered_to_log_in_to_the_dashboard(client):
    response = client.get("/en/partners/")

    assert '<a href="/en/login/?next=/en/dashboard/">Log in</a>' in header(response)
    assert "cookie" not in response.get("Vary", "").lower()


def test_the_log_in_link_leads_to_the_dashboard(client):
    get_user_model().objects.create_user("radna", password="krakow-demo-1")

    response = client.post(
        "/en/login/?next=/en/dashboard/",
        {"username": "radna", "password": "krakow-demo-1", "next": "/en/dashboard/"},
    )

    assert response.status_code == 302 and response["Location"] == "/en/dashboard/"


def test_someone_signed_in_gets_the_dashboard_and_a_log_out_form(admin_client):
    response = admin_client.get("/pl/partners/")

    shown = header(response)
    assert '<a href="/pl/dashboard/">' in shown
    assert '<form method="post" action="/pl/logout/">' in shown
    assert 'name="csrfmiddlewaretoken"' in shown
    assert "/pl/login/" not in shown


def test_logging_out_from_the_header_returns_to_the_page(admin_client):
    response = admin_client.post("/en/logout/", {"next": "/en/partners/"})

    assert response.status_code == 302 and response["Location"] == "/en/partners/"
    assert "Log in</a>" in header(admin_client.get("/en/partners/"))
