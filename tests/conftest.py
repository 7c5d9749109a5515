"""Shared fixtures, and the policy for tests that need a service this machine may lack.

A test marked `postgres` runs only on PostgreSQL (DATABASE_URL=postgres://…) and is skipped elsewhere with a
notice. With STRICT_SKIPS=1 (as in .ci/run) any skipped test fails the run instead.
"""

import contextlib
import datetime
import io
import os

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection, transaction
from django.utils import timezone

from registry.partial_dates import DatePrecision
from tests.agreements.factories import AgreementFactory, WorkingDocumentFactory
from tests.memberships.factories import AgencyFactory, AssociationFactory, MembershipFactory
from tests.partners.factories import PartnerCityFactory
from tests.programmes.factories import ActivityFactory, ProgrammeParticipationFactory

STRICT_SKIPS = os.environ.get("STRICT_SKIPS") == "1"


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


@contextlib.contextmanager
def shared_by_the_tests(request, django_db_blocker):
    """A transaction around the tests of `request`'s class (or module), rolled back after the last of them.

    Records written in it are written once for all those tests. Each test still runs in its own savepoint
    inside it (pytest-django's `db`), so what a test writes is gone before the next one starts, and the shared
    records are gone before any test outside the class runs. A test of the class that did not ask for them
    would see them all the same, so every test of the class must ask.
    """
    fixture = request.fixturename
    scope_node = request.node
    strays = [
        item.nodeid
        for item in request.session.items
        if scope_node in item.listchain() and fixture not in item.fixturenames
    ]
    if strays:
        pytest.fail(
            f"{fixture} is shared by every test of {scope_node.nodeid}, but these do not ask for it: {strays}"
        )
    with django_db_blocker.unblock():
        shared = transaction.atomic()
        shared.__enter__()
    try:
        yield
    finally:
        with django_db_blocker.unblock():
            transaction.set_rollback(True)
            shared.__exit__(None, None, None)


@pytest.fixture(scope="class")
def demo_registry(request, django_db_setup, django_db_blocker):
    """The Krakow demo registry (134 records, each validated and recorded in its history), imported once for
    all the tests of a class: the import takes seconds, a test that only reads it milliseconds. A test outside
    a class imports it for itself."""
    with shared_by_the_tests(request, django_db_blocker):
        with django_db_blocker.unblock():
            call_command("import_registry", str(settings.DEMO_REGISTRY_FILE), stderr=io.StringIO())
        yield


@pytest.fixture
def participations_of_every_precision():
    """EU projects with a start and an end at each precision, one ending this year on a day not known."""
    ProgrammeParticipationFactory(
        slug="year-to-month",
        project="Year to month",
        decision_number="100/2015",
        decision_date=datetime.date(2015, 12, 1),
        starts_on=datetime.date(2016, 1, 1),
        starts_on_precision=DatePrecision.YEAR,
        ends_on=datetime.date(2018, 6, 1),
        ends_on_precision=DatePrecision.MONTH,
    )
    ProgrammeParticipationFactory(
        slug="day-to-day",
        project="Day to day",
        decision_number="200/2019",
        decision_date=datetime.date(2019, 2, 1),
        starts_on=datetime.date(2019, 3, 4),
        ends_on=datetime.date(2020, 12, 31),
    )
    # Ends this year, on a day not known: it has not ended yet.
    this_year = timezone.localdate().year
    ProgrammeParticipationFactory(
        slug="ends-this-year",
        project="Ends this year",
        decision_number=f"300/{this_year - 1}",
        decision_date=datetime.date(this_year - 1, 1, 10),
        starts_on=datetime.date(this_year - 1, 2, 1),
        ends_on=datetime.date(this_year, 1, 1),
        ends_on_precision=DatePrecision.YEAR,
    )


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
