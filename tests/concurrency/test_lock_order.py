"""Writes of a city and of its records lock the city first, then the records, whichever starts them, so that two
transactions never hold one lock each of the pair and wait for the other's (PostgreSQL ends one of them with a
deadlock error: a 500 for the officer who saved).

The test lets the first transaction write its record and holds it just before it refreshes the city's public
relation, until the second one waits for a lock; then lets it go on. With the record locked before the city,
the first transaction's refresh waited for the second, which waited for the first.
"""

import threading
import time

import pytest
from django.db import connection

from agreements import models as agreement_models
from agreements.models import Agreement
from partners.models import PartnerCity
from tests.agreements.factories import AgreementFactory
from tests.locks import a_session_waits_for_a_lock
from tests.partners.factories import PartnerCityFactory

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def held_before_the_refresh(monkeypatch):
    """Run `first` in this thread and, once it has written its record, `second` in another; `first` goes on to
    refresh the city once `second` waits for a lock (or after 10 s). The errors of each, by name."""

    def run(first, second):
        refresh = agreement_models._refresh_public_relations
        main = threading.current_thread()
        errors = {}
        others = []

        def in_a_thread():
            try:
                second()
            except Exception as error:
                errors["second"] = error
            finally:
                connection.close()

        def refresh_once_the_second_waits(city_ids=None):
            if threading.current_thread() is main and not others:
                others.append(threading.Thread(target=in_a_thread))
                others[0].start()
                deadline = time.monotonic() + 10
                while not a_session_waits_for_a_lock() and time.monotonic() < deadline:
                    time.sleep(0.05)
            refresh(city_ids)

        monkeypatch.setattr(agreement_models, "_refresh_public_relations", refresh_once_the_second_waits)
        try:
            first()
        except Exception as error:
            errors["first"] = error
        for thread in others:
            thread.join(timeout=30)
        assert others, "the first transaction never reached its refresh"
        return errors

    return run


def test_a_city_moved_to_another_country_while_one_of_its_agreements_is_saved(held_before_the_refresh):
    agreement = AgreementFactory(city=PartnerCityFactory(country="DE"))
    city = PartnerCity.objects.get(pk=agreement.city_id)

    def save_the_agreement():
        agreement.notes = "Renewed in 2026."
        agreement.save()

    def move_the_city():
        city.country = "AT"
        city.save()

    errors = held_before_the_refresh(save_the_agreement, move_the_city)

    assert errors == {}
    saved = Agreement.objects.get(pk=agreement.pk)
    assert (saved.notes, saved.country) == ("Renewed in 2026.", "AT")
