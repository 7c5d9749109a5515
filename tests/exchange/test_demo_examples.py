"""`manage.py load_demo`: the public record's facts, then the made-up examples of the officer's daily work, kept
in a file of their own: every one an example where its model can say so, none public, nobody real."""

import json
from io import StringIO

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import override_settings

from agenda.models import FollowUp
from contacts.models import Contact
from correspondence.models import Letter
from exchange.format import export_registry
from exchange.management.commands.load_demo import DEMO_USERNAME, examples_file
from institutions.models import DiplomaticPost, PolishOrganisation
from programmes.models import Activity
from tests.conftest import shared_by_the_tests
from visits.models import Visit

EXAMPLE_MODELS = {
    "activities": Activity,
    "contacts": Contact,
    "visits": Visit,
    "letters": Letter,
    "follow_ups": FollowUp,
}
NEW_KINDS = [*EXAMPLE_MODELS.values(), DiplomaticPost, PolishOrganisation]


@pytest.fixture(scope="class")
def demo(request, django_db_setup, django_db_blocker):
    """The demo as `make run` loads it, once for the tests of the class."""
    with shared_by_the_tests(request, django_db_blocker):
        with django_db_blocker.unblock(), override_settings(DEBUG=True):
            call_command("load_demo", stdout=StringIO(), stderr=StringIO())
        yield json.loads(examples_file().read_text(encoding="utf-8"))


@pytest.mark.django_db
class TestDemoExamples:
    def test_every_new_kind_has_samples(self, demo):
        assert [model.__name__ for model in NEW_KINDS if not model.objects.exists()] == []

    def test_every_sample_is_an_example_and_none_is_public(self, demo):
        for name, model in EXAMPLE_MODELS.items():
            samples = model.objects.filter(slug__in=[record["id"] for record in demo[name]])
            assert samples.count() == len(demo[name]) > 0, name
            assert not samples.filter(is_example=False).exists(), name
        assert not Visit.objects.filter(is_public=True).exists()
        assert not Activity.objects.filter(is_example=True, is_public=True).exists()

    def test_the_people_are_fictitious_at_example_org(self, demo):
        assert {email.rsplit("@", 1)[1] for email in Contact.objects.values_list("email", flat=True)} == {
            "example.org"
        }

    def test_the_follow_ups_are_the_demo_users(self, demo):
        assert set(FollowUp.objects.values_list("owner__username", flat=True)) == {DEMO_USERNAME}

    def test_the_public_records_file_holds_none_of_the_examples(self, demo):
        public_record = json.loads(settings.DEMO_REGISTRY_FILE.read_text(encoding="utf-8"))
        sample_ids = {
            record["id"] for records in demo.values() if isinstance(records, list) for record in records
        }

        assert public_record["personal_data"] is False
        assert {
            record["id"]
            for records in public_record.values()
            if isinstance(records, list)
            for record in records
        }.isdisjoint(sample_ids)

    def test_the_examples_file_is_as_export_writes_it(self, demo):
        exported = export_registry(personal_data=True)

        for name, records in demo.items():
            if isinstance(records, list):
                ids = {record["id"] for record in records}
                assert [record for record in exported[name] if record["id"] in ids] == records, name
