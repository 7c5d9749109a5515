"""The dashboard's filters: the day the registry is shown as of, a period, a kind of relation and a place."""

import datetime

import django_filters
from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from partners.choices import Continent, Relation

from .overview import Scope

FIRST_YEAR = 1900
FIRST_DAY = datetime.date(FIRST_YEAR, 1, 1)


class DashboardFilterSet(django_filters.FilterSet):
    """Filters the cities by continent and country; the other fields set the overview's scope.

    `as_of`, the years and the relation do not narrow the cities themselves (a city stays in scope while one
    of its relations is chosen), so their methods leave the queryset as it is and `scope()` reads them.
    """

    as_of = django_filters.DateFilter(
        method="set_scope",
        label=_("As of"),
        widget=forms.DateInput(attrs={"type": "date", "min": FIRST_DAY.isoformat()}),
        help_text=_("The registry as it stood on this day."),
        # The overview counts years back from the day (the last ten, round anniversaries): from a day in the
        # calendar's first centuries it would count past its first year.
        validators=[MinValueValidator(FIRST_DAY), MaxValueValidator(timezone.localdate)],
    )
    year_from = django_filters.NumberFilter(method="set_scope", label=_("From year"), min_value=FIRST_YEAR)
    year_to = django_filters.NumberFilter(method="set_scope", label=_("To year"), min_value=FIRST_YEAR)
    relation = django_filters.ChoiceFilter(
        choices=Relation.choices, method="set_scope", label=_("Relation"), empty_label=_("all")
    )
    continent = django_filters.ChoiceFilter(
        choices=Continent.choices, label=_("Continent"), empty_label=_("all")
    )
    country = django_filters.ChoiceFilter(label=_("Country"), empty_label=_("all"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["country"].extra["choices"] = sorted(countries, key=lambda choice: str(choice[1]))
        today = timezone.localdate()
        for name in ("year_from", "year_to"):
            self.filters[name].extra["max_value"] = today.year
        self.filters["as_of"].extra["widget"].attrs["max"] = today.isoformat()

    def set_scope(self, queryset, name, value):
        return queryset

    def scope(self):
        """The overview's scope from the valid fields (an invalid one is shown as an error and ignored)."""
        self.is_valid()
        data = self.form.cleaned_data
        as_of = data.get("as_of") or timezone.localdate()
        years = sorted(int(data[name]) for name in ("year_from", "year_to") if data.get(name) is not None)
        year_from = int(data["year_from"]) if data.get("year_from") is not None else None
        year_to = int(data["year_to"]) if data.get("year_to") is not None else None
        if len(years) == 2:  # a reversed period is read the right way round
            year_from, year_to = years
        place_given = bool(data.get("continent") or data.get("country"))
        return Scope(
            as_of=as_of,
            year_from=year_from,
            year_to=year_to,
            relation=data.get("relation") or "",
            cities=self.qs.values("pk") if place_given else None,
        )
