"""Each API call runs as many SQL queries for 30 cities as for 3."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from partners.models import PartnerCity
from tests.agreements.factories import AgreementFactory, WorkingDocumentFactory
from tests.memberships.factories import MembershipFactory
from tests.programmes.factories import ProgrammeParticipationFactory
from tests.visits.factories import VisitFactory
from visits.models import Visit

pytestmark = pytest.mark.django_db

# Pinned, each with the SAVEPOINT and RELEASE of ATOMIC_REQUESTS. The list: the filter's country choices, the
# count, the cities, their other names, their public agreements, their public documents, their public visits
# (the CSV has no count; a city's detail has no filter).
MAX_QUERIES = {
    "/api/partners/": 8,
    "/api/partners/?status=all&sort=distance&page_size=10": 8,
    "/api/partners.csv": 7,
    "/api/partners/?format=csv": 7,
    "/api/partners/{slug}/": 7,
    "/api/associations/": 4,
    "/api/eu-programmes/": 5,
    "/api/visits/": 5,
    "/api/visits/?city={slug}": 5,
    "/api/visits/{visit}/": 4,
}


def populate(count):
    for _ in range(count):
        agreement = AgreementFactory(city__country="FR")
        WorkingDocumentFactory(city=agreement.city)
        MembershipFactory()
        ProgrammeParticipationFactory(cities=[agreement.city])
        VisitFactory(cities=[agreement.city], is_public=True)


def count_queries(client, url, assert_max_num_queries):
    address = url.format(
        slug=PartnerCity.objects.order_by("pk").first().slug, visit=Visit.objects.order_by("pk").first().slug
    )
    with assert_max_num_queries(MAX_QUERIES[url]), CaptureQueriesContext(connection) as queries:
        assert client.get(address).status_code == 200
    return len(queries)


@pytest.mark.parametrize("url", list(MAX_QUERIES))
def test_a_call_runs_as_many_queries_for_30_cities_as_for_3(client, django_assert_max_num_queries, url):
    populate(3)
    few = count_queries(client, url, django_assert_max_num_queries)
    populate(27)

    assert count_queries(client, url, django_assert_max_num_queries) == few
