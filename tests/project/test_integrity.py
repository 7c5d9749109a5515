"""A constraint hit by a racing writer is reported as the rule it enforces, on SQLite and PostgreSQL alike."""

import pytest
from django.db import IntegrityError, transaction

from registry.integrity import constraint_message
from tests.agreements.factories import AgreementFactory
from tests.partners.factories import PartnerCityFactory

pytestmark = pytest.mark.django_db


def violation(record):
    with pytest.raises(IntegrityError) as caught, transaction.atomic():
        record.save()
    return caught.value


def test_a_check_constraint_is_reported_as_its_rule():
    honorary_in_europe = AgreementFactory.build(city=PartnerCityFactory(country="FR"), kind="honorary_title")

    assert constraint_message(violation(honorary_in_europe)) == (
        "An Honorary Twin City title is granted only to cities outside Europe."
    )


def test_a_unique_constraint_is_reported_as_its_rule():
    existing = AgreementFactory(kind="twinning")

    assert constraint_message(violation(AgreementFactory.build(kind="twinning", city=existing.city))) in {
        "Krakow already has a twin city in this country.",
        "Krakow already has an agreement of this kind in effect with this city.",
        "Krakow already has an agreement of this kind with this city that is not terminated.",
    }


def test_a_partial_unique_index_on_a_cached_field_is_reported_as_its_rule():
    AgreementFactory(kind="twinning", city=PartnerCityFactory(country="DE"))

    second_in_germany = AgreementFactory.build(kind="twinning", city=PartnerCityFactory(country="DE"))

    assert (
        constraint_message(violation(second_in_germany)) == "Krakow already has a twin city in this country."
    )
