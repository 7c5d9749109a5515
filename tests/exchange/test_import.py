"""`manage.py import_registry`: the same rules as the admin, all or nothing, clear one-line errors."""

import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from agreements.models import Agreement
from memberships.models import Membership
from partners.models import PartnerCity
from programmes.models import Activity, ProgrammeParticipation
from tests.agreements.factories import AgreementFactory
from tests.partners.factories import PartnerCityFactory

pytestmark = pytest.mark.django_db

NUREMBERG = {"id": "nuremberg", "name_en": "Nuremberg", "name_pl": "Norymberga", "country": "DE"}
LEIPZIG = {"id": "leipzig", "name_en": "Leipzig", "name_pl": "Lipsk", "country": "DE"}
LEUVEN = {"id": "leuven", "name_en": "Leuven", "name_pl": "Lowanium", "country": "BE"}
RESOLUTION = {"number": "XII/123/90", "date": "1990-09-12"}
LHC = {"id": "lhc", "name": "League of Historical Cities", "kind": "local_and_regional"}


def agreement(record_id, city, **fields):
    return {
        "id": record_id,
        "city": city,
        "kind": "twinning",
        "status": "in_force",
        "council_resolution": RESOLUTION,
        "signed_on": "1991-06-01",
        **fields,
    }


def document(**sections):
    return {"format": "krakow-relations/2", **sections}


def run_import(tmp_path, content, *args):
    """Run the command; return (stderr lines, CommandError message or None)."""
    path = tmp_path / "registry.json"
    path.write_bytes(content if isinstance(content, bytes) else json.dumps(content).encode())
    from io import StringIO

    stderr = StringIO()
    try:
        call_command("import_registry", str(path), *args, stderr=stderr)
    except CommandError as error:
        return stderr.getvalue().splitlines(), str(error)
    return stderr.getvalue().splitlines(), None


def test_a_valid_file_creates_every_record(tmp_path):
    lines, error = run_import(
        tmp_path,
        document(
            cities=[NUREMBERG],
            agreements=[agreement("nuremberg-twinning", "nuremberg")],
            associations=[{"id": "eurocities", "name": "EUROCITIES", "kind": "local_and_regional"}],
            memberships=[{"id": "eurocities-membership", "association": "eurocities"}],
            programme_participations=[
                {"id": "celsius", "programme": "fp7", "project": "CELSIUS", "cities": ["nuremberg"]}
            ],
            activities=[
                {
                    "id": "days",
                    "tool": 1,
                    "title_pl": "Dni Krakowa",
                    "title_en": "Days of Krakow",
                    "starts_on": "2024-06-01",
                }
            ],
        ),
    )

    assert error is None
    assert lines == ["6 records created, 0 replaced."]
    assert Agreement.objects.get(slug="nuremberg-twinning").city.slug == "nuremberg"
    assert list(ProgrammeParticipation.objects.get().cities.values_list("slug", flat=True)) == ["nuremberg"]
    assert Membership.objects.count() == Activity.objects.count() == 1


def test_a_record_whose_id_exists_is_replaced_with_defaults_for_absent_keys(tmp_path):
    PartnerCityFactory(slug="nuremberg", name_en="Old name", website="https://old.example", is_capital=True)

    lines, _ = run_import(tmp_path, document(cities=[NUREMBERG]))

    city = PartnerCity.objects.get(slug="nuremberg")
    assert (city.name_en, city.website, city.is_capital) == ("Nuremberg", "", False)
    assert lines == ["0 records created, 1 replaced."]


