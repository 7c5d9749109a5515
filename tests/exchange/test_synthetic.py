"""The synthetic registry that `make bench` measures is valid: every record it adds passes the models' own
rules, as staff work would have to."""

import io

import pytest
from django.core.management import call_command

from agreements.choices import WorkingDocumentKind
from agreements.models import Agreement, WorkingDocument
from memberships.models import Association, Membership
from partners.models import PartnerCity
from programmes.models import Activity, ProgrammeParticipation

pytestmark = pytest.mark.django_db

MODELS = [PartnerCity, Agreement, WorkingDocument, ProgrammeParticipation, Association, Membership, Activity]


def test_every_synthetic_record_keeps_the_rules_of_its_kind():
    call_command("generate_synthetic", scale=1, cities=30, stderr=io.StringIO())

    for model in MODELS:
        records = list(model.objects.all())
        assert records, model
        for record in records:
            record.full_clean()
    # The working documents' kinds that the rules treat apart are among them.
    kinds = set(WorkingDocument.objects.values_list("kind", flat=True))
    assert {WorkingDocumentKind.NO_DOCUMENT, WorkingDocumentKind.OTHER} <= kinds
    assert not WorkingDocument.objects.filter(kind=WorkingDocumentKind.NO_DOCUMENT, signed_on__isnull=False)
