"""Versions of the exchange format: export writes `krakow-relations/2`, whose keys record the acts behind each
agreement and membership; a `krakow-relations/1` file is still read, its records upgraded on the way in."""

import json
from io import StringIO

import pytest
from django.core.management import call_command

from agreements.models import Agreement
from exchange.format import FORMAT_TAG, load_document, sections
from memberships.models import Membership
from tests.exchange.test_import import LEUVEN, LHC, NUREMBERG, RESOLUTION, agreement, run_import

pytestmark = pytest.mark.django_db

SAINT_PETERSBURG = {
    "id": "saint-petersburg",
    "name_en": "Saint Petersburg",
    "name_pl": "Petersburg",
    "country": "RU",
}
LEIPZIG = {"id": "leipzig", "name_en": "Leipzig", "name_pl": "Lipsk", "country": "DE"}


def record(record_id, city, **fields):
    """An agreement as export writes it: a key whose value is None is left out."""
    return {key: value for key, value in agreement(record_id, city, **fields).items() if value is not None}


# Records as a version 1 file wrote them, valid by its rules: a sectoral agreement needed no resolution, and
# the act that ended an agreement had no place.
VERSION_1_AGREEMENTS = [
    record("nuremberg-twinning", "nuremberg"),
    record("leuven-culture", "leuven", kind="sectoral", sector="culture", council_resolution=None),
    record(
        "leuven-sport",
        "leuven",
        kind="sectoral",
        sector="sport",
        status="negotiation",
        council_resolution=None,
        signed_on=None,
    ),
    record(
        "saint-petersburg-partnership",
        "saint-petersburg",
        kind="partnership",
        status="terminated",
        terminated_on="2022-09-16",
        termination_reason="Cooperation suspended after the invasion of Ukraine.",
    ),
]


def version_1_document():
    return {
        "format": "krakow-relations/1",
        "cities": [NUREMBERG, LEUVEN, SAINT_PETERSBURG],
        "agreements": json.loads(json.dumps(VERSION_1_AGREEMENTS)),
    }


def test_a_version_1_file_is_read_as_version_2_saying_what_it_had_no_place_for(tmp_path):
    path = tmp_path / "version-1.json"
    path.write_text(json.dumps(version_1_document()))

    document = load_document(path)

    assert document["format"] == FORMAT_TAG == "krakow-relations/2"
    upgraded = {agreement["id"]: agreement for agreement in document["agreements"]}
    not_in_file = upgraded["leuven-culture"]["decision_not_recorded"]
    assert "krakow-relations/1" in not_in_file
    assert upgraded["saint-petersburg-partnership"]["termination_act_not_recorded"] == not_in_file
    # The council's resolution stays the act that decided it; a record that has what version 2 asks for, or
    # that needs none of it yet, is read as it was written.
    assert "decision_not_recorded" not in upgraded["saint-petersburg-partnership"]
    assert upgraded["nuremberg-twinning"] == VERSION_1_AGREEMENTS[0]
    assert upgraded["leuven-sport"] == VERSION_1_AGREEMENTS[2]


def test_a_version_1_file_is_still_imported_recording_what_it_did_not_say_as_not_recorded(tmp_path):
    lines, error = run_import(tmp_path, version_1_document())

    assert error is None, lines
    assert lines == ["7 records created, 0 replaced."]
    sectoral = Agreement.objects.get(slug="leuven-culture")
    assert (sectoral.status, sectoral.resolution_date) == ("in_force", None)
    assert "krakow-relations/1" in sectoral.decision_not_recorded
    terminated = Agreement.objects.get(slug="saint-petersburg-partnership")
    assert (terminated.termination_act, terminated.termination_act_not_recorded) == (
        "",
        sectoral.decision_not_recorded,
    )
    assert (terminated.resolution_number, terminated.decision_not_recorded) == ("XII/123/90", "")
    twinning = Agreement.objects.get(slug="nuremberg-twinning")
    assert (twinning.decision_not_recorded, twinning.termination_act_not_recorded) == ("", "")
    assert Agreement.objects.get(slug="leuven-sport").decision_not_recorded == ""


