"""The filters of the public partner-city list, shared by the page, the map, the API and the CSV."""

from functools import cached_property

import django_filters
from django.db.models import F
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django_countries import countries
from drf_spectacular.utils import extend_schema_field

from partners.choices import Continent, Relation
from partners.selectors import partner_city_name_matches
from registry.models import IDENTIFIER_PATTERN
from registry.search import fold

from .selectors import countries_with_public_page, partner_city_list_with_public_page

STATUS_CHOICES = [
    ("current", _("current relations")),
    ("ended", _("ended relations")),
    ("not_known", _("relations of unknown status")),
    ("all", _("all")),
]
SORT_CHOICES = [
    ("name", _("name")),
    ("country", _("country")),
    ("year", _("year")),
    ("distance", _("distance")),
]


# Django's form fields refuse a NUL character in any text: the API's schema says so, rather than promise a
# search it answers with 400.
@extend_schema_field({"type": "string", "pattern": r"^[^\u0000]*$", "description": _("Search")})
class SearchFilter(django_filters.CharFilter):
    pass


def alphabetical(name):
    """A sort key that puts a letter with a diacritic right after its base letter (Ł after L, Ś after S),
    as the Polish alphabet does and code-point order does not (which puts "Łotwa" after "Żyrardów")."""
    return [(fold(letter) or letter, letter) for letter in name.casefold()]


class PartnerCityFilterSet(django_filters.FilterSet):
    """The list's filters. Any real country is a filter, on the page as in the API and the downloads (an empty
    list is an answer too), but the page's list of countries offers only those it can show."""

    q = SearchFilter(method="filter_search", label=_("Search"))
    relation = django_filters.ChoiceFilter(
        choices=Relation.choices, label=_("Kind of relation"), empty_label=_("all")
    )
    country = django_filters.ChoiceFilter(label=_("Country"), empty_label=_("all"))
    continent = django_filters.ChoiceFilter(
        choices=Continent.choices, label=_("Continent"), empty_label=_("all")
    )
    status = django_filters.ChoiceFilter(
        choices=STATUS_CHOICES, method="filter_status", label=_("Current or ended"), empty_label=None
    )
    sort = django_filters.ChoiceFilter(
        choices=SORT_CHOICES, method="sort_by", label=_("Sort by"), empty_label=None
    )

    def __init__(self, data=None, *args, **kwargs):
        # Current relations, by name, unless asked otherwise.
        data = data.copy() if data is not None else {}
        data.setdefault("status", "current")
        data.setdefault("sort", "name")
        super().__init__(data, *args, **kwargs)
        # Every country, named in the request's language (and listed in the API's schema).
        self.filters["country"].extra["choices"] = list(countries)

    @property
    def form(self):
        form = super().form
        if self.offered_countries is not None:
            form.fields["country"].widget.choices = [("", _("all")), *self.offered_countries]
        return form

    @cached_property
    def offered_countries(self):
        """The countries that have a city with a public page (and the one asked for, if another), by name in
        the page's language."""
        codes = countries_with_public_page() | {self.data.get("country")}
        offered = [(code, name) for code, name in countries if code in codes]
        return sorted(offered, key=lambda choice: alphabetical(str(choice[1])))

    def description(self):
        """The filters that chose the cities, as a reader names them: [("Country", "Germany"), …]. The order
        is not a filter."""
        described = []
        for name, value in self.form.cleaned_data.items():
            field = self.form.fields[name]
            if name == "sort" or value in (None, ""):
                continue
            shown = dict(field.choices).get(value, value) if hasattr(field, "choices") else value
            described.append((field.label, shown))
        return described

    def filter_search(self, queryset, name, value):
        return queryset.filter(partner_city_name_matches(value))

    def filter_status(self, queryset, name, value):
        if value == "current":
            return queryset.filter(is_current=True)
        if value == "ended":
            return queryset.filter(is_current=False)
        if value == "not_known":
            return queryset.filter(is_current__isnull=True)
        return queryset

    def sort_by(self, queryset, name, value):
        by_name = "name_pl" if get_language() == "pl" else "name_en"
        order = {
            "name": [by_name],
            "country": ["country", by_name],
            "year": [F("since").asc(nulls_last=True), by_name],
            "distance": [F("distance_km").asc(nulls_last=True), by_name],
        }[value]
        return queryset.order_by(*order)


class PartnerCityAPIFilterSet(PartnerCityFilterSet):
    """The list's filters in the API, where `search` is the name that open-data clients expect for `q`; its
    form (the browsable API's) offers every country, so that nothing in it changes with the registry."""

    search = SearchFilter(method="filter_search", label=_("Search"))
    offered_countries = None


# A record's identifier, as the schema states it: a NUL character, which Django's form fields refuse with a
# 400, is no identifier.
@extend_schema_field({"type": "string", "pattern": IDENTIFIER_PATTERN})
class IdentifierFilter(django_filters.CharFilter):
    pass


class VisitFilterSet(django_filters.FilterSet):
    """The public visits of one partner city, by its identifier."""

    city = IdentifierFilter(method="filter_city", label=_("Partner city (its identifier)"))

    def filter_city(self, queryset, name, value):
        # Only a city with a public page: the API does not tell which visits a city without one took part in.
        return queryset.filter(cities__in=partner_city_list_with_public_page().filter(slug=value))
