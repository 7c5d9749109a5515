"""Rows the bulk import writes straight to their tables read back as Django and simple-history write them."""

import datetime
from decimal import Decimal

import pytest

from krakow_relations.rows import insert_history, insert_rows
from partners.models import PartnerCity
from programmes.models import Activity
from tests.partners.factories import PartnerCityFactory

pytestmark = pytest.mark.django_db


def entry_values(history, key):
    """Every column of a history entry but its own key and time."""
    (values,) = history.filter(pk=key).values()
    return {column: value for column, value in values.items() if column not in ("history_id", "history_date")}


@pytest.mark.parametrize("update", [False, True], ids=["creation", "change"])
def test_a_history_entry_is_the_one_simple_history_would_write(update):
    # Every kind of value: text, a country, decimals, JSON lists, a cached continent, dates and numbers.
    city = PartnerCityFactory(
        slug="kyoto",
        country="JP",
        latitude=Decimal("35.01160"),
        longitude=Decimal("135.76810"),
        sources=["https://example.org/kyoto", {"note": "ąę"}],
        placeholders=["website"],
    )
    activity = Activity.objects.create(
        slug="days", tool=1, title="Dni Krakowa", starts_on=datetime.date(2024, 6, 1), district=3
    )
    for record in (city, activity):
        history = type(record).history
        history.all().delete()
        (written,) = insert_history(type(record), [record], update=update)
        (expected,) = history.bulk_history_create([record], update=update)

        assert entry_values(history, written) == entry_values(history, expected.pk)
        assert history.get(pk=written).history_type == ("~" if update else "+")
    assert set(PartnerCity.history.values_list("continent", "country")) == {("asia", "JP")}


def test_inserted_rows_come_back_with_their_keys_in_order_and_their_values_converted():
    cities = PartnerCityFactory.create_batch(3)
    activity = Activity.objects.create(slug="days", tool=1, title="Days", starts_on=datetime.date(2024, 6, 1))
    through = Activity.cities.through

    keys = insert_rows(
        through, ["activity_id", "partnercity_id"], [(activity.pk, c.pk) for c in cities], returning=True
    )

    assert [through.objects.get(pk=key).partnercity for key in keys] == cities
    lima = {
        "slug": "lima",
        "name_en": "Lima",
        "name_pl": "Lima",
        "country": "PE",
        "continent": "south_america",
        "latitude": Decimal("-12.04640"),
        "longitude": Decimal("-77.04280"),
        "sources": ["https://example.org/lima"],
        "placeholders": [],
        "is_capital": True,
    }
    for field in PartnerCity._meta.concrete_fields:
        if not field.primary_key and field.attname not in lima:
            lima[field.attname] = field.get_default()
    assert insert_rows(PartnerCity, list(lima), [tuple(lima.values())]) == []
    city = PartnerCity.objects.get(slug="lima")
    assert (city.country.code, city.latitude, city.sources, city.is_capital) == (
        "PE",
        Decimal("-12.04640"),
        ["https://example.org/lima"],
        True,
    )
