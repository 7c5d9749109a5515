"""Assertions shared by the tests of the council's rules: refused by the model, and by the database."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction


def errors_of(record):
    """The model's validation errors for `record`, by field; fails if the record is valid."""
    with pytest.raises(ValidationError) as caught:
        record.full_clean()
    return caught.value.message_dict


def database_refuses(record):
    """Saving past clean(), as a racing writer would, must still be refused by a database constraint."""
    with pytest.raises(IntegrityError), transaction.atomic():
        record.save()


def assert_refused(record, field):
    """Refused both ways: the model names `field`, and the database will not store it."""
    assert field in errors_of(record)
    database_refuses(record)
