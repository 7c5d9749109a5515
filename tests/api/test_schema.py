"""The OpenAPI schema at /api/schema/ and its documentation at /api/docs/, under the site's CSP."""

import json
import re
from urllib.parse import urlsplit

import pytest
import yaml
from django.contrib.staticfiles import finders
from drf_spectacular.validation import validate_schema

pytestmark = pytest.mark.django_db

PATHS = [
    "/api/partners/",
    "/api/partners/{slug}/",
    "/api/partners.csv",
    "/api/associations/",
    "/api/eu-programmes/",
    "/api/visits/",
    "/api/visits/{slug}/",
]


def test_the_schema_is_a_valid_openapi_3_document(client):
    response = client.get("/api/schema/")

    assert response.status_code == 200
    schema = yaml.safe_load(response.content)
    validate_schema(schema)
    assert schema["openapi"].startswith("3.")
    assert schema["info"]["title"] == "Krakow international relations registry — open data"
    assert set(PATHS) <= set(schema["paths"])


def test_the_schema_comes_as_json_too(client):
    response = client.get("/api/schema/?format=json")

    assert set(PATHS) <= set(json.loads(response.content)["paths"])
    assert response["Content-Disposition"] == 'inline; filename="krakow-relations-openapi.json"'


def test_the_schema_documents_the_list_filters_and_pages(client):
    schema = yaml.safe_load(client.get("/api/schema/").content)

    parameters = {parameter["name"] for parameter in schema["paths"]["/api/partners/"]["get"]["parameters"]}
    assert {"q", "relation", "country", "continent", "status", "sort", "page", "page_size"} <= parameters
    programme_parameters = schema["paths"]["/api/eu-programmes/"]["get"]["parameters"]
    assert "status" in {parameter["name"] for parameter in programme_parameters}


def scripts(html):
    return re.findall(r"<script\b([^>]*)>(.*?)</script>", html, flags=re.S | re.I)


def test_the_docs_page_runs_no_inline_script(client):
    response = client.get("/api/docs/")

    assert response.status_code == 200
    found = scripts(response.content.decode())
    assert found, "Swagger UI's scripts are missing"
    for attributes, body in found:
        assert "src=" in attributes
        assert body.strip() == ""


def test_the_docs_page_asks_no_other_host_for_anything(client):
    html = client.get("/api/docs/").content.decode()

    hosts = {urlsplit(url).hostname for url in re.findall(r"https?://[^\s\"'<>)]+", html)}
    assert hosts <= {"testserver"}


def test_the_docs_assets_are_our_static_files(client):
    html = client.get("/api/docs/").content.decode()

    assets = re.findall(r'(?:src|href)="/static/([^"]+)"', html)
    assert len(assets) >= 3
    for asset in assets:
        assert finders.find(asset), asset


def test_the_docs_start_up_script_is_served_as_a_file(client):
    html = client.get("/api/docs/").content.decode()
    (script_url,) = [
        re.search(r'src="([^"]+)"', attributes)[1]
        for attributes, _body in scripts(html)
        if "/static/" not in attributes
    ]

    response = client.get(script_url.replace("&amp;", "&"))

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/javascript")
    assert "/api/schema/" in response.content.decode()
