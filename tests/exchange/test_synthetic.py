"""The synthetic registry that `make bench` measures is valid: every record it adds passes the models' own
rules, as staff work would have to."""

import io

import pytest
from django.core.management import call_command

from agreements.choices import AgreementStatus, Succession, WorkingDocumentKind
from agreements.models import Agreement, WorkingDocument
from memberships.models import Association, Membership
from partners.models import CityName, PartnerCity
from programmes.models import Activity, ProgrammeParticipation
from registry.search import folded_names
from registry.terms import Term

pytestmark = pytest.mark.django_db

MODELS = [
    PartnerCity,
    CityName,
    Agreement,
    WorkingDocument,
    ProgrammeParticipation,
    Association,
    Membership,
    Activity,
]


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


def test_synthetic_cities_are_searched_by_every_name_and_agreements_renew_and_run_for_terms():
    call_command("generate_synthetic", scale=1, cities=60, stderr=io.StringIO())

    for city in PartnerCity.objects.all():
        assert city.search_names == folded_names(city.names()), city.slug
    assert CityName.objects.exists()
    renewals = Agreement.objects.filter(follows_as=Succession.RENEWAL).select_related("follows")
    assert renewals.exists()
    assert {renewal.follows.status for renewal in renewals} == {AgreementStatus.TERMINATED}
    terms = set(Agreement.objects.values_list("term", flat=True))
    assert {Term.FIXED, Term.RENEWING, Term.NOT_RECORDED} <= terms
    assert WorkingDocument.objects.filter(term=Term.FIXED).exists()
