"""A corpus of malformed exchange files: each gets one clear error, and the registry is left as it was."""

import json
import subprocess
import sys

import pytest
from django.apps import apps
from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext

from exchange.format import dump_document, export_registry
from registry.models import TEXT_MAX_LENGTH
from tests.exchange.test_import import LEIPZIG, NUREMBERG, agreement, document, run_import
from tests.partners.factories import PartnerCityFactory

pytestmark = pytest.mark.django_db

REGISTRY_APPS = ("partners", "agreements", "programmes", "memberships")


def registry_state():
    """Every registry table's rows (and their history), to compare before and after an import."""
    return {
        model._meta.label: list(model.objects.order_by("pk").values())
        for app in REGISTRY_APPS
        for model in apps.get_app_config(app).get_models()
    }


@pytest.fixture
def registry():
    PartnerCityFactory(slug="krakow-partner", name_en="Existing", country="FR")
    return registry_state()


def assert_refused(tmp_path, content, message, registry):
    lines, error = run_import(tmp_path, content)

    assert error is not None, "the import was accepted"
    problems = lines or [error]
    assert len(problems) == 1, problems
    assert message in problems[0]
    assert registry_state() == registry


def text(raw):
    return raw.encode()


CITY = '{"id": "lyon", "name_en": "Lyon", "name_pl": "Lyon", "country": "FR"%s}'
# Python converts no integer of more digits (4,300 unless its settings say otherwise).
DIGITS_READ = sys.get_int_max_str_digits()
TOO_MANY_DIGITS = "9" * (DIGITS_READ + 1)
UNREADABLE = {
    "truncated-object": (
        text('{"format": "krakow-relations/2", "cities": [{"id": "lyon"'),
        "is not valid JSON",
    ),
    "truncated-string": (text('{"format": "krakow-relations/2", "cities": [{"id": "ly'), "is not valid JSON"),
    "empty-file": (b"", "is not valid JSON"),
    "trailing-comma": (text('{"format": "krakow-relations/2",}'), "is not valid JSON"),
    "not-utf8": (b'{"format": "krakow-relations/2", "cities": [{"name_en": "\xb3\xf3d\xbc"}]}', "not UTF-8"),
    "utf16": ('{"format": "krakow-relations/2"}'.encode("utf-16"), "not UTF-8"),
    "nan": (text('{"format": "krakow-relations/2", "cities": [%s]}' % (CITY % ', "latitude": NaN')), "NaN"),
    "infinity": (
        text('{"format": "krakow-relations/2", "cities": [%s]}' % (CITY % ', "latitude": -Infinity')),
        "-Infinity is not a JSON number",
    ),
    "number-beyond-floats": (
        text(
            '{"format": "krakow-relations/2", "cities": [%s]}'
            % (CITY % ', "latitude": 1e400, "longitude": 1')
        ),
        "cities[lyon].latitude: must be a finite number",
    ),
    "integer-beyond-python": (
        text(
            '{"format": "krakow-relations/2", "cities": [%s]}' % (CITY % f', "latitude": {TOO_MANY_DIGITS}')
        ),
        f"a number has too many digits ({DIGITS_READ + 1}; at most {DIGITS_READ})",
    ),
    "negative-integer-beyond-python": (
        text(
            '{"format": "krakow-relations/2", "cities": [%s]}' % (CITY % f', "latitude": -{TOO_MANY_DIGITS}')
        ),
        f"a number has too many digits ({DIGITS_READ + 1}; at most {DIGITS_READ})",
    ),
    "repeated-key": (
        text('{"format": "krakow-relations/2", "cities": [%s]}' % (CITY % ', "country": "DE"')),
        "the key 'country' appears twice in one object",
    ),
    "deeply-nested": (
        text('{"format": "krakow-relations/2", "cities": ' + "[" * 100_000 + "]" * 100_000 + "}"),
        "nested too deeply",
    ),
    "unknown-section": (
        text('{"format": "krakow-relations/2", "partners": []}'),
        "unknown sections: partners",
    ),
    "records-not-objects": (
        text('{"format": "krakow-relations/2", "cities": ["lyon"]}'),
        "section cities must be a list of objects",
    ),
}


@pytest.mark.parametrize(("content", "message"), UNREADABLE.values(), ids=UNREADABLE.keys())
def test_an_unreadable_file(tmp_path, registry, content, message):
    assert_refused(tmp_path, content, message, registry)


