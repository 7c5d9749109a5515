"""The staff admin's defences: login throttling, session lifetime, CSRF, security headers and the deploy check.

Logins here are real POSTs to the admin's login page: `client.force_login` skips authentication and so would
never meet django-axes.
"""

import secrets
import subprocess
import sys
from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.test import Client
from django.utils import timezone

from partners.models import PartnerCity
from tests.partners.factories import PartnerCityFactory

LOGIN_URL = "/en/admin/login/"
PASSWORD = "correct-horse-battery-staple"


@pytest.fixture
def officer(django_user_model):
    return django_user_model.objects.create_user(username="officer", password=PASSWORD, is_staff=True)


def log_in(client, password, username="officer", **extra):
    return client.post(LOGIN_URL, {"username": username, "password": password, "next": "/en/admin/"}, **extra)


def fail_to_log_in(client, times, **extra):
    for _ in range(times):
        log_in(client, "wrong password", **extra)


def is_logged_in(client):
    return "_auth_user_id" in client.session


def policy_of(response):
    """The Content-Security-Policy header as {directive: [sources]}."""
    directives = (part.split() for part in response["Content-Security-Policy"].split(";") if part.strip())
    return {name: sources for name, *sources in directives}


@pytest.mark.django_db
def test_four_failed_logins_still_let_the_right_password_in(client, officer):
    fail_to_log_in(client, 4)

    response = log_in(client, PASSWORD)

    assert response.status_code == 302
    assert is_logged_in(client)


@pytest.mark.django_db
def test_after_five_failed_logins_even_the_right_password_is_refused(client, officer):
    fail_to_log_in(client, 5)

    response = log_in(client, PASSWORD)

    assert response.status_code == 429
    assert not is_logged_in(client)


@pytest.mark.django_db
def test_the_lockout_is_a_page_of_the_admin_that_says_when_to_try_again(client, officer):
    fail_to_log_in(client, 5)

    response = log_in(client, PASSWORD)

    assert "registration/lockout.html" in [template.name for template in response.templates]
    assert "admin/base_site.html" in [template.name for template in response.templates]
    assert "Please try again in 15 minutes" in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(("minutes_ago", "status"), [(14, 429), (16, 302)])
def test_the_lockout_lasts_fifteen_minutes(client, officer, minutes_ago, status):
    fail_to_log_in(client, 5)
    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(minutes=minutes_ago))

    response = log_in(client, PASSWORD)

    assert response.status_code == status


@pytest.mark.django_db
def test_without_a_cool_off_the_lockout_holds_until_an_administrator_lifts_it(client, officer, settings):
    settings.AXES_COOLOFF_TIME = None  # AXES_COOLOFF_MINUTES=0
    fail_to_log_in(client, 5)
    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(days=30))

    response = log_in(client, PASSWORD)

    assert response.status_code == 429
    assert "administrator to unlock your account" in response.content.decode()


@pytest.mark.django_db
def test_a_successful_login_resets_the_count_of_failures(client, officer):
    fail_to_log_in(client, 4)
    log_in(client, PASSWORD)
    client.logout()
    fail_to_log_in(client, 4)

    response = log_in(client, PASSWORD)

    assert response.status_code == 302
    assert is_logged_in(client)


@pytest.mark.django_db
def test_the_lockout_holds_one_username_not_the_whole_address(client, officer, django_user_model):
    django_user_model.objects.create_user(username="colleague", password=PASSWORD, is_staff=True)
    fail_to_log_in(client, 5)

    response = log_in(client, PASSWORD, username="colleague")

    assert response.status_code == 302


@pytest.mark.django_db
def test_the_lockout_holds_one_address_not_the_username_everywhere(client, officer):
    fail_to_log_in(client, 5, REMOTE_ADDR="203.0.113.7")

    response = log_in(client, PASSWORD, REMOTE_ADDR="198.51.100.20")

    assert response.status_code == 302


@pytest.mark.django_db
def test_behind_the_proxy_the_lockout_follows_the_clients_address_from_its_header(client, officer, settings):
    settings.AXES_CLIENT_IP_HEADER = "X-Real-IP"
    fail_to_log_in(client, 5, REMOTE_ADDR="127.0.0.1", HTTP_X_REAL_IP="203.0.113.7")

    response = log_in(client, PASSWORD, REMOTE_ADDR="127.0.0.1", HTTP_X_REAL_IP="198.51.100.20")

    assert response.status_code == 302


@pytest.mark.django_db
def test_a_session_ends_eight_hours_after_login_or_when_the_browser_closes(client, officer):
    log_in(client, PASSWORD)

    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    assert client.session.get_expiry_age() == 8 * 60 * 60
    assert cookie["max-age"] == ""  # a browser-session cookie: gone when the browser closes
    assert cookie["httponly"]


@pytest.mark.django_db
def test_the_admin_works_with_a_csrf_cookie_scripts_cannot_read():
    client = Client(enforce_csrf_checks=True)
    client.get(LOGIN_URL)
    cookie = client.cookies[settings.CSRF_COOKIE_NAME]

    response = client.post(
        LOGIN_URL, {"username": "nobody", "password": "x", "csrfmiddlewaretoken": cookie.value}
    )

    assert cookie["httponly"]
    assert response.status_code == 200  # the form answered (wrong password), CSRF let it through


