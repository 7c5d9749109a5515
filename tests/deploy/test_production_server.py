"""The production set-up, run for real: gunicorn with krakow_relations/gunicorn.conf.py and production settings
(DEBUG off, static files collected for WhiteNoise, PostgreSQL), then docs/deploy/nginx.conf in front of it
with TLS and its page cache.

The nginx tests need /usr/sbin/nginx (Debian's package `nginx`) and openssl. `manage.py check --deploy` under
production settings is tested in tests/project/test_security.py.
"""

import gzip
import http.client
import json
import os
import re
import shutil
import socket
import ssl
import subprocess
import sys
import threading
from pathlib import Path

import brotli
import pytest
from django.conf import settings
from django.db import connection

from tests.agreements.factories import AgreementFactory
from tests.deploy.servers import free_port, running_gunicorn
from tests.partners.factories import PartnerCityFactory

# Every test here asks for the database: the servers read it, and pytest-django creates the test database only
# for a session that has a test asking for it (run alone, the nginx tests had the servers read a database
# named as the settings name it, and got 500s).
pytestmark = [pytest.mark.postgres, pytest.mark.django_db]
# The servers live for the whole session: pytest-django runs the tests that write to the database apart from
# the others, and servers scoped to this module would be started twice.

HOST = "relations.example.krakow.pl"
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
OPENSSL = shutil.which("openssl")
DEPLOY = Path(settings.BASE_DIR) / "docs" / "deploy"
TEN_YEARS = "max-age=315360000"
LEFT_OUT_OF_COLLECTSTATIC = ["-i", "admin", "-i", "rest_framework", "-i", "drf_spectacular_sidecar"]
SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "Cross-Origin-Opener-Policy": "same-origin",
    "X-Frame-Options": "DENY",
}


def database_url():
    database = connection.settings_dict
    address = f"postgres://{database['USER']}@{database['HOST'] or '127.0.0.1'}:{database['PORT'] or 5432}"
    return f"{address}/{database['NAME']}"


def production_environment(static_root):
    """What /etc/krakow-relations/env holds in production, for the test database and a scratch STATIC_ROOT."""
    return {
        "PATH": os.environ["PATH"],
        "HOME": str(static_root.parent),
        "SECRET_KEY": "production-smoke-test-secret-key-with-fifty-characters",
        "ALLOWED_HOSTS": f"127.0.0.1,{HOST}",
        "DATABASE_URL": database_url(),
        "STATIC_ROOT": str(static_root),
        "SECURE_PROXY_SSL_HEADER": "HTTP_X_FORWARDED_PROTO,https",
        "AXES_CLIENT_IP_HEADER": "X-Real-IP",
    }


@pytest.fixture(scope="session")
def static_root(tmp_path_factory, django_db_setup):
    """`collectstatic` as a deployment runs it, less the admin's, DRF's and Swagger UI's files: compressing
    those (megabytes of JavaScript, in Brotli's slowest and best mode) takes minutes on two cores, and
    none of the pages requested here uses them."""
    static_root = tmp_path_factory.mktemp("deploy") / "static"
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--no-input", "-v0", *LEFT_OUT_OF_COLLECTSTATIC],
        cwd=settings.BASE_DIR,
        env=production_environment(static_root),
        check=True,
        timeout=300,
    )
    return static_root


@pytest.fixture(scope="session")
def gunicorn(static_root, django_db_setup):
    """gunicorn as the systemd unit starts it, on a port of its own; the address it listens on."""
    port = free_port()
    log = static_root.parent / "gunicorn.log"
    environment = {
        **production_environment(static_root),
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "GUNICORN_WORKERS": "2",
    }
    arguments = ["-c", "krakow_relations/gunicorn.conf.py"]
    with running_gunicorn(arguments, port=port, environment=environment, log=log):
        yield port


