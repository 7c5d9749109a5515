"""Imports check and write records a batch at a time: the problems reported and the registry written are those
of validating and saving record by record, every record is in its history, and the number of queries does not
grow with the number of records."""

from contextlib import contextmanager
from unittest import mock

import pytest
from django.conf import settings
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from agreements.models import Agreement
from krakow_relations import exchange
from krakow_relations.exchange import export_registry, import_registry, load_document
from memberships.models import Association
from partners.models import PartnerCity
from programmes.models import Activity
from tests.agreements.factories import AgreementFactory
from tests.exchange.test_import import LEIPZIG, LEUVEN, NUREMBERG, RULE_CASES, agreement, document
from tests.exchange.test_malformed import INVALID_RECORDS, registry_state
from tests.partners.factories import PartnerCityFactory

pytestmark = pytest.mark.django_db


@contextmanager
def record_by_record():
    """The import as it was before batches: each record validated by `full_clean()` and saved on its own."""
    with mock.patch.object(exchange, "_checked_in_bulk", side_effect=exchange._Redo):
        yield


@contextmanager
def rolled_back():
    with transaction.atomic():
        yield
        transaction.set_rollback(True)


def problems(sections):
    return [str(problem) for problem in import_registry(document(**sections)).problems]


# Conflicts between records of one batch, which the models' queries cannot see before the batch is written.
CONFLICTS_IN_A_BATCH = {
    "two-twins-in-a-country": {
        "cities": [NUREMBERG, LEIPZIG],
        "agreements": [agreement("a", "nuremberg"), agreement("b", "leipzig")],
    },
    "two-twins-one-terminated-then-one-more": {
        "cities": [NUREMBERG, LEIPZIG, {**LEIPZIG, "id": "dresden", "name_en": "Dresden"}],
        "agreements": [
            agreement("a", "nuremberg", status="terminated", terminated_on="2000-01-01"),
            agreement("b", "leipzig"),
            agreement("c", "dresden"),
        ],
    },
    "two-partnerships-with-a-city": {
        "cities": [LEUVEN],
        "agreements": [
            agreement("a", "leuven", kind="partnership"),
            agreement("b", "leuven", kind="partnership"),
        ],
    },
    "an-id-twice": {"cities": [LEUVEN, NUREMBERG, LEUVEN]},
    "a-reference-to-an-invalid-record": {
        "cities": [{**LEUVEN, "country": "PL"}, NUREMBERG],
        "agreements": [agreement("a", "nuremberg"), agreement("b", "leuven", kind="partnership")],
        "activities": [
            {
                "id": "days",
                "tool": 1,
                "title": "Days",
                "starts_on": "2024-06-01",
                "cities": ["nuremberg", "leuven"],
            }
        ],
    },
}
DOCUMENTS_WITH_PROBLEMS = {
    **{name: sections for name, (sections, _line) in RULE_CASES.items()},
    **{name: sections for name, (sections, _line) in INVALID_RECORDS.items()},
    **CONFLICTS_IN_A_BATCH,
}


@pytest.mark.parametrize("batch_size", [exchange.BATCH_SIZE, 1], ids=["one-batch", "a-batch-per-record"])
@pytest.mark.parametrize("sections", DOCUMENTS_WITH_PROBLEMS.values(), ids=DOCUMENTS_WITH_PROBLEMS.keys())
def test_a_document_with_problems_gets_exactly_the_problems_of_validating_record_by_record(
    monkeypatch, sections, batch_size
):
    PartnerCityFactory(slug="krakow-partner", country="FR")  # the registry that INVALID_RECORDS refer to
    before = registry_state()
    monkeypatch.setattr(exchange, "BATCH_SIZE", batch_size)

    in_batches = problems(sections)
    with record_by_record():
        one_by_one = problems(sections)

    assert in_batches
    assert in_batches == one_by_one
    assert registry_state() == before


def test_two_twin_cities_in_one_country_in_one_file_are_refused_with_the_rules_message_and_nothing_is_written():
    sections = CONFLICTS_IN_A_BATCH["two-twins-in-a-country"]

    assert problems(sections) == ["agreements[b].city: Krakow already has a twin city in Germany: Nuremberg."]
    assert not PartnerCity.objects.exists()
    assert not Agreement.objects.exists()


