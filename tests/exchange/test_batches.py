"""Imports check and write records a batch at a time: the problems reported and the registry written are those
of validating and saving record by record, and every record is in its history with its relations."""

import pytest
from django.conf import settings
from django.utils import timezone

from agreements.models import Agreement
from exchange import format as exchange
from exchange.format import export_registry, import_registry, load_document, sections
from memberships.models import Association
from partners.models import PartnerCity
from programmes.models import Activity
from tests.agreements.factories import AgreementFactory
from tests.exchange.test_import import LEIPZIG, LEUVEN, NUREMBERG, RULE_CASES, agreement, document
from tests.exchange.test_malformed import INVALID_RECORDS, registry_state
from tests.partners.factories import PartnerCityFactory

pytestmark = pytest.mark.django_db


def problems(sections):
    return [str(problem) for problem in import_registry(document(**sections)).problems]


# Conflicts between records of one batch, which the models' queries cannot see before the batch is written,
# and the problems that validating record by record reports.
CONFLICTS_IN_A_BATCH = {
    "two-twins-in-a-country": (
        {
            "cities": [NUREMBERG, LEIPZIG],
            "agreements": [agreement("a", "nuremberg"), agreement("b", "leipzig")],
        },
        ["agreements[b].city: Krakow already has a twin city in Germany: Nuremberg."],
    ),
    "two-twins-one-terminated-then-one-more": (
        {
            "cities": [NUREMBERG, LEIPZIG, {**LEIPZIG, "id": "dresden", "name_en": "Dresden"}],
            "agreements": [
                agreement(
                    "a",
                    "nuremberg",
                    status="terminated",
                    terminated_on="2000-01-01",
                    termination_act="City Council resolution XX/200/00",
                ),
                agreement("b", "leipzig"),
                agreement("c", "dresden"),
            ],
        },
        ["agreements[c].city: Krakow already has a twin city in Germany: Leipzig."],
    ),
    "two-partnerships-with-a-city": (
        {
            "cities": [LEUVEN],
            "agreements": [
                agreement("a", "leuven", kind="partnership"),
                agreement("b", "leuven", kind="partnership"),
            ],
        },
        [
            "agreements[b].kind: Krakow already has an agreement of this kind with Leuven that is not "
            "terminated: a. Record this one as renewing, replacing or amending it, or terminate that one first."
        ],
    ),
    "two-partnerships-with-a-city-the-second-with-another-fault-too": (
        {
            "cities": [LEUVEN],
            "agreements": [
                agreement("a", "leuven", kind="partnership"),
                agreement("b", "leuven", kind="partnership", signed_on="1989-01-01"),
            ],
        },
        [
            "agreements[b].kind: Krakow already has an agreement of this kind with Leuven that is not "
            "terminated: a. Record this one as renewing, replacing or amending it, or terminate that one first.",
            "agreements[b].signed_on: The City Council resolution comes before the signing, unless it "
            "ratifies an agreement signed earlier.",
        ],
    ),
    "an-id-twice": (
        {"cities": [LEUVEN, NUREMBERG, LEUVEN]},
        ["cities[leuven].id: appears twice in the section"],
    ),
    "a-reference-to-an-invalid-record": (
        {
            "cities": [{**LEUVEN, "country": "PL"}, NUREMBERG],
            "agreements": [agreement("a", "nuremberg"), agreement("b", "leuven", kind="partnership")],
            "activities": [
                {
                    "id": "days",
                    "tool": 1,
                    "title_pl": "Dni",
                    "title_en": "Days",
                    "starts_on": "2024-06-01",
                    "cities": ["nuremberg", "leuven"],
                }
            ],
        },
        [
            "cities[leuven].country: A partner city is always abroad, never in Poland.",
            "agreements[b].city: refers to leuven, which is itself invalid",
            "activities[days].cities: refers to leuven, which is itself invalid",
        ],
    ),
}
DOCUMENTS_WITH_PROBLEMS = {
    **{name: sections for name, (sections, _line) in RULE_CASES.items()},
    **{name: sections for name, (sections, _line) in INVALID_RECORDS.items()},
    **{name: sections for name, (sections, _lines) in CONFLICTS_IN_A_BATCH.items()},
}


