"""schemathesis against the API's own OpenAPI schema: generated requests never cause a 5xx and every
response matches the schema (status codes, content types, bodies, headers)."""

import io
import json

import pytest
import schemathesis
from django.conf import settings
from django.core.management import call_command
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.renderers import OpenApiJsonRenderer
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings
from schemathesis.checks import negative_data_rejection
from schemathesis.config import SchemathesisConfig

from krakow_relations.wsgi import application

MAX_EXAMPLES = 15


def served_schema():
    """The schema /api/schema/ serves, generated here: the page itself needs a database at import time."""
    generated = SchemaGenerator().get_schema(request=None, public=True)
    return json.loads(OpenApiJsonRenderer().render(generated))


# The CSV is the same view as the JSON list, with the same filters, under another renderer: the coverage
# phase's boundary values for those filters are sent to the JSON list (some 350 requests); the CSV gets the
# examples and the generated requests of the fuzzing phase.
CONFIG = SchemathesisConfig.from_dict(
    {"operations": [{"include-path": "/api/partners.csv", "phases": {"coverage": {"enabled": False}}}]}
)
schema = schemathesis.openapi.from_dict(served_schema(), config=CONFIG)
schema.app = application


@pytest.fixture
def demo_registry(db):
    call_command("import_registry", str(settings.DEMO_REGISTRY_FILE), stderr=io.StringIO())
    # schemathesis calls the WSGI application itself, not through Django's test client, which is what keeps
    # the end of a request from closing the test's database connection (and its transaction) on PostgreSQL.
    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    yield
    for signal in (request_started, request_finished):
        signal.connect(close_old_connections)


@schema.parametrize()
@hypothesis_settings(
    max_examples=MAX_EXAMPLES,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_every_operation_answers_within_its_schema(case, demo_registry):
    # DRF, by design, falls back to the default page size for a malformed ?page_size=; schemathesis's
    # "malformed input must be refused" check is left out for that, every other check runs.
    case.call_and_validate(excluded_checks=[negative_data_rejection])
