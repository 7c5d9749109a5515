"""The `cities` section of the exchange format."""

from django.db.models import F

from agreements.models import Agreement
from krakow_relations.exchange import Boolean, Choice, DecimalValue, Section, Text

from .choices import Continent
from .models import PartnerCity


class Country(Text):
    def parse(self, value, resolver):
        return super().parse(value, resolver).upper()

    def dump(self, value):
        return value.code

    def is_default(self, value):
        return not value


def store_continent(city):
    """What PartnerCity.save() stores with the row: the effective continent."""
    city.continent = city.effective_continent()


def keep_agreements_in_step(cities):
    """What PartnerCity.save() does after an update, for cities updated in bulk: their agreements' cached
    country and continent follow the city's (their database constraints rely on them)."""
    stale = list(
        Agreement.objects.filter(city__in=cities)
        .exclude(country=F("city__country"), continent=F("city__continent"))
        .select_related("city")
    )
    for agreement in stale:
        agreement.copy_city_fields()
    Agreement.objects.bulk_update(stale, ["country", "continent"])


CITIES = Section(
    "cities",
    PartnerCity,
    [
        Text("name_en", required=True),
        Text("name_pl", required=True),
        Country("country", required=True),
        Choice("continent", Continent, attr="continent_override"),
        DecimalValue("latitude", places=5, as_string=False),
        DecimalValue("longitude", places=5, as_string=False),
        Boolean("is_capital"),
        Text("website"),
        Text("description_en"),
        Text("description_pl"),
    ],
    prepare=store_continent,
    after_update=keep_agreements_in_step,
    # PartnerCity's country_code constraint; django-countries' own check costs a millisecond a city.
    checked_by_database=("country",),
)