def test_the_same_records_in_a_version_2_file_are_refused_for_the_acts_they_do_not_record(tmp_path):
    lines, error = run_import(tmp_path, {**version_1_document(), "format": "krakow-relations/2"})

    assert lines == [
        "agreements[leuven-culture].council_resolution.date: Every agreement is the City Council's to "
        "conclude: once past negotiation it needs the act that decided it: the council's resolution, an act "
        "of the body of the time (before 1990), or a note why the act is not recorded.",
        "agreements[saint-petersburg-partnership].termination_act: A terminated agreement records the act "
        "that ended it, or why that act is not recorded; an agreement not terminated has neither.",
    ]
    assert error == "2 problems found; nothing was written."
    assert not Agreement.objects.exists()


# Every key that version 2 added, in records as export writes them (a default value left out).
VERSION_2_SECTIONS = {
    "cities": [LEIPZIG, LEUVEN, NUREMBERG, SAINT_PETERSBURG],
    "agreements": [
        record(
            "leipzig-partnership",
            "leipzig",
            kind="partnership",
            council_resolution=None,
            deciding_body="Presidium of the City National Council, resolution 12/73",
            signed_on="1973-05-01",
        ),
        record(
            "leuven-culture",
            "leuven",
            kind="sectoral",
            sector="culture",
            council_resolution=None,
            decision_not_recorded="The archive holds no resolution for this agreement.",
        ),
        record("nuremberg-twinning", "nuremberg", council_resolution={"date": "1991-02-06"}),
        record(
            "saint-petersburg-culture",
            "saint-petersburg",
            kind="sectoral",
            sector="culture",
            status="terminated",
            terminated_on="2022-09-16",
            termination_act_not_recorded="The archive holds no act that ended it.",
        ),
        record(
            "saint-petersburg-partnership",
            "saint-petersburg",
            kind="partnership",
            status="terminated",
            terminated_on="2022-09-16",
            termination_act="City Council resolution LXXXVI/2420/22",
        ),
    ],
    "associations": [{"id": "eurocities", "name": "EUROCITIES", "kind": "local_and_regional"}, LHC],
    "memberships": [
        {
            "id": "eurocities-membership",
            "association": "eurocities",
            "council_resolution": RESOLUTION,
            "approval_not_recorded": "The archive holds no approval for this membership.",
            "joined_on": "1991-01-01",
        },
        {
            "id": "lhc-membership",
            "association": "lhc",
            "mfa_approval": {"reference": "DPT-2/97", "date": "1997-05-01"},
            "resolution_not_recorded": "The archive holds no resolution for this membership.",
            "founder": True,
            "joined_on": "1994-09-01",
        },
    ],
}


def export_text():
    stdout = StringIO()
    call_command("export_registry", stdout=stdout, stderr=StringIO())
    return stdout.getvalue()


def by_id(records):
    return {record["id"]: record for record in records}


def test_export_writes_version_2_with_its_new_keys_and_they_survive_export_import_export(tmp_path):
    lines, error = run_import(tmp_path, {"format": "krakow-relations/2", **VERSION_2_SECTIONS})
    assert error is None, lines

    first = export_text()

    exported = json.loads(first)
    assert exported["format"] == "krakow-relations/2"
    for name, records in VERSION_2_SECTIONS.items():
        assert by_id(exported[name]) == by_id(records), name
    # A membership not founded by Krakow leaves the key out, as every default.
    assert "founder" not in by_id(exported["memberships"])["eurocities-membership"]

    for section in reversed(sections()):
        section.model.objects.all().delete()
    (tmp_path / "export.json").write_text(first, encoding="utf-8")
    call_command("import_registry", str(tmp_path / "export.json"), stderr=StringIO())

    assert export_text() == first
    founder = Membership.objects.get(slug="lhc-membership")
    assert (founder.is_founder, founder.resolution_date, founder.resolution_not_recorded) == (
        True,
        None,
        "The archive holds no resolution for this membership.",
    )
    assert Agreement.objects.get(slug="leipzig-partnership").deciding_body == (
        "Presidium of the City National Council, resolution 12/73"
    )