RULE_CASES = {
    "one-twin-per-country": (
        {
            "cities": [NUREMBERG, LEIPZIG],
            "agreements": [agreement("a", "nuremberg"), agreement("b", "leipzig")],
        },
        "agreements[b].city: Krakow already has a twin city in Germany: Nuremberg.",
    ),
    "honorary-in-europe": (
        {"cities": [LEUVEN], "agreements": [agreement("a", "leuven", kind="honorary_title")]},
        "agreements[a].kind: An Honorary Twin City title is granted only to cities outside Europe; "
        "Leuven is in Europe.",
    ),
    "one-per-city-and-kind": (
        {
            "cities": [LEUVEN],
            "agreements": [
                agreement("a", "leuven", kind="partnership"),
                agreement("b", "leuven", kind="partnership"),
            ],
        },
        "agreements[b].kind: Krakow already has an agreement of this kind with Leuven that is not terminated: "
        "a. Record this one as renewing, replacing or amending it, or terminate that one first.",
    ),
    "sector": (
        {"cities": [LEUVEN], "agreements": [agreement("a", "leuven", kind="sectoral")]},
        "agreements[a].sector: A sectoral agreement has exactly one sector; other kinds have none.",
    ),
    "resolution": (
        {"cities": [LEUVEN], "agreements": [agreement("a", "leuven", council_resolution=None)]},
        "agreements[a].council_resolution.date: Every agreement is the City Council's to conclude: once past "
        "negotiation it needs the act that decided it: the council's resolution, an act of the body of the "
        "time (before 1990), or a note why the act is not recorded.",
    ),
    "sectoral-decision": (
        {
            "cities": [LEUVEN],
            "agreements": [
                agreement("a", "leuven", kind="sectoral", sector="culture", council_resolution=None)
            ],
        },
        "agreements[a].council_resolution.date: Every agreement is the City Council's to conclude: once past "
        "negotiation it needs the act that decided it: the council's resolution, an act of the body of the "
        "time (before 1990), or a note why the act is not recorded.",
    ),
    "one-decision": (
        {
            "cities": [LEUVEN],
            "agreements": [agreement("a", "leuven", decision_not_recorded="Not in the archive.")],
        },
        "agreements[a].decision_not_recorded: Give one act that decided the agreement: the council's "
        "resolution, the body of the time, or why it is not recorded.",
    ),
    "earlier-body-before-1990": (
        {
            "cities": [LEUVEN],
            "agreements": [
                agreement(
                    "a",
                    "leuven",
                    council_resolution=None,
                    deciding_body="Presidium of the City National Council, resolution 12/90",
                )
            ],
        },
        "agreements[a].deciding_body: Only an agreement signed before the City Council was first elected "
        "(27 May 1990) was decided by another body.",
    ),
    "not-recorded-in-negotiation": (
        {
            "cities": [LEUVEN],
            "agreements": [
                agreement(
                    "a",
                    "leuven",
                    status="negotiation",
                    council_resolution=None,
                    signed_on=None,
                    decision_not_recorded="Not in the archive.",
                )
            ],
        },
        "agreements[a].decision_not_recorded: An agreement in negotiation has no decision yet: it goes on to "
        "the council's resolution.",
    ),
    "resolution-before-the-council": (
        {
            "cities": [LEUVEN],
            "agreements": [
                agreement(
                    "a",
                    "leuven",
                    council_resolution={"number": "XL/312/89", "date": "1989-06-14"},
                    signed_on="1989-07-01",
                )
            ],
        },
        "agreements[a].council_resolution.date: The City Council of Krakow was first elected on 27 May 1990: "
        "no resolution of it is dated earlier (an earlier decision was the body of the time's).",
    ),
    "resolution-of-another-year": (
        {
            "cities": [LEUVEN],
            "agreements": [
                agreement("a", "leuven", council_resolution={"number": "XII/123/91", "date": "1990-09-12"})
            ],
        },
        "agreements[a].council_resolution.date: Resolution XII/123/91 is of 1991, but its date is in 1990.",
    ),
    "resolution-of-another-century": (
        {
            "cities": [LEUVEN],
            "agreements": [
                agreement(
                    "a",
                    "leuven",
                    council_resolution={"number": "LXX/1003/25", "date": "1995-09-12"},
                    signed_on="1995-10-01",
                )
            ],
        },
        "agreements[a].council_resolution.date: Resolution LXX/1003/25 is of 2025, but its date is in 1995.",
    ),
    "resolution-number-without-date": (
        {
            "cities": [LEUVEN],
            "agreements": [agreement("a", "leuven", council_resolution={"number": "XII/123/90"})],
        },
        "agreements[a].council_resolution: date is required",
    ),
    "resolution-in-the-future": (
        {
            "cities": [LEUVEN],
            "agreements": [
                agreement(
                    "a",
                    "leuven",
                    status="approved",
                    council_resolution={"date": "2999-01-04"},
                    signed_on=None,
                )
            ],
        },
        "agreements[a].council_resolution.date: A City Council resolution cannot be dated in the future.",
    ),
    "date-order": (
        {"cities": [LEUVEN], "agreements": [agreement("a", "leuven", signed_on="1989-01-01")]},
        "agreements[a].signed_on: The City Council resolution comes before the signing, unless it ratifies "
        "an agreement signed earlier.",
    ),
    "terminated-date": (
        {
            "cities": [LEUVEN],
            "agreements": [
                agreement("a", "leuven", status="terminated", termination_act="City Council resolution")
            ],
        },
        "agreements[a].terminated_on: A terminated agreement has a termination date, and only a terminated "
        "agreement has one.",
    ),
    "termination-act": (
        {
            "cities": [LEUVEN],
            "agreements": [agreement("a", "leuven", status="terminated", terminated_on="2022-09-16")],
        },
        "agreements[a].termination_act: A terminated agreement records the act that ended it, or why that act "
        "is not recorded; an agreement not terminated has neither.",
    ),
    "termination-act-twice": (
        {
            "cities": [LEUVEN],
            "agreements": [
                agreement(
                    "a",
                    "leuven",
                    status="terminated",
                    terminated_on="2022-09-16",
                    termination_act="City Council resolution LXXXVI/2420/22",
                    termination_act_not_recorded="Not in the archive.",
                )
            ],
        },
        "agreements[a].termination_act: A terminated agreement records the act that ended it, or why that act "
        "is not recorded; an agreement not terminated has neither.",
    ),
    "termination-act-of-an-agreement-in-force": (
        {
            "cities": [LEUVEN],
            "agreements": [agreement("a", "leuven", termination_act="City Council resolution")],
        },
        "agreements[a].termination_act: A terminated agreement records the act that ended it, or why that act "
        "is not recorded; an agreement not terminated has neither.",
    ),
    "membership-approval": (
        {
            "associations": [LHC],
            "memberships": [
                {
                    "id": "m",
                    "association": "lhc",
                    "council_resolution": RESOLUTION,
                    "joined_on": "1997-05-01",
                }
            ],
        },
        "memberships[m].joined_on: Krakow joins an association of local and regional communities only by a "
        "City Council resolution and after the approval of the Minister of Foreign Affairs: record both, or why "
        "each is not recorded.",
    ),
    "membership-approval-before-resolution": (
        {
            "associations": [LHC],
            "memberships": [
                {
                    "id": "m",
                    "association": "lhc",
                    "council_resolution": {"number": "LXXXVI/753/97", "date": "1997-04-16"},
                    "mfa_approval": {"reference": "DPT-1/97", "date": "1997-03-01"},
                }
            ],
        },
        "memberships[m].mfa_approval.date: The Minister of Foreign Affairs approves what the City Council "
        "resolved: the approval cannot be dated before the resolution.",
    ),
    "membership-joined-before-resolution": (
        {
            "associations": [LHC],
            "memberships": [
                {
                    "id": "m",
                    "association": "lhc",
                    "council_resolution": {"number": "LXXXVI/753/97", "date": "1997-04-16"},
                    "approval_not_recorded": "Not in the archive.",
                    "joined_on": "1994-09-01",
                }
            ],
        },
        "memberships[m].joined_on: Krakow cannot join before the City Council's resolution, unless it is a "
        "founder member.",
    ),
    "membership-resolution-twice": (
        {
            "associations": [LHC],
            "memberships": [
                {
                    "id": "m",
                    "association": "lhc",
                    "council_resolution": {"number": "LXXXVI/753/97", "date": "1997-04-16"},
                    "resolution_not_recorded": "Not in the archive.",
                }
            ],
        },
        "memberships[m].resolution_not_recorded: Give the City Council's resolution or why it is not recorded, "
        "not both.",
    ),
    "membership-resolution-of-another-year": (
        {
            "associations": [LHC],
            "memberships": [
                {
                    "id": "m",
                    "association": "lhc",
                    "council_resolution": {"number": "LXXXVI/753/98", "date": "1997-04-16"},
                }
            ],
        },
        "memberships[m].council_resolution.date: Resolution LXXXVI/753/98 is of 1998, but its date is in 1997.",
    ),
    "membership-joined-in-the-future": (
        {
            "associations": [LHC],
            "memberships": [
                {
                    "id": "m",
                    "association": "lhc",
                    "resolution_not_recorded": "Not in the archive.",
                    "approval_not_recorded": "Not in the archive.",
                    "joined_on": "2999-01-04",
                }
            ],
        },
        "memberships[m].joined_on: This date cannot be in the future.",
    ),
    "mayor-decision": (
        {
            "programme_participations": [
                {"id": "p", "programme": "urbact", "project": "X", "starts_on": "2020-01-01"}
            ]
        },
        "programme_participations[p].mayor_decision.number: An EU programme participation starts only by a "
        "decision of the Mayor of Krakow: give it, or say why it is not recorded.",
    ),
    "mayor-decision-of-another-year": (
        {
            "programme_participations": [
                {
                    "id": "p",
                    "programme": "urbact",
                    "project": "X",
                    "mayor_decision": {"number": "1234/2023", "date": "2022-12-01"},
                    "starts_on": "2023-01-01",
                }
            ]
        },
        "programme_participations[p].mayor_decision.date: Decision 1234/2023 is of 2023, but its date is in "
        "2022.",
    ),
    "mayor-decision-after-the-start": (
        {
            "programme_participations": [
                {
                    "id": "p",
                    "programme": "urbact",
                    "project": "X",
                    "mayor_decision": {"number": "1234/2023", "date": "2023-03-01"},
                    "starts_on": "2023-01-01",
                }
            ]
        },
        "programme_participations[p].mayor_decision.date: The Mayor's decision starts the participation: it "
        "cannot be dated after the participation starts.",
    ),
    "formalization": (
        {
            "cities": [LEUVEN],
            "agreements": [
                agreement(
                    "a",
                    "leuven",
                    kind="sectoral",
                    sector="culture",
                    status="negotiation",
                    council_resolution=None,
                    signed_on=None,
                )
            ],
            "working_documents": [
                {
                    "id": "w",
                    "city": "leuven",
                    "kind": "protocol",
                    "signed_on": "1991-01-01",
                    "formalized_by": "a",
                }
            ],
        },
        "working_documents[w].formalized_by: Only an agreement the City Council decided (or, before 1990, the "
        "body of the time) can formalize a working document.",
    ),
    "formalized-before-signed": (
        {
            "cities": [LEUVEN],
            "agreements": [agreement("a", "leuven")],
            "working_documents": [
                {
                    "id": "w",
                    "city": "leuven",
                    "kind": "protocol",
                    "signed_on": "2000-01-01",
                    "formalized_by": "a",
                }
            ],
        },
        "working_documents[w].formalized_by: An agreement formalizes a document signed before it: this one "
        "dates from 1 June 1991, the document from 1 January 2000.",
    ),
    "document-in-the-future": (
        {
            "cities": [LEUVEN],
            "working_documents": [
                {"id": "w", "city": "leuven", "kind": "protocol", "signed_on": "2999-01-04"}
            ],
        },
        "working_documents[w].signed_on: A working document's dates cannot be in the future.",
    ),
    "coordinates": (
        {"cities": [{**LEUVEN, "latitude": 95, "longitude": 4.7}]},
        "cities[leuven].latitude: Ensure this value is less than or equal to 90.",
    ),
    "country-code": (
        {"cities": [{**LEUVEN, "country": "XX"}]},
        "cities[leuven].country: Value 'XX' is not a valid choice.",
    ),
    "country-name-for-code": (  # too long for the column: PostgreSQL refuses it before any constraint
        {"cities": [{**LEUVEN, "country": "Belgium"}]},
        "cities[leuven].country: Value 'BELGIUM' is not a valid choice.",
    ),
    "abroad": (
        {"cities": [{**LEUVEN, "country": "PL"}]},
        "cities[leuven].country: A partner city is always abroad, never in Poland.",
    ),
}
"""Documents breaking one rule each, and the line that names it (section, id, key and the rule's message)."""


