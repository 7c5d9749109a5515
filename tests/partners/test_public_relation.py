"""A city's stored public relation follows every write of its agreements and working documents.

The public lists read the relation from the city's row (PartnerCity.public_relation and its dates); these
tests write records through each door there is and compare the row with what the records give.
"""

import datetime
import threading
import time

import pytest
from django.db import connection, transaction

from agreements.choices import AgreementKind, AgreementStatus
from agreements.models import Agreement, WorkingDocument
from agreements.services import agreement_terminate
from partners.models import PUBLIC_RELATION_FIELDS, PartnerCity
from partners.selectors import public_relation_derived
from partners.services import partner_city_refresh_public_relations
from tests.agreements.factories import AgreementFactory, WorkingDocumentFactory
from tests.locks import a_session_waits_for_a_lock
from tests.partners.factories import PartnerCityFactory

pytestmark = pytest.mark.django_db

SIGNED = datetime.date(1991, 6, 1)
NO_RELATION = ("", False, None, None)


def stored(city):
    """The relation on the city's row: (relation, is current, since, until)."""
    return PartnerCity.objects.values_list(*PUBLIC_RELATION_FIELDS).get(pk=city.pk)


def derived(city):
    """The relation the city's records give it, worked out afresh."""
    expressions = {f"derived_{name}": expression for name, expression in public_relation_derived().items()}
    return PartnerCity.objects.annotate(**expressions).values_list(*expressions).get(pk=city.pk)


def in_step(city):
    relation = stored(city)
    assert relation == derived(city)
    return relation


class TestAgreements:
    def test_a_signed_public_agreement_gives_its_city_the_relation(self):
        agreement = AgreementFactory(kind=AgreementKind.TWINNING)
        assert in_step(agreement.city) == ("twin_city", True, SIGNED, None)

    def test_an_agreement_in_negotiation_gives_none(self):
        agreement = AgreementFactory(
            status=AgreementStatus.NEGOTIATION, signed_on=None, resolution_number="", resolution_date=None
        )
        assert in_step(agreement.city) == NO_RELATION

    def test_a_non_public_agreement_gives_none(self):
        agreement = AgreementFactory()
        agreement.is_public = False
        agreement.save()
        assert in_step(agreement.city) == NO_RELATION

    def test_terminating_through_the_lifecycle_ends_the_relation(self, admin_user):
        agreement = AgreementFactory()
        ended = datetime.date(2020, 1, 31)
        agreement_terminate(agreement=agreement, terminated_on=ended, reason="Expired.", user=admin_user)
        assert in_step(agreement.city) == ("partner_city", False, SIGNED, ended)

    def test_the_highest_current_relation_wins(self):
        city = PartnerCityFactory()
        AgreementFactory(city=city, kind=AgreementKind.PARTNERSHIP)
        AgreementFactory(city=city, kind=AgreementKind.TWINNING, signed_on=datetime.date(2001, 1, 1))
        assert in_step(city) == ("twin_city", True, datetime.date(2001, 1, 1), None)

    def test_deleting_an_agreement_takes_its_relation_away(self):
        agreement = AgreementFactory()
        agreement.delete()
        assert in_step(agreement.city) == NO_RELATION

    def test_an_agreement_reverted_from_its_history_to_another_city_changes_both(self):
        agreement = AgreementFactory()
        first_city = agreement.city
        agreement.city = PartnerCityFactory()
        agreement.save()
        reverted = agreement.history.earliest().instance  # built from the entry, not read from the table
        reverted.save()
        assert in_step(first_city)[0] == "partner_city"
        assert in_step(agreement.city) == NO_RELATION

    def test_an_agreement_moved_to_another_city_changes_both(self):
        agreement = AgreementFactory()
        first_city = agreement.city
        agreement = Agreement.objects.get(pk=agreement.pk)
        agreement.city = PartnerCityFactory()
        agreement.save()
        assert in_step(first_city) == NO_RELATION
        assert in_step(agreement.city) == ("partner_city", True, SIGNED, None)


class TestBulkWrites:
    def test_bulk_create_gives_each_city_its_relation(self):
        cities = PartnerCityFactory.create_batch(2)
        Agreement.objects.bulk_create(AgreementFactory.build(city=city) for city in cities)
        assert [in_step(city)[0] for city in cities] == ["partner_city", "partner_city"]

    def test_bulk_update_refreshes_the_cities_written(self):
        agreements = AgreementFactory.create_batch(2)
        for agreement in agreements:
            agreement.is_public = False
        Agreement.objects.bulk_update(agreements, ["is_public"])
        assert [in_step(agreement.city) for agreement in agreements] == [NO_RELATION, NO_RELATION]

    def test_a_queryset_update_and_delete_refresh_the_cities_written(self):
        kept, deleted = AgreementFactory.create_batch(2)
        Agreement.objects.filter(pk=kept.pk).update(status=AgreementStatus.SUSPENDED)
        Agreement.objects.filter(pk=deleted.pk).delete()
        assert in_step(kept.city) == ("partner_city", True, SIGNED, None)
        assert in_step(deleted.city) == NO_RELATION

    def test_moving_records_in_bulk_refreshes_both_cities(self):
        agreement = AgreementFactory()
        other = PartnerCityFactory()
        Agreement.objects.filter(pk=agreement.pk).update(city=other)
        assert in_step(agreement.city) == NO_RELATION
        assert in_step(other)[0] == "partner_city"

    def test_an_update_of_fields_the_relation_does_not_read_costs_no_refresh(self, django_assert_num_queries):
        agreement = AgreementFactory()
        with django_assert_num_queries(1):
            Agreement.objects.filter(pk=agreement.pk).update(signatories="The Mayors")


