"""The admin shows a person, a letter, a visit and a follow-up only to administrators and to the officers of
their city: not to a council member nor to an officer of another city, on no page of any model (its list, a
record's page and history, the autocomplete behind every autocompleted field, the city's own page).

Every model the admin registers and every record of each is tried; the same walk shows the administrator and
the city's officer every secret, so the test fails if the data were simply absent.
"""

import pytest
from django.apps import apps
from django.contrib import admin
from django.urls import NoReverseMatch, reverse

from registry.permissions import PRIVATE

from .conftest import SECRETS, leaks
from .walk import text_of

pytestmark = pytest.mark.django_db


def admin_pages(client):
    """{address: (status, text)} of the admin's index, each model's list, each record's page and history,
    and each autocompleted field's choices."""
    pages = {}

    def visit(address, query=None):
        response = client.get(address, query)
        key = (
            f"{address}?{'&'.join(f'{name}={value}' for name, value in query.items())}" if query else address
        )
        pages[key] = (response.status_code, text_of(response))

    visit(reverse("admin:index"))
    for model in apps.get_models():
        if not admin.site.is_registered(model):
            continue
        opts = model._meta
        prefix = f"admin:{opts.app_label}_{opts.model_name}"
        visit(reverse(f"{prefix}_changelist"))
        for pk in model._base_manager.values_list("pk", flat=True):
            for view in ("change", "history"):
                try:
                    visit(reverse(f"{prefix}_{view}", args=[pk]))
                except NoReverseMatch:
                    continue
        for field in admin.site.get_model_admin(model).autocomplete_fields:
            query = {
                "app_label": opts.app_label,
                "model_name": opts.model_name,
                "field_name": field,
                "term": "",
            }
            visit(reverse("admin:autocomplete"), query)
    return pages


def private_record_pages(world):
    return [
        reverse(f"admin:{record._meta.app_label}_{record._meta.model_name}_change", args=[record.pk])
        for record in world.values()
        if record._meta.label_lower in PRIVATE
    ]


@pytest.mark.parametrize("role", ["council_member", "other_officer"])
def test_no_admin_page_gives_a_secret_away(client, world, users, role):
    client.force_login(users[role])

    pages = admin_pages(client)

    leaked = {address: leaks(text) for address, (_status, text) in pages.items() if leaks(text)}
    assert leaked == {}
    for address in private_record_pages(world):
        assert pages[address][0] in (302, 403, 404), address
    city_page = reverse("admin:partners_partnercity_change", args=[world["city"].pk])
    assert pages[city_page][0] in (200, 403)
    if role == "other_officer":
        assert pages[city_page][0] == 200 and "Nuremberg" in pages[city_page][1]


@pytest.mark.parametrize("role", ["assigned_officer", "administrator"])
def test_the_citys_officer_and_an_administrator_see_every_secret(client, world, users, role):
    client.force_login(users[role])

    pages = admin_pages(client)

    assert sorted(leaks("\n".join(text for _status, text in pages.values()))) == sorted(SECRETS)
    contact = reverse("admin:contacts_contact_change", args=[world["contact"].pk])
    assert pages[contact][0] == 200
    for secret in ("contact name", "contact e-mail", "contact phone"):
        assert SECRETS[secret] in pages[contact][1]
