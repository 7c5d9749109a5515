"""Shared fixtures, and the policy for tests that need a service this machine may lack.

A test marked `postgres` runs only on PostgreSQL (DATABASE_URL=postgres://…) and is skipped elsewhere with a
notice. With STRICT_SKIPS=1 (as in .ci/run) any skipped test fails the run instead.
"""

import os

import pytest
from django.db import connection
from django.db.backends.signals import connection_created

from tests.agreements.factories import AgreementFactory, WorkingDocumentFactory
from tests.memberships.factories import AgencyFactory, AssociationFactory, MembershipFactory
from tests.partners.factories import PartnerCityFactory
from tests.programmes.factories import ActivityFactory, ProgrammeParticipationFactory

STRICT_SKIPS = os.environ.get("STRICT_SKIPS") == "1"


def without_jit_compilation(sender, connection, **kwargs):
    """PostgreSQL compiles a query to machine code once the planner's cost estimate passes `jit_above_cost`.

    The public partner-city list is one query with dozens of subqueries: compiling it (some 900 functions)
    takes a second at the estimates of a fresh test database, and twelve once its tables hold the dead rows of
    the earlier tests' rolled-back writes (autovacuum is off on the CI server, so the estimates only grow),
    while running it takes milliseconds. The tests check what the queries return and how many there are,
    not how fast PostgreSQL plans them (that is `make bench`'s job), so every connection of the test run,
    the live server's and the tests' threads' included, opens with JIT off.
    """
    if connection.vendor == "postgresql":
        with connection.connection.cursor() as cursor:
            cursor.execute("SET jit = off")


connection_created.connect(without_jit_compilation)


def pytest_collection_modifyitems(config, items):
    if connection.vendor == "postgresql":
        return
    skip = pytest.mark.skip(
        reason="needs PostgreSQL: run with DATABASE_URL=postgres://postgres@127.0.0.1/krakow"
    )
    for item in items:
        if "postgres" in item.keywords:
            item.add_marker(skip)


def pytest_sessionfinish(session, exitstatus):
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    skipped = reporter.stats.get("skipped", []) if reporter else []
    if STRICT_SKIPS and skipped and exitstatus == 0:
        reporter.write_line(f"STRICT_SKIPS=1: {len(skipped)} skipped tests count as failures here.", red=True)
        session.exitstatus = 1


@pytest.fixture
def city_factory():
    return PartnerCityFactory


@pytest.fixture
def agreement_factory():
    return AgreementFactory


__all__ = [
    "ActivityFactory",
    "AgencyFactory",
    "AssociationFactory",
    "MembershipFactory",
    "ProgrammeParticipationFactory",
    "WorkingDocumentFactory",
]


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """Real hashing costs a second per password; tests only need passwords to match."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def english():
    """Tests read in English unless they switch to Polish themselves; the product's default stays Polish."""
    from django.utils import translation

    with translation.override("en"):
        yield
