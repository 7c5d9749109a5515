"""Two people editing one record: the second save is refused with a clear message, never silently lost."""

import re
import threading

import pytest
from django.db import connection
from django.test import Client

from partners.models import PartnerCity
from tests.admin_forms import NO_ATTACHMENTS
from tests.partners.factories import PartnerCityFactory
from tests.partners.test_admin import city_form

URL = "/en/admin/partners/partnercity/kyoto/change/"


def opened_form(client):
    """The change form as the browser got it: its hidden change marker."""
    page = client.get(URL).text
    return re.search(r'name="opened_at_change" value="(\d+)"', page).group(1)


def save(client, opened_at, **fields):
    return client.post(URL, {**city_form(**fields), **NO_ATTACHMENTS, "opened_at_change": opened_at})


@pytest.fixture
def kyoto(db):
    return PartnerCityFactory(slug="kyoto", name_en="Kyoto", name_pl="Kioto", country="JP")


@pytest.fixture
def colleague(django_user_model):
    user = django_user_model.objects.create_superuser("colleague", password="colleague-pass-1")
    client = Client()
    client.force_login(user)
    return client


@pytest.mark.django_db
def test_a_save_over_a_colleagues_newer_change_is_refused(admin_client, colleague, kyoto):
    mine = opened_form(admin_client)
    theirs = opened_form(colleague)
    assert save(colleague, theirs, name_pl="Kioto (ich)").status_code == 302

    response = save(admin_client, mine, name_pl="Kioto (moje)")

    assert response.status_code == 200
    assert "colleague changed this record at" in response.text
    assert "Your changes are not saved" in response.text
    assert PartnerCity.objects.get().name_pl == "Kioto (ich)"


@pytest.mark.django_db
def test_saving_after_reloading_works(admin_client, colleague, kyoto):
    assert save(colleague, opened_form(colleague), name_pl="Kioto (ich)").status_code == 302

    assert save(admin_client, opened_form(admin_client), name_pl="Kioto (moje)").status_code == 302
    assert PartnerCity.objects.get().name_pl == "Kioto (moje)"


@pytest.mark.django_db
def test_saving_twice_from_one_form_is_a_conflict_with_oneself_too(admin_client, kyoto):
    opened_at = opened_form(admin_client)
    assert save(admin_client, opened_at, name_pl="Kioto 1").status_code == 302

    assert save(admin_client, opened_at, name_pl="Kioto 2").status_code == 200


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_saves_at_the_same_moment_one_wins_and_the_other_is_told(admin_client, colleague, kyoto):
    opened_at = opened_form(admin_client)
    changes_before = PartnerCity.history.count()
    start = threading.Barrier(2)
    statuses = {}

    def edit(name, client):
        start.wait()
        try:
            statuses[name] = save(client, opened_at, name_pl=f"Kioto ({name})").status_code
        finally:
            connection.close()

    threads = [threading.Thread(target=edit, args=item) for item in [("a", admin_client), ("b", colleague)]]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(statuses.values()) == [200, 302]
    winner = next(name for name, status in statuses.items() if status == 302)
    assert PartnerCity.objects.get().name_pl == f"Kioto ({winner})"
    assert PartnerCity.history.count() == changes_before + 1