def test_cities_moved_together_into_a_country_where_both_have_twins_are_refused_as_record_by_record():
    # Each city's own check sees the other still in its old country; the agreements' cached copies, updated
    # after the cities, meet in the database's one-twin-per-country constraint.
    for slug, country in (("lyon", "DE"), ("rennes", "IT")):
        AgreementFactory(
            kind="twinning", city=PartnerCityFactory(slug=slug, name_en=slug.title(), country=country)
        )
    before = registry_state()
    moved = {
        "cities": [
            {"id": slug, "name_en": slug.title(), "name_pl": slug.title(), "country": "FR"}
            for slug in ("lyon", "rennes")
        ]
    }

    assert problems(moved) == ["cities[rennes].country: Krakow already has a twin city in France: Lyon."]
    assert registry_state() == before


def test_a_valid_file_writes_in_batches_the_registry_that_record_by_record_writes():
    def imported():
        result = import_registry(load_document(settings.DEMO_REGISTRY_FILE))
        again = import_registry(load_document(settings.DEMO_REGISTRY_FILE))
        cached = {
            "cities": list(PartnerCity.objects.order_by("slug").values_list("slug", "continent")),
            "agreements": list(
                Agreement.objects.order_by("slug").values_list("slug", "country", "continent")
            ),
        }
        counts = (
            result.created,
            result.updated,
            again.created,
            again.updated,
            result.problems + again.problems,
        )
        return export_registry(), cached, counts

    with rolled_back():
        in_batches = imported()
    with rolled_back(), record_by_record():
        one_by_one = imported()

    assert in_batches == one_by_one
    assert in_batches[2] == (128, 0, 0, 128, [])


def test_each_record_written_in_bulk_has_one_creation_entry_in_its_history_with_its_relations():
    import_registry(
        document(
            cities=[NUREMBERG, LEUVEN],
            associations=[
                {
                    "id": "eurocities",
                    "name": "EUROCITIES",
                    "kind": "local_and_regional",
                    "member_cities": ["leuven"],
                }
            ],
            activities=[
                {
                    "id": "days",
                    "tool": 1,
                    "title": "Days",
                    "starts_on": "2024-06-01",
                    "cities": ["nuremberg", "leuven"],
                }
            ],
        )
    )

    for model in (PartnerCity, Association, Activity):
        assert sorted(model.history.values_list("slug", "history_type")) == sorted(
            (slug, "+") for slug in model.objects.values_list("slug", flat=True)
        )
    (entry,) = Activity.history.all()
    assert sorted(link.partnercity.slug for link in entry.cities.all()) == ["leuven", "nuremberg"]
    (entry,) = Association.history.all()
    assert [link.partnercity.slug for link in entry.member_cities.all()] == ["leuven"]


def test_a_record_replaced_in_bulk_gets_the_files_links_and_one_change_entry_showing_them():
    days = {
        "id": "days",
        "tool": 1,
        "title": "Days",
        "starts_on": "2024-06-01",
        "cities": ["nuremberg", "leipzig"],
    }
    import_registry(document(cities=[NUREMBERG, LEIPZIG, LEUVEN], activities=[days]))
    link_kept = Activity.cities.through.objects.get(partnercity__slug="leipzig")

    result = import_registry(document(activities=[{**days, "cities": ["leipzig", "leuven", "leuven"]}]))

    activity = Activity.objects.get()
    assert (result.created, result.updated) == (0, 1)
    assert sorted(activity.cities.values_list("slug", flat=True)) == ["leipzig", "leuven"]
    assert Activity.cities.through.objects.filter(pk=link_kept.pk).exists()
    latest, created = activity.history.all()
    assert (latest.history_type, created.history_type) == ("~", "+")
    assert sorted(link.partnercity.slug for link in latest.cities.all()) == ["leipzig", "leuven"]
    assert sorted(link.partnercity.slug for link in created.cities.all()) == ["leipzig", "nuremberg"]


def test_a_record_replaced_by_the_same_values_is_counted_and_recorded_as_replaced():
    import_registry(document(cities=[LEUVEN]))

    result = import_registry(document(cities=[LEUVEN]))

    assert (result.created, result.updated) == (0, 1)
    assert list(PartnerCity.history.values_list("history_type", flat=True)) == ["~", "+"]


def test_cities_written_in_bulk_store_their_continent_and_their_agreements_the_citys_country_and_continent():
    import_registry(
        document(
            cities=[
                {"id": "kyoto", "name_en": "Kyoto", "name_pl": "Kioto", "country": "JP"},
                {"id": "kazan", "name_en": "Kazan", "name_pl": "Kazań", "country": "RU", "continent": "asia"},
            ],
            agreements=[agreement("kyoto-title", "kyoto", kind="honorary_title")],
        )
    )

    assert dict(PartnerCity.objects.values_list("slug", "continent")) == {"kyoto": "asia", "kazan": "asia"}
    assert Agreement.objects.values_list("country", "continent").get() == ("JP", "asia")


