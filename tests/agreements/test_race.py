"""Two officers saving at the same moment cannot break the council's rules: the database decides."""

import threading

import pytest
from django.db import connection
from django.utils import translation

from agreements.models import Agreement
from exchange.format import import_registry
from tests.partners.factories import PartnerCityFactory


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_concurrent_twinnings_in_one_country_exactly_one_succeeds(monkeypatch):
    PartnerCityFactory(slug="nuremberg", country="DE")
    PartnerCityFactory(slug="leipzig", country="DE")
    both_validated = threading.Barrier(2, timeout=20)
    waited = threading.local()
    validate = Agreement.full_clean

    def validate_then_wait_for_the_other(self, *args, **kwargs):
        validate(self, *args, **kwargs)  # each sees no twin city in Germany yet ...
        if not getattr(waited, "once", False):
            waited.once = True
            both_validated.wait()  # ... and only then do both write

    monkeypatch.setattr(Agreement, "full_clean", validate_then_wait_for_the_other)
    results = {}

    def import_twinning(city):
        document = {
            "format": "krakow-relations/2",
            "agreements": [
                {
                    "id": f"{city}-twinning",
                    "city": city,
                    "kind": "twinning",
                    "status": "in_force",
                    "council_resolution": {"number": "XII/123/90", "date": "1990-09-12"},
                    "signed_on": "1991-06-01",
                }
            ],
        }
        try:
            with translation.override("en"):
                results[city] = import_registry(document)
        finally:
            connection.close()

    threads = [threading.Thread(target=import_twinning, args=(city,)) for city in ("nuremberg", "leipzig")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    outcomes = sorted(bool(result.problems) for result in results.values())
    assert outcomes == [False, True]
    (loser,) = [result for result in results.values() if result.problems]
    winner = Agreement.objects.get(kind="twinning", country="DE").city
    messages = [problem.message for problem in loser.problems]
    assert messages == [f"Krakow already has a twin city in Germany: {winner.name}."]
    assert Agreement.objects.filter(kind="twinning", country="DE").count() == 1


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_an_admin_save_that_loses_the_race_shows_the_rule_instead_of_an_error(
    client, admin_user, monkeypatch
):
    from agreements.admin import AgreementAdmin
    from tests.agreements.factories import AgreementFactory

    client.force_login(admin_user)
    leipzig = PartnerCityFactory(country="DE")
    save = AgreementAdmin.save_model

    def colleague_saves_first(self, request, obj, form, change):
        def colleague():
            try:
                AgreementFactory(kind="twinning", city=PartnerCityFactory(name_en="Nuremberg", country="DE"))
            finally:
                connection.close()

        if not Agreement.objects.filter(city__name_en="Nuremberg").exists():
            thread = threading.Thread(target=colleague)
            thread.start()
            thread.join()
        save(self, request, obj, form, change)

    monkeypatch.setattr(AgreementAdmin, "save_model", colleague_saves_first)
    from tests.agreements.test_admin import agreement_form

    response = client.post("/en/admin/agreements/agreement/add/", agreement_form(leipzig))

    assert response.status_code == 200
    assert response.context["adminform"].form.errors["city"] == [
        "Krakow already has a twin city in Germany: Nuremberg."
    ]
    assert list(Agreement.objects.values_list("city__name_en", flat=True)) == ["Nuremberg"]