@pytest.mark.parametrize(("sections", "expected"), RULE_CASES.values(), ids=RULE_CASES.keys())
def test_each_rule_is_reported_with_section_id_and_key_and_nothing_is_written(tmp_path, sections, expected):
    lines, error = run_import(tmp_path, document(**sections))

    assert expected in lines
    assert error.endswith("nothing was written.")
    assert not PartnerCity.objects.exists()
    assert not Agreement.objects.exists()


def test_every_problem_in_the_file_is_reported_at_once(tmp_path):
    lines, error = run_import(
        tmp_path,
        document(
            cities=[
                {**LEUVEN, "population": 100000},
                {"id": "Bad Id", "name_en": "X", "name_pl": "X", "country": "FR"},
            ],
            activities=[{"id": "a", "tool": 16, "title_pl": "T", "title_en": "T", "starts_on": "2024-02-30"}],
        ),
    )

    assert lines == [
        "cities[leuven].population: unknown key",
        "cities[Bad Id].id: must be a slug of lower-case letters, digits and hyphens, at most 64 characters",
        "activities[a].tool: must be a number from 1 to 15",
        "activities[a].starts_on: must be a date as YYYY-MM-DD, YYYY-MM or YYYY, not '2024-02-30'",
    ]
    assert error == "4 problems found; nothing was written."