def test_a_city_moved_in_bulk_takes_its_agreements_cached_country_and_continent_along():
    AgreementFactory(
        slug="partnership", kind="partnership", city=PartnerCityFactory(slug="leuven", country="BE")
    )

    import_registry(document(cities=[{**LEUVEN, "country": "JP"}]))

    assert Agreement.objects.values_list("country", "continent").get() == ("JP", "asia")


def test_progress_is_reported_after_each_batch(monkeypatch):
    monkeypatch.setattr(exchange, "BATCH_SIZE", 2)
    reports = []

    import_registry(
        document(cities=[NUREMBERG, LEIPZIG, LEUVEN], agreements=[agreement("a", "leuven")]),
        progress=lambda done, total: reports.append((done, total)),
    )

    assert reports == [(2, 4), (3, 4), (4, 4)]


COUNTRIES = ["DE", "FR", "JP", "BR"]


def registry_of(cities, records):
    """A valid document: `cities` cities, and `records` records in every other section but agreements.

    Agreements stay two whatever the size: an agreement's clean() asks the registry for a twin city in its
    country and for a live agreement of its kind with its city, the model's own queries for each agreement.
    """
    city_ids = [f"city-{number}" for number in range(cities)]

    def city(number):
        return city_ids[number % cities]

    def country(number):
        return COUNTRIES[number % cities % len(COUNTRIES)]

    return document(
        cities=[
            {"id": slug, "name_en": slug, "name_pl": slug, "country": country(number)}
            for number, slug in enumerate(city_ids)
        ],
        agreements=[
            agreement(f"agreement-{number}", city(number), kind="partnership") for number in range(2)
        ],
        working_documents=[
            {"id": f"letter-{number}", "city": city(number), "kind": "protocol", "signed_on": "2000-01-01"}
            for number in range(records)
        ],
        associations=[
            {
                "id": f"association-{number}",
                "name": f"Association {number}",
                "kind": "local_and_regional",
                "member_cities": [city(number), "registered"],
            }
            for number in range(records)
        ],
        memberships=[
            {"id": f"membership-{number}", "association": f"association-{number}"}
            for number in range(records)
        ],
        agencies=[
            {
                "id": f"agency-{number}",
                "name_en": f"Agency {number}",
                "name_pl": f"Agencja {number}",
                "country": country(number),
                "locality": city(number),
                "city": city(number),
            }
            for number in range(records)
        ],
        programme_participations=[
            {"id": f"project-{number}", "programme": "urbact", "project": "X", "cities": [city(number)]}
            for number in range(records)
        ],
        activities=[
            {
                "id": f"activity-{number}",
                "tool": 1,
                "title": f"Activity {number}",
                "starts_on": "2024-06-01",
                "cities": [city(number), city(number + 1), "registered"],
            }
            for number in range(records)
        ],
    )


def queries_of(*documents):
    """The number of queries of each import of the documents, one after the other, in a registry of its own."""
    counts = []
    with rolled_back():
        PartnerCityFactory(slug="registered")  # a city of the registry that the documents refer to
        for each in documents:
            with CaptureQueriesContext(connection) as queries:
                result = import_registry(each)
            assert not result.problems, result.problems
            counts.append(len(queries))
    return counts


def test_the_queries_of_an_import_into_an_empty_registry_do_not_grow_with_its_records():
    assert queries_of(registry_of(4, 4)) == queries_of(registry_of(40, 40))


def test_the_queries_of_replacing_records_do_not_grow_with_their_number():
    # Cities stay four: a city already in the registry checks its agreements (PartnerCity.clean()).
    def changed(registry):
        return {
            **registry,
            "activities": [{**record, "title": "Changed"} for record in registry["activities"]],
        }

    small, large = registry_of(4, 4), registry_of(4, 40)

    assert queries_of(small, small, changed(small)) == queries_of(large, large, changed(large))


@pytest.mark.postgres
def test_an_import_leaves_postgresqls_statistics_of_the_tables_it_wrote_current():
    activities = [
        {"id": f"day-{number}", "tool": 1, "title": "Day", "starts_on": "2024-06-01", "cities": ["nuremberg"]}
        for number in range(40)
    ]

    import_registry(document(cities=[NUREMBERG], activities=activities))

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT relname, reltuples FROM pg_class WHERE relname = ANY(%s)",
            [["programmes_activity", "programmes_historicalactivity", "programmes_activity_cities"]],
        )
        assert dict(cursor.fetchall()) == {
            "programmes_activity": 40,
            "programmes_historicalactivity": 40,
            "programmes_activity_cities": 40,
        }