@pytest.mark.django_db
def test_an_admin_post_without_csrf_token_is_refused(admin_user):
    client = Client(enforce_csrf_checks=True)
    client.force_login(admin_user)

    response = client.post(
        "/en/admin/partners/partnercity/add/", {"slug": "lyon", "name_en": "Lyon", "country": "FR"}
    )

    assert response.status_code == 403
    assert not PartnerCity.objects.exists()


@pytest.mark.django_db
def test_a_login_without_csrf_token_is_refused(officer):
    client = Client(enforce_csrf_checks=True)

    response = log_in(client, PASSWORD)

    assert response.status_code == 403
    assert not is_logged_in(client)


def open_the_login_page(client, users):
    return client.get(LOGIN_URL)


def log_in_as_an_officer(client, users):
    users.objects.create_user(username="officer", password=PASSWORD, is_staff=True)
    return log_in(client, PASSWORD)


def switch_the_language(client, users):
    return client.post("/i18n/setlang/", {"language": "en", "next": "/en/admin/login/"})


def delete_a_city_in_the_admin(client, users):
    client.force_login(users.objects.create_superuser("administrator"))
    city = PartnerCityFactory()
    return client.post(f"/en/admin/partners/partnercity/{city.slug}/delete/", {"post": "yes"})


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("door", "cookie"),
    [
        (open_the_login_page, settings.CSRF_COOKIE_NAME),
        (log_in_as_an_officer, settings.SESSION_COOKIE_NAME),
        (switch_the_language, settings.LANGUAGE_COOKIE_NAME),
        (delete_a_city_in_the_admin, "messages"),
    ],
    ids=["csrf", "session", "language", "messages"],
)
def test_every_cookie_the_registry_sets_is_same_site_lax(client, django_user_model, door, cookie):
    response = door(client, django_user_model)

    assert cookie in response.cookies
    assert {name: morsel["samesite"] for name, morsel in response.cookies.items()} == dict.fromkeys(
        response.cookies, "Lax"
    )


@pytest.mark.django_db
def test_admin_pages_carry_a_strict_content_security_policy(admin_client):
    response = admin_client.get("/en/admin/partners/partnercity/")

    policy = policy_of(response)
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["default-src"] == ["'self'"]
    assert policy["script-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert "'unsafe-eval'" not in response["Content-Security-Policy"]
    assert "'unsafe-inline'" not in policy["script-src"]


@pytest.mark.django_db
def test_the_login_page_carries_the_content_security_policy(client):
    response = client.get(LOGIN_URL)

    assert policy_of(response)["frame-ancestors"] == ["'none'"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("header", "value"),
    [
        ("X-Frame-Options", "DENY"),
        ("Referrer-Policy", "same-origin"),
        ("Cross-Origin-Opener-Policy", "same-origin"),
        ("X-Content-Type-Options", "nosniff"),
    ],
)
def test_admin_pages_carry_the_security_headers(admin_client, header, value):
    response = admin_client.get("/en/admin/")

    assert response[header] == value


def run_manage(*arguments, **environment):
    return subprocess.run(
        [sys.executable, "manage.py", *arguments],
        capture_output=True,
        text=True,
        cwd=settings.BASE_DIR,
        env={"PATH": "/usr/bin:/bin", **environment},
        check=False,
    )


def production_environment():
    return {"SECRET_KEY": secrets.token_urlsafe(50), "ALLOWED_HOSTS": "relations.example.org"}


def test_the_deploy_check_is_clean_under_production_settings():
    completed = run_manage("check", "--deploy", "--fail-level", "WARNING", **production_environment())

    assert completed.returncode == 0, completed.stdout + completed.stderr
    assert "System check identified no issues" in completed.stdout
    assert "WARNINGS" not in completed.stderr


PRINT_HTTPS_SETTINGS = (
    "from django.conf import settings as s; "
    "print(s.SECURE_SSL_REDIRECT, s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SECURE_HSTS_SECONDS, "
    "s.SECURE_HSTS_INCLUDE_SUBDOMAINS, s.SECURE_HSTS_PRELOAD)"
)


def https_settings(**environment):
    return subprocess.run(
        [sys.executable, "-c", PRINT_HTTPS_SETTINGS],
        capture_output=True,
        text=True,
        cwd=settings.BASE_DIR,
        env={"PATH": "/usr/bin:/bin", "DJANGO_SETTINGS_MODULE": "krakow_relations.settings", **environment},
        check=False,
    ).stdout.split()


def test_production_is_https_only_for_a_year_of_hsts():
    assert https_settings(**production_environment()) == ["True", "True", "True", "31536000", "True", "True"]


def test_development_over_plain_http_has_no_https_only_settings():
    assert https_settings(DEBUG="1") == ["False", "False", "False", "0", "False", "False"]


def test_the_proxys_https_header_comes_from_the_environment():
    completed = subprocess.run(
        [sys.executable, "-c", "from django.conf import settings; print(settings.SECURE_PROXY_SSL_HEADER)"],
        capture_output=True,
        text=True,
        cwd=settings.BASE_DIR,
        env={
            "PATH": "/usr/bin:/bin",
            "DJANGO_SETTINGS_MODULE": "krakow_relations.settings",
            "SECURE_PROXY_SSL_HEADER": "HTTP_X_FORWARDED_PROTO,https",
            **production_environment(),
        },
        check=False,
    )

    assert completed.stdout.strip() == "('HTTP_X_FORWARDED_PROTO', 'https')"
