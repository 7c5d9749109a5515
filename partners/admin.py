from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from registry.admin import (
    PROVENANCE_FIELDSET,
    CityRecordInline,
    MyCitiesFilter,
    PlaceholderFilter,
    RegistryImportExportMixin,
    RegistryRecordAdmin,
)

from .choices import ContinentBasis
from .models import CityName, PartnerCity
from .resources import PartnerCityResource
from .selectors import partner_city_name_matches


class CityNameSearchMixin:
    """The admin's search also finds records by any name of their city (or its country's), without regard to
    case or diacritics: "lwow", "Kiev", "Nürnberg", "Niemcy"."""

    city_path = "city__"

    def get_search_results(self, request, queryset, search_term):
        found, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        if search_term:
            found |= queryset.filter(partner_city_name_matches(search_term, path=self.city_path))
        return found, may_have_duplicates


class CityNameInline(CityRecordInline):
    model = CityName
    fields = ["name", "kind", "language"]


@admin.register(PartnerCity)
class PartnerCityAdmin(CityNameSearchMixin, RegistryImportExportMixin, RegistryRecordAdmin):
    accusative_name = pgettext_lazy("accusative", "partner city")
    resource_classes = [PartnerCityResource]
    list_display = [
        "name_en",
        "name_pl",
        "country",
        "continent",
        "is_capital",
        "is_verified",
    ]
    list_filter = [
        MyCitiesFilter,
        "continent",
        "is_capital",
        PlaceholderFilter,
        "country",
    ]
    search_fields = ["name_en", "name_pl", "slug"]
    city_path = ""
    prepopulated_fields = {"slug": ["name_en"]}
    readonly_fields = ["continent", "continent_basis"]
    inlines = [CityNameInline]
    fieldsets = [
        (None, {"fields": ["slug", "name_en", "name_pl", "name_native", "country"]}),
        (
            _("Continent"),
            {
                "fields": ["continent", "continent_basis", "continent_override", "continent_override_reason"],
                "description": _(
                    "For the Honorary Twin City title: a city of an EU member state is in Europe; in a "
                    "country on two continents the city's coordinates decide against the documented boundary."
                ),
            },
        ),
        (_("Official names for documents"), {"fields": ["official_name_en", "official_name_pl"]}),
        (_("Location"), {"fields": ["latitude", "longitude", "is_capital", "website"]}),
        (_("Public description"), {"fields": ["description_en", "description_pl"]}),
        PROVENANCE_FIELDSET,
    ]

    @admin.display(description=_("decided by"))
    def continent_basis(self, city):
        return ContinentBasis(city.continent_decision()[1]).label if city.country else None
