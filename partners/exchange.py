"""The `cities` section of the exchange format."""

from registry.exchange import Boolean, Choice, DecimalValue, OwnedList, Section, Text
from registry.search import folded_names

from .choices import CityNameKind, Continent
from .models import CityName, PartnerCity


class Country(Text):
    def parse(self, value, resolver):
        return super().parse(value, resolver).upper()

    def dump(self, value):
        return value.code

    def is_default(self, value):
        return not value


def store_derived(city):
    """What PartnerCity.save() stores with the row: the effective continent and the folded names."""
    city.continent = city.continent_decision()[0]
    city.search_names = folded_names(city.names())


CITIES = Section(
    "cities",
    PartnerCity,
    [
        Text("name_en", required=True),
        Text("name_pl", required=True),
        Text("name_native"),
        Text("official_name_en"),
        Text("official_name_pl"),
        Country("country", required=True),
        Choice("continent", Continent, attr="continent_override"),
        Text("continent_reason", attr="continent_override_reason"),
        DecimalValue("latitude", places=5, as_string=False),
        DecimalValue("longitude", places=5, as_string=False),
        Boolean("is_capital"),
        Text("website"),
        Text("description_en"),
        Text("description_pl"),
        OwnedList(
            "other_names",
            CityName,
            "city",
            [Text("name", required=True), Choice("kind", CityNameKind, required=True), Text("language")],
            unique="name",
            after_change=PartnerCity.refresh_search_names,  # what CityName.save() and delete() do
        ),
    ],
    prepare=store_derived,
    after_update=PartnerCity.copy_fields_to_agreements,
)