def test_an_unknown_reference_names_the_id(tmp_path):
    lines, _ = run_import(tmp_path, document(agreements=[agreement("a", "atlantis")]))

    assert lines == ["agreements[a].city: unknown reference 'atlantis'"]


def test_a_reference_to_an_existing_record_is_resolved(tmp_path):
    PartnerCityFactory(slug="leuven", country="BE")

    _, error = run_import(tmp_path, document(agreements=[agreement("a", "leuven")]))

    assert error is None
    assert Agreement.objects.get().city.slug == "leuven"


def test_a_duplicate_id_in_a_section_is_refused(tmp_path):
    lines, _ = run_import(tmp_path, document(cities=[LEUVEN, LEUVEN]))

    assert lines == ["cities[leuven].id: appears twice in the section"]


def test_an_invalid_record_leaves_existing_records_untouched(tmp_path):
    AgreementFactory(slug="kept", city=PartnerCityFactory(slug="leuven", name_en="Leuven", country="BE"))

    run_import(tmp_path, document(cities=[{**LEUVEN, "name_en": "Changed"}, {**NUREMBERG, "country": "PL"}]))

    assert PartnerCity.objects.get(slug="leuven").name_en == "Leuven"
    assert PartnerCity.objects.count() == 1


def test_dry_run_validates_without_writing(tmp_path):
    lines, error = run_import(tmp_path, document(cities=[LEUVEN]), "--dry-run")

    assert error is None
    assert lines == ["Dry run, nothing written: 1 records created, 0 replaced."]
    assert not PartnerCity.objects.exists()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (
            b'{"format": "krakow-relations/2", "cities": [',
            "is not valid JSON: Expecting value at line 1, column 45",
        ),
        (
            b'{"format": "krakow-relations/3"}',
            "the document's format must be krakow-relations/2 (or krakow-relations/1), not "
            "'krakow-relations/3'",
        ),
        (b"[]", "the document must be a JSON object"),
        (b'{"format": "krakow-relations/2", "towns": []}', "unknown sections: towns"),
        (b'{"format": "krakow-relations/2", "cities": {}}', "section cities must be a list of objects"),
        (
            '{"format": "krakow-relations/2", "x": "Łódź"}'.encode("latin-1", "replace") + b"\xff",
            "is not UTF-8 text",
        ),
    ],
    ids=[
        "malformed-json",
        "wrong-format",
        "not-an-object",
        "unknown-section",
        "section-not-a-list",
        "not-utf8",
    ],
)
def test_an_unreadable_document_gets_one_clear_line(tmp_path, content, message):
    lines, error = run_import(tmp_path, content)

    assert message in error
    assert "\n" not in error
    assert lines == []


def test_a_missing_file_gets_one_clear_line(tmp_path):
    with pytest.raises(CommandError, match=r"^cannot read .*missing\.json: No such file or directory$"):
        call_command("import_registry", str(tmp_path / "missing.json"))


def test_the_command_exits_non_zero_without_a_traceback(tmp_path):
    import subprocess
    import sys

    path = tmp_path / "bad.json"
    path.write_text('{"format": "krakow-relations/2", "cities": [{"id": "x"}]}')

    completed = subprocess.run(
        [sys.executable, "manage.py", "import_registry", str(path), "--dry-run"],
        capture_output=True,
        text=True,
        env={"DEBUG": "1", "PATH": "/usr/bin:/bin", "DATABASE_URL": "sqlite:///:memory:"},
        check=False,
    )

    assert completed.returncode == 1
    assert "Traceback" not in completed.stderr


def test_a_long_import_shows_its_progress(tmp_path):
    lines, error = run_import(tmp_path, document(cities=[NUREMBERG, LEIPZIG, LEUVEN]), "--progress")

    assert error is None
    assert "3/3" in "".join(lines)
