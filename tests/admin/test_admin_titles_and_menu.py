"""The Polish admin speaks Polish: titles with the model's name in the right case, the registry's own sections
first in the menu, and no English name left in it."""

import pytest
from django.apps import apps
from django.contrib import admin
from django.test import RequestFactory
from django.urls import reverse
from django.utils import translation

from registry.admin import AccusativeTitlesAdmin
from tests.agreements.factories import AgreementFactory

pytestmark = pytest.mark.django_db

REGISTERED = [model for model in apps.get_models() if admin.site.is_registered(model)]


@pytest.mark.parametrize("model", REGISTERED, ids=lambda model: model._meta.label)
def test_every_registered_model_names_itself_for_the_titles(admin_client, model):
    model_admin = admin.site.get_model_admin(model)
    assert isinstance(model_admin, AccusativeTitlesAdmin)
    assert model_admin.accusative_name is not None
    with translation.override("pl"):
        name = str(model_admin.accusative_name)
        pages = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")

    title = admin_client.get(pages).context["title"]

    assert title in (f"Wybierz {name} do zmiany", f"Wybierz {name} do obejrzenia"), title


def test_the_agreements_list_asks_to_select_an_agreement_in_the_accusative(admin_client):
    response = admin_client.get("/pl/admin/agreements/agreement/")

    assert response.context["title"] == "Wybierz umowę do zmiany"
    assert "Dodaj umowę" in response.text


def test_the_agreement_pages_are_titled_in_the_accusative(admin_client):
    agreement = AgreementFactory(slug="nuremberg-partnership")

    added = admin_client.get("/pl/admin/agreements/agreement/add/")
    changed = admin_client.get(f"/pl/admin/agreements/agreement/{agreement.slug}/change/")

    assert added.context["title"] == "Dodaj umowę"
    assert changed.context["title"] == "Zmień umowę"


@pytest.mark.parametrize(
    ("path", "title"),
    [
        ("contacts/contact", "Wybierz osobę do zmiany"),
        ("institutions/diplomaticpost", "Wybierz placówkę dyplomatyczną lub instytut kultury do zmiany"),
        ("agenda/followup", "Wybierz zadanie do wykonania do zmiany"),
        ("auth/user", "Wybierz użytkownika do zmiany"),
        ("axes/accessattempt", "Wybierz próbę dostępu do zmiany"),
    ],
)
def test_other_lists_are_titled_in_the_accusative_too(admin_client, path, title):
    assert admin_client.get(f"/pl/admin/{path}/").context["title"] == title


def test_the_english_titles_stay_djangos(admin_client):
    assert (
        admin_client.get("/en/admin/agreements/agreement/").context["title"] == "Select agreement to change"
    )


def app_list(admin_user):
    request = RequestFactory().get("/pl/admin/")
    request.user = admin_user
    return admin.site.get_app_list(request)


def test_the_registrys_own_sections_come_first_and_the_login_audit_last(admin_user):
    labels = [app["app_label"] for app in app_list(admin_user)]

    assert labels[0] == "partners"
    assert labels[-2:] == ["auth", "axes"]


def test_no_name_in_the_polish_menu_is_left_in_english(admin_user):
    def names():
        return {
            (app["app_label"], model): str(name)
            for app in app_list(admin_user)
            for model, name in [(None, app["name"]), *((m["object_name"], m["name"]) for m in app["models"])]
        }

    with translation.override("en"):
        english = names()
    with translation.override("pl"):
        polish = names()

    assert [name for key, name in polish.items() if name == english[key]] == []