def test_a_number_too_long_to_read_ends_the_command_with_one_line_and_no_traceback(tmp_path):
    path = tmp_path / "long-number.json"
    path.write_text('{"format": "krakow-relations/2", "activities": [{"tool": ' + TOO_MANY_DIGITS + "}]}")

    completed = subprocess.run(
        [sys.executable, "manage.py", "import_registry", str(path)],
        capture_output=True,
        text=True,
        env={"DEBUG": "1", "PATH": "/usr/bin:/bin", "DATABASE_URL": "sqlite:///:memory:"},
        check=False,
    )

    # The command speaks the registry's language (Polish) unless told otherwise.
    with translation.override(settings.LANGUAGE_CODE):
        message = gettext("a number has too many digits (%(count)s; at most %(limit)s)") % {
            "count": DIGITS_READ + 1,
            "limit": DIGITS_READ,
        }
    assert completed.returncode == 1
    assert completed.stderr.splitlines() == [f"CommandError: {message}"]


def test_any_truncation_of_a_real_export(tmp_path, registry):
    exported = dump_document(export_registry()).encode()
    for cut in range(1, len(exported), max(1, len(exported) // 25)):
        assert_refused(tmp_path, exported[:cut], "is not valid JSON", registry)


LYON = {"id": "lyon", "name_en": "Lyon", "name_pl": "Lyon", "country": "FR"}
PARTICIPATION = {"id": "p", "programme": "urbact", "project": "P"}
ACTIVITY = {"id": "x", "tool": 1, "title_pl": "T", "title_en": "T", "starts_on": "2020-01-01"}
INVALID_RECORDS = {
    "wrong-type-number": (
        {"cities": [{**LYON, "latitude": "north"}]},
        "cities[lyon].latitude: must be a number",
    ),
    "wrong-type-string": ({"cities": [{**LYON, "name_en": 42}]}, "cities[lyon].name_en: must be a string"),
    "wrong-type-boolean": ({"cities": [{**LYON, "is_capital": "yes"}]}, "must be true or false"),
    "wrong-type-date": (
        {"agreements": [agreement("a", "krakow-partner", signed_on=19910601)]},
        "agreements[a].signed_on: must be a date as YYYY-MM-DD",
    ),
    "wrong-type-list": (
        {
            "activities": [
                {
                    "id": "x",
                    "tool": 1,
                    "title_pl": "T",
                    "title_en": "T",
                    "starts_on": "2020-01-01",
                    "cities": "lyon",
                }
            ]
        },
        "activities[x].cities: must be a list of ids",
    ),
    "wrong-type-group": (
        {"agreements": [agreement("a", "krakow-partner", council_resolution="XII/1/90")]},
        "agreements[a].council_resolution: must be an object",
    ),
    "tool-out-of-range": (
        {
            "activities": [
                {"id": "x", "tool": 16, "title_pl": "T", "title_en": "T", "starts_on": "2020-01-01"}
            ]
        },
        "activities[x].tool: must be a number from 1 to 15",
    ),
    "unknown-key": ({"cities": [{**LYON, "mayor": "Grégory Doucet"}]}, "cities[lyon].mayor: unknown key"),
    "unknown-nested-key": (
        {
            "agreements": [
                agreement(
                    "a",
                    "krakow-partner",
                    council_resolution={"number": "XII/1/90", "date": "1990-09-12", "page": 3},
                )
            ]
        },
        "unknown keys: page",
    ),
    "huge-string": (
        {"cities": [{**LYON, "name_en": "L" * 1_000_000}]},
        "cities[lyon].name_en: Ensure this value has at most",
    ),
    "decimal-with-too-many-digits": (
        {"programme_participations": [{**PARTICIPATION, "budget": 10**14}]},
        "programme_participations[p].budget: Ensure that there are no more than 14 digits in total.",
    ),
    "decimal-of-as-many-digits-as-python-reads": (
        {"programme_participations": [{**PARTICIPATION, "budget": int("9" * DIGITS_READ)}]},
        "programme_participations[p].budget: Ensure that there are no more than 14 digits in total.",
    ),
    "decimal-beyond-any-column": (
        {"programme_participations": [{**PARTICIPATION, "budget": "1e999999999"}]},
        "programme_participations[p].budget: Ensure that there are no more than 14 digits in total.",
    ),
    "integer-beyond-any-column": (
        {"activities": [{**ACTIVITY, "tool": 2**63}]},
        "activities[x].tool: must be a number from 1 to 15",
    ),
    "nul-character": ({"cities": [{**LYON, "name_en": "Ly\u0000on"}]}, "must not contain a NUL character"),
    "nul-in-sources": ({"cities": [{**LYON, "sources": ["http://x\u0000"]}]}, "must not contain a NUL"),
    "lone-surrogate": ({"cities": [{**LYON, "name_pl": "Ly\ud800on"}]}, "unpaired surrogate"),
    "missing-required": (
        {"cities": [{"id": "lyon", "name_en": "Lyon", "name_pl": "Lyon"}]},
        "cities[lyon].country: is required",
    ),
    "bad-id": ({"cities": [{**LYON, "id": "Lyon City"}]}, "must be a slug"),
    "id-not-a-string": ({"cities": [{**LYON, "id": ["lyon"]}]}, "must be a slug"),
    "duplicate-id": ({"cities": [LYON, LYON]}, "cities[lyon].id: appears twice in the section"),
    "dangling-reference": (
        {"agreements": [agreement("a", "atlantis")]},
        "agreements[a].city: unknown reference 'atlantis'",
    ),
    "reference-not-a-string": (
        {"agreements": [agreement("a", {"id": "krakow-partner"})]},
        "agreements[a].city: must be an id (a string)",
    ),
}


@pytest.mark.parametrize(("sections", "message"), INVALID_RECORDS.values(), ids=INVALID_RECORDS.keys())
def test_an_invalid_record(tmp_path, registry, sections, message):
    assert_refused(tmp_path, document(**sections), message, registry)


TOO_LONG = "x" * (TEXT_MAX_LENGTH + 1)
EUROCITIES = {"id": "eurocities", "name": "EUROCITIES", "kind": "local_and_regional"}
TEXTS_TOO_LONG = {
    "cities[lyon].description_en": {"cities": [{**LYON, "description_en": TOO_LONG}]},
    "cities[lyon].description_pl": {"cities": [{**LYON, "description_pl": TOO_LONG}]},
    "agreements[a].notes": {"agreements": [agreement("a", "krakow-partner", notes=TOO_LONG)]},
    "agreements[a].termination_reason": {
        "agreements": [
            agreement(
                "a",
                "krakow-partner",
                status="terminated",
                terminated_on="2000-01-01",
                termination_act="City Council resolution XX/200/00",
                termination_reason=TOO_LONG,
            )
        ]
    },
    "working_documents[w].notes": {
        "working_documents": [
            {
                "id": "w",
                "city": "krakow-partner",
                "kind": "protocol",
                "signed_on": "2000-01-01",
                "notes": TOO_LONG,
            }
        ]
    },
    "memberships[m].notes": {
        "associations": [EUROCITIES],
        "memberships": [{"id": "m", "association": "eurocities", "notes": TOO_LONG}],
    },
    "programme_participations[p].notes": {"programme_participations": [{**PARTICIPATION, "notes": TOO_LONG}]},
    "activities[x].description": {"activities": [{**ACTIVITY, "description": TOO_LONG}]},
}


@pytest.mark.parametrize(("where", "sections"), TEXTS_TOO_LONG.items(), ids=TEXTS_TOO_LONG.keys())
def test_a_text_longer_than_the_admin_allows_is_refused(tmp_path, registry, where, sections):
    message = (
        f"{where}: Ensure this value has at most {TEXT_MAX_LENGTH} characters (it has {TEXT_MAX_LENGTH + 1})."
    )

    assert_refused(tmp_path, document(**sections), message, registry)


def test_a_chain_of_references_to_an_invalid_record_names_the_first_fault_and_its_consequence(
    tmp_path, registry
):
    sections = {"cities": [{**NUREMBERG, "country": "XX"}], "agreements": [agreement("a", "nuremberg")]}

    lines, _error = run_import(tmp_path, document(**sections))

    assert lines[0].startswith("cities[nuremberg].country:")
    assert lines[1] == "agreements[a].city: refers to nuremberg, which is itself invalid"
    assert registry_state() == registry


def test_references_only_point_backwards_so_no_cycle_can_be_written(tmp_path, registry):
    # Sections are read in a fixed order (cities, agreements, working documents …) and a record may refer
    # only to a record of an earlier section or to one already in the registry: a cycle cannot be expressed.
    sections = {
        "working_documents": [
            {
                "id": "w",
                "city": "leipzig",
                "kind": "protocol",
                "signed_on": "1991-05-01",
                "formalized_by": "leipzig-twinning",
            }
        ],
        "agreements": [agreement("leipzig-twinning", "leipzig")],
        "cities": [LEIPZIG],
    }

    lines, error = run_import(tmp_path, document(**sections))

    assert error is None, lines
    assert json.loads(json.dumps(sections))["cities"] == [LEIPZIG]


def test_the_demo_registry_is_a_valid_file(tmp_path):
    lines, error = run_import(tmp_path, settings.DEMO_REGISTRY_FILE.read_bytes())

    assert error is None, lines