def get(port, path, https=True, **headers):
    """A request to gunicorn as nginx makes it: over plain http, saying whether the client used https."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    if https:
        headers.setdefault("X-Forwarded-Proto", "https")
    connection.request("GET", path, headers={"Host": "127.0.0.1", **headers})
    response = connection.getresponse()
    response.body = response.read()
    connection.close()
    return response


def hashed_name(static_root, name):
    return json.loads((static_root / "staticfiles.json").read_text())["paths"][name]


@pytest.mark.django_db(transaction=True)
def test_a_public_page_is_served_with_its_cache_policy_and_the_security_headers(gunicorn):
    AgreementFactory(city=PartnerCityFactory(slug="nuremberg", name_en="Nuremberg", country="DE"))

    response = get(gunicorn, "/en/partners/")

    assert response.status == 200
    assert "Nuremberg" in response.body.decode()
    assert set(response.getheader("Cache-Control").split(", ")) == {"max-age=60", "public"}
    assert response.getheader("Strict-Transport-Security") == "max-age=31536000; includeSubDomains; preload"
    assert "default-src 'self'" in response.getheader("Content-Security-Policy")
    for header, value in SECURITY_HEADERS.items():
        assert response.getheader(header) == value


@pytest.mark.django_db(transaction=True)
def test_requests_arriving_together_each_read_the_database_in_their_own_transaction(gunicorn):
    """Twenty pages asked for at once of two workers: every one is answered from PostgreSQL, each request in a
    transaction of its own."""
    cities = [
        PartnerCityFactory(slug=f"city-{number}", name_en=f"City {number}", country=country)
        for number, country in enumerate(["DE", "FR", "IT", "ES", "AT"] * 4)
    ]
    for city in cities:
        AgreementFactory(city=city)
    answers = {}

    def request(city):
        response = get(gunicorn, f"/en/partners/{city.slug}/")
        answers[city.slug] = (
            response.status,
            f"City {city.slug.removeprefix('city-')}" in response.body.decode(),
        )

    clients = [threading.Thread(target=request, args=(city,)) for city in cities]
    for client in clients:
        client.start()
    for client in clients:
        client.join(timeout=60)

    assert answers == {city.slug: (200, True) for city in cities}


def test_a_page_names_its_static_files_by_their_hashed_names(gunicorn, static_root):
    response = get(gunicorn, "/pl/associations/")

    assert f'/static/{hashed_name(static_root, "css/public.css")}"' in response.body.decode()


def test_plain_http_is_redirected_to_https(gunicorn):
    response = get(gunicorn, "/en/partners/", https=False)

    assert response.status == 301
    assert response.getheader("Location") == "https://127.0.0.1/en/partners/"


@pytest.mark.parametrize(
    ("accepted", "encoding"), [("gzip", "gzip"), ("gzip, deflate, br", "br"), ("", None)]
)
def test_a_hashed_static_file_is_cached_for_ten_years_and_sent_compressed(
    gunicorn, static_root, accepted, encoding
):
    name = hashed_name(static_root, "js/partner-map.js")

    response = get(gunicorn, f"/static/{name}", **{"Accept-Encoding": accepted})

    assert response.status == 200
    assert TEN_YEARS in response.getheader("Cache-Control")
    assert "immutable" in response.getheader("Cache-Control")
    assert response.getheader("Content-Encoding") == encoding
    assert response.getheader("Vary") == "Accept-Encoding"
    decompress = {"gzip": gzip.decompress, "br": brotli.decompress, None: bytes}[encoding]
    assert decompress(response.body) == (static_root / name).read_bytes()
    assert response.getheader("X-Content-Type-Options") == "nosniff"


# nginx in front


def site_configuration(path, *, upstream_port, http_port, https_port, cache, certificate, key, access_log):
    """docs/deploy/nginx.conf with this machine's paths and ports. Each replacement must find its text, so
    that the file tested stays the file shipped."""
    replacements = [
        ("unix:/run/krakow-relations.sock", f"127.0.0.1:{upstream_port}"),
        ("/var/cache/nginx/krakow-relations", str(cache)),
        ("/var/log/nginx/krakow-relations.access.log", str(access_log)),
        (f"/etc/letsencrypt/live/{HOST}/fullchain.pem", str(certificate)),
        (f"/etc/letsencrypt/live/{HOST}/privkey.pem", str(key)),
        ("listen 80", f"listen 127.0.0.1:{http_port}"),
        ("listen 443", f"listen 127.0.0.1:{https_port}"),
    ]
    text = (DEPLOY / "nginx.conf").read_text()
    for shipped, local in replacements:
        assert shipped in text, shipped
        text = text.replace(shipped, local)
    # No IPv6 on every test machine.
    text = re.sub(r"^\s*listen \[::\].*$", "", text, flags=re.MULTILINE)
    path.write_text(text)


MAIN_CONFIGURATION = """
{user}
worker_processes 1;
pid {run}/nginx.pid;
error_log {run}/error.log;
events {{ worker_connections 64; }}
http {{
    access_log {run}/access.log;
    client_body_temp_path {run}/body;
    proxy_temp_path {run}/proxy;
    fastcgi_temp_path {run}/fastcgi;
    uwsgi_temp_path {run}/uwsgi;
    scgi_temp_path {run}/scgi;
    include {run}/site.conf;
}}
"""


@pytest.fixture(scope="session")
def nginx(gunicorn, nginx_folder):
    """docs/deploy/nginx.conf in front of gunicorn, with a certificate of its own; its (http, https) ports."""
    if not Path(NGINX).exists():
        pytest.skip("needs nginx: apt-get install nginx")
    run = nginx_folder
    subprocess.run(
        [
            OPENSSL,
            "req",
            "-x509",
            "-newkey",
            "ec",
            "-pkeyopt",
            "ec_paramgen_curve:prime256v1",
            "-nodes",
            "-days",
            "1",
            "-subj",
            f"/CN={HOST}",
            "-keyout",
            run / "key.pem",
            "-out",
            run / "cert.pem",
        ],
        check=True,
        capture_output=True,
    )
    ports = free_port(), free_port()
    site_configuration(
        run / "site.conf",
        upstream_port=gunicorn,
        http_port=ports[0],
        https_port=ports[1],
        cache=run / "cache",
        certificate=run / "cert.pem",
        key=run / "key.pem",
        access_log=run / "krakow-relations.access.log",
    )
    # As root nginx's workers would run as nobody, who may not enter pytest's private temporary folders.
    user = "user root;" if os.geteuid() == 0 else ""
    (run / "nginx.conf").write_text(MAIN_CONFIGURATION.format(user=user, run=run))
    command = [NGINX, "-c", run / "nginx.conf", "-p", run]
    checked = subprocess.run([*command, "-t"], capture_output=True, text=True, check=False)
    assert checked.returncode == 0, checked.stderr
    subprocess.run(command, check=True)
    try:
        yield ports
    finally:
        subprocess.run([*command, "-s", "stop"], check=False)


@pytest.fixture(scope="session")
def nginx_folder(tmp_path_factory):
    """Where nginx keeps its configuration, certificate, cache and logs."""
    return tmp_path_factory.mktemp("nginx")


class TLSConnection(http.client.HTTPSConnection):
    """https to 127.0.0.1, presenting the registry's host name (SNI) as a browser would."""

    def connect(self):
        raw = socket.create_connection(("127.0.0.1", self.port), self.timeout)
        self.sock = self._context.wrap_socket(raw, server_hostname=self.host)


