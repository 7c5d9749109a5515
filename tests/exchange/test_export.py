"""`manage.py export_registry`, and the demo registry that `make run` loads."""

import json
from io import StringIO

import pytest
from django.conf import settings
from django.core.management import call_command

from agreements.models import Agreement
from exchange.format import dump_document, export_registry, sections
from partners.models import PartnerCity

pytestmark = pytest.mark.django_db


def export_text():
    stdout, stderr = StringIO(), StringIO()
    call_command("export_registry", stdout=stdout, stderr=stderr)
    assert stderr.getvalue() == ""
    return stdout.getvalue()


def load_demo_registry():
    call_command("import_registry", str(settings.DEMO_REGISTRY_FILE), stderr=StringIO())


def test_the_demo_registry_imports_cleanly():
    load_demo_registry()

    twin_cities = Agreement.objects.filter(kind="twinning").values_list("city__slug", flat=True)
    assert sorted(twin_cities) == ["kyiv", "leuven", "milan", "nuremberg"]
    honorary = Agreement.objects.filter(kind="honorary_title").values_list("city__slug", flat=True)
    assert sorted(honorary) == ["curitiba", "kyoto", "la-serena", "quito"]
    terminated = Agreement.objects.get(city__slug="saint-petersburg")
    assert (terminated.status, str(terminated.terminated_on)) == ("terminated", "2022-09-16")
    assert PartnerCity.objects.count() == 39


def test_export_of_the_demo_registry_is_the_demo_file_itself():
    load_demo_registry()

    assert export_text() == settings.DEMO_REGISTRY_FILE.read_text(encoding="utf-8")


def test_export_import_into_an_empty_registry_export_is_the_identity(tmp_path):
    load_demo_registry()
    first = export_text()
    path = tmp_path / "export.json"
    path.write_text(first, encoding="utf-8")

    for section in reversed(sections()):
        delete_every_record(section.model)
    assert json.loads(dump_document(export_registry()))["cities"] == []

    call_command("import_registry", str(path), stderr=StringIO())

    assert export_text() == first


def delete_every_record(model):
    """Delete the model's records, each after those that name it as the one they follow (a protected key)."""
    remaining = model.objects.all()
    while remaining.exists():
        if model is Agreement:
            remaining.filter(successors=None).delete()
        else:
            remaining.delete()


def test_export_to_a_file_reports_on_standard_error(tmp_path):
    load_demo_registry()
    stdout, stderr = StringIO(), StringIO()

    call_command("export_registry", "-o", str(tmp_path / "out.json"), stdout=stdout, stderr=stderr)

    assert stdout.getvalue() == ""
    assert "out.json" in stderr.getvalue()
    assert json.loads((tmp_path / "out.json").read_text())["format"] == "krakow-relations/2"


def test_export_leaves_out_defaults_and_names_records_by_id():
    from tests.agreements.factories import AgreementFactory

    AgreementFactory(slug="nuremberg-twinning", city__slug="nuremberg", kind="twinning")

    (record,) = json.loads(export_text())["agreements"]

    assert record == {
        "id": "nuremberg-twinning",
        "city": "nuremberg",
        "kind": "twinning",
        "status": "in_force",
        "council_resolution": {"number": "XII/123/90", "date": "1990-09-12"},
        "signed_on": "1991-06-01",
    }