@pytest.mark.parametrize("sections", DOCUMENTS_WITH_PROBLEMS.values(), ids=DOCUMENTS_WITH_PROBLEMS.keys())
def test_a_document_with_problems_gets_the_same_problems_in_batches_as_a_record_at_a_time(
    monkeypatch, sections
):
    PartnerCityFactory(slug="krakow-partner", country="FR")  # the registry that INVALID_RECORDS refer to
    before = registry_state()

    in_batches = problems(sections)
    monkeypatch.setattr(exchange, "BATCH_SIZE", 1)  # each record validated after those before it are written
    one_by_one = problems(sections)

    assert in_batches
    assert in_batches == one_by_one
    assert registry_state() == before


@pytest.mark.parametrize("batch_size", [exchange.BATCH_SIZE, 1], ids=["one-batch", "a-batch-per-record"])
@pytest.mark.parametrize(
    ("sections", "expected"), CONFLICTS_IN_A_BATCH.values(), ids=CONFLICTS_IN_A_BATCH.keys()
)
def test_records_of_one_batch_breaking_a_rule_together_are_named_by_the_rules_message(
    monkeypatch, batch_size, sections, expected
):
    monkeypatch.setattr(exchange, "BATCH_SIZE", batch_size)

    assert problems(sections) == expected
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


def records_state():
    """Every registry record's row, but their history's."""
    return {
        label: rows
        for label, rows in registry_state().items()
        if not label.split(".")[1].startswith("Historical")
    }


def test_a_valid_file_writes_the_rows_that_the_models_own_save_writes():
    import_registry(load_document(settings.DEMO_REGISTRY_FILE))
    imported = records_state()

    for section in sections():
        for record in section.model.objects.all():
            record.save()

    assert records_state() == imported
    assert imported["partners.PartnerCity"]


def test_a_valid_file_imported_again_replaces_every_record_and_changes_nothing():
    first = import_registry(load_document(settings.DEMO_REGISTRY_FILE))
    imported, exported = records_state(), export_registry()

    again = import_registry(load_document(settings.DEMO_REGISTRY_FILE))

    assert (first.created, first.updated, again.created, again.updated) == (134, 0, 0, 134)
    assert first.problems == again.problems == []
    assert records_state() == imported
    assert export_registry() == exported


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
                    "title_pl": "Dni",
                    "title_en": "Days",
                    "starts_on": "2024-06-01",
                    "cities": ["nuremberg", "leuven"],
                },
                {
                    "id": "fair",
                    "tool": 2,
                    "title_pl": "Targi",
                    "title_en": "Fair",
                    "starts_on": "2024-07-01",
                    "cities": ["leuven"],
                },
                {
                    "id": "talk",
                    "tool": 3,
                    "title_pl": "Wykład",
                    "title_en": "Talk",
                    "starts_on": "2024-08-01",
                },
            ],
        )
    )

    for model in (PartnerCity, Association, Activity):
        assert sorted(model.history.values_list("slug", "history_type")) == sorted(
            (slug, "+") for slug in model.objects.values_list("slug", flat=True)
        )
    entries = {entry.slug: entry for entry in Activity.history.all()}
    assert sorted(link.partnercity.slug for link in entries["days"].cities.all()) == ["leuven", "nuremberg"]
    assert [link.partnercity.slug for link in entries["fair"].cities.all()] == ["leuven"]
    assert not entries["talk"].cities.exists()
    (entry,) = Association.history.all()
    assert [link.partnercity.slug for link in entry.member_cities.all()] == ["leuven"]


def test_a_record_replaced_in_bulk_gets_the_files_links_and_one_change_entry_showing_them():
    days = {
        "id": "days",
        "tool": 1,
        "title_pl": "Dni",
        "title_en": "Days",
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


def test_history_entries_written_in_bulk_have_the_time_of_the_import_and_as_save_no_user_or_reason():
    started = timezone.now()

    import_registry(document(cities=[LEUVEN]))
    import_registry(document(cities=[{**LEUVEN, "name_en": "Louvain"}]))

    for entry in PartnerCity.history.all():
        assert started <= entry.history_date <= timezone.now()
        assert (entry.history_user, entry.history_change_reason) == (None, None)
    PartnerCity.objects.get().save()
    saved = PartnerCity.history.first()
    assert (saved.history_user, saved.history_change_reason) == (None, None)


def test_cities_written_in_bulk_store_their_continent_and_their_agreements_the_citys_country_and_continent():
    import_registry(
        document(
            cities=[
                {"id": "kyoto", "name_en": "Kyoto", "name_pl": "Kioto", "country": "JP"},
                {
                    "id": "kazan",
                    "name_en": "Kazan",
                    "name_pl": "Kazań",
                    "country": "RU",
                    "continent": "asia",
                    "continent_reason": "As the council decided",
                },
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