def through_nginx(ports, path, host=HOST, **headers):
    context = ssl.create_default_context()
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    connection = TLSConnection(host, ports[1], timeout=30, context=context)
    connection.request("GET", path, headers=headers)
    response = connection.getresponse()
    response.body = response.read()
    connection.close()
    return response


def test_nginx_caches_a_public_page_as_long_as_its_cache_control_allows(nginx):
    first = through_nginx(nginx, "/en/eu-programmes/")
    second = through_nginx(nginx, "/en/eu-programmes/")

    assert (first.status, second.status) == (200, 200)
    assert first.getheader("X-Cache-Status") == "MISS"
    assert second.getheader("X-Cache-Status") == "HIT"
    assert set(second.getheader("Cache-Control").split(", ")) == {"max-age=60", "public"}
    assert second.getheader("Strict-Transport-Security").startswith("max-age=31536000")


def test_nginx_logs_each_request_with_the_application_servers_time_and_the_cache_status(nginx, nginx_folder):
    through_nginx(nginx, "/en/partners/?logged=1")
    through_nginx(nginx, "/en/partners/?logged=1")

    log = nginx_folder / "krakow-relations.access.log"
    rendered, cached = [line for line in log.read_text().splitlines() if "/en/partners/?logged=1" in line]
    assert re.search(
        r'"GET /en/partners/\?logged=1 HTTP/[\d.]+" 200 \d+ .* [\d.]+ [\d.]+ 127\.0\.0\.1:\d+ MISS$', rendered
    )
    assert re.search(r'" 200 \d+ .* [\d.]+ - - HIT$', cached)


def test_nginx_never_answers_from_its_cache_to_someone_with_a_session(nginx):
    through_nginx(nginx, "/en/associations/")

    response = through_nginx(nginx, "/en/associations/", Cookie="sessionid=abc")

    assert response.status == 200
    assert response.getheader("X-Cache-Status") == "BYPASS"


@pytest.mark.parametrize(
    ("path", "status"),
    [("/en/dashboard/", 302), ("/pl/admin/", 302), ("/en/login/", 200), ("/staff/attachments/x.pdf", 302)],
)
def test_nginx_never_caches_the_signed_in_pages(nginx, path, status):
    response = through_nginx(nginx, path)

    assert response.status == status
    assert response.getheader("X-Cache-Status") is None


def test_nginx_serves_static_files_from_whitenoise_and_keeps_them(nginx, static_root):
    path = f"/static/{hashed_name(static_root, 'css/public.css')}"

    through_nginx(nginx, path, **{"Accept-Encoding": "br"})
    response = through_nginx(nginx, path, **{"Accept-Encoding": "br"})

    assert response.status == 200
    assert response.getheader("X-Cache-Status") == "HIT"
    assert response.getheader("Content-Encoding") == "br"
    assert TEN_YEARS in response.getheader("Cache-Control")


def test_nginx_redirects_plain_http_to_https(nginx):
    connection = http.client.HTTPConnection("127.0.0.1", nginx[0], timeout=30)
    connection.request("GET", "/en/partners/", headers={"Host": HOST})
    response = connection.getresponse()

    assert response.status == 301
    assert response.getheader("Location") == f"https://{HOST}/en/partners/"


def test_nginx_refuses_other_host_names(nginx):
    with pytest.raises(ssl.SSLError):
        through_nginx(nginx, "/en/partners/", host="other.example.org")