class TestWorkingDocuments:
    def test_a_public_document_is_cooperation_until_it_ends(self):
        document = WorkingDocumentFactory()
        assert in_step(document.city) == ("cooperation", True, document.signed_on, None)
        document.ended_on = datetime.date(2019, 12, 31)
        document.save()
        assert in_step(document.city) == ("cooperation", False, document.signed_on, document.ended_on)

    def test_a_document_formalized_by_a_public_agreement_is_that_agreement(self):
        agreement = AgreementFactory()
        document = WorkingDocumentFactory(city=agreement.city, signed_on=datetime.date(1989, 1, 1))
        document.formalized_by = agreement
        document.save()
        assert in_step(agreement.city) == ("partner_city", True, SIGNED, None)

    def test_the_formalizing_agreement_made_non_public_leaves_the_document_standing_for_itself(self):
        agreement = AgreementFactory()
        document = WorkingDocumentFactory(city=agreement.city, formalized_by=agreement)
        agreement.is_public = False
        agreement.save()
        assert in_step(agreement.city) == ("cooperation", True, document.signed_on, None)

    def test_a_formalizing_agreement_in_another_city_refreshes_the_documents_city_too(self):
        agreement = AgreementFactory()
        document = WorkingDocumentFactory(formalized_by=agreement)  # another city: clean() is not run here
        assert in_step(document.city) == NO_RELATION  # the public agreement stands for the document
        agreement.is_public = False
        agreement.save()
        assert in_step(document.city)[0] == "cooperation"
        Agreement.objects.filter(pk=agreement.pk).update(is_public=True)
        assert in_step(document.city) == NO_RELATION

    def test_a_related_managers_bulk_write_refreshes_too(self):
        document = WorkingDocumentFactory()
        first_city, other = document.city, PartnerCityFactory()
        other.working_documents.add(document)  # one UPDATE, through the base manager
        assert in_step(first_city) == NO_RELATION
        assert in_step(other)[0] == "cooperation"

    def test_a_non_public_document_deleted_in_bulk_leaves_nothing_behind(self):
        document = WorkingDocumentFactory()
        WorkingDocument.objects.filter(pk=document.pk).delete()
        assert in_step(document.city) == NO_RELATION


class TestTheCityRow:
    def test_a_city_read_before_its_agreement_changed_does_not_write_its_old_relation_back(self):
        city = PartnerCityFactory()
        city = PartnerCity.objects.get(pk=city.pk)  # read with no relation ...
        AgreementFactory(city=city)  # ... which a colleague's agreement then gives it
        city.name_en = "Renamed"
        city.save()
        assert in_step(city) == ("partner_city", True, SIGNED, None)

    def test_a_refresh_leaves_no_entry_in_the_citys_history(self):
        city = PartnerCityFactory()
        AgreementFactory(city=city)
        assert in_step(city)[0] == "partner_city"
        assert city.history.count() == 1

    def test_a_city_deleted_and_restored_from_its_history_gets_its_relation_again(self):
        city = PartnerCityFactory()
        entry = city.history.get()
        city.delete()
        restored = entry.instance
        restored._state.adding = False  # as simple-history's revert form hands it over
        restored.save()
        AgreementFactory(city=restored)
        assert in_step(restored)[0] == "partner_city"

    def test_the_public_list_reads_the_stored_relation(self):
        from partners.selectors import partner_city_list_public

        city = AgreementFactory().city
        PartnerCity.objects.filter(pk=city.pk).update(public_relation="twin_city")
        assert partner_city_list_public().get(pk=city.pk).relation == "twin_city"

    def test_refreshing_every_city_repairs_a_row_written_behind_the_models_back(self):
        agreement = AgreementFactory()
        PartnerCity.objects.filter(pk=agreement.city.pk).update(public_relation="")
        partner_city_refresh_public_relations()
        assert in_step(agreement.city)[0] == "partner_city"


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_transactions_writing_one_citys_records_at_once_leave_its_relation_in_step():
    """The second refresh waits for the first transaction and then sees both records.

    One officer terminates the city's partnership while another records a working document with it. Each
    alone would leave a relation the other's record contradicts (an ended partnership; a current one).
    """
    agreement = AgreementFactory()
    city = agreement.city
    terminated, commit = threading.Event(), threading.Event()

    def terminate():
        try:
            with transaction.atomic():
                agreement.status = AgreementStatus.TERMINATED
                agreement.terminated_on = datetime.date(2020, 1, 31)
                agreement.save()
                terminated.set()
                commit.wait(timeout=20)
        finally:
            connection.close()

    def record_document():
        try:
            terminated.wait(timeout=20)
            WorkingDocumentFactory(city=city, signed_on=datetime.date(2021, 5, 1))
        finally:
            connection.close()

    threads = [threading.Thread(target=terminate), threading.Thread(target=record_document)]
    for thread in threads:
        thread.start()
    assert terminated.wait(timeout=20)
    deadline = time.monotonic() + 20
    while not a_session_waits_for_a_lock() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert a_session_waits_for_a_lock(), "the document's refresh should wait for the termination to commit"
    commit.set()
    for thread in threads:
        thread.join(timeout=30)
    assert in_step(city) == ("cooperation", True, datetime.date(2021, 5, 1), None)
