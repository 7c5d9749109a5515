"""Every free text of the registry has one limit, declared on its model field, that every door holds."""

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import models

from registry.models import TEXT_MAX_LENGTH

REGISTRY_APPS = ("registry", "partners", "agreements", "programmes", "memberships")
TEXT_FIELDS = [
    field
    for app in REGISTRY_APPS
    for model in apps.get_app_config(app).get_models()
    if not model.__name__.startswith("Historical")
    for field in model._meta.concrete_fields
    if isinstance(field, models.TextField)
]


@pytest.mark.parametrize("field", TEXT_FIELDS, ids=str)
def test_full_clean_refuses_text_longer_than_the_limit(field):
    field.clean("x" * TEXT_MAX_LENGTH, None)

    with pytest.raises(ValidationError) as caught:
        field.clean("x" * (TEXT_MAX_LENGTH + 1), None)

    assert caught.value.messages == [
        f"Ensure this value has at most {TEXT_MAX_LENGTH} characters (it has {TEXT_MAX_LENGTH + 1})."
    ]


@pytest.mark.parametrize("field", TEXT_FIELDS, ids=str)
def test_the_admins_form_field_has_the_same_limit(field):
    formfield = field.formfield()

    assert formfield.max_length == TEXT_MAX_LENGTH
    assert formfield.widget.attrs["maxlength"] == str(TEXT_MAX_LENGTH)
