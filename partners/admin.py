from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from import_export.admin import ImportExportMixin

from registry.admin import PROVENANCE_FIELDSET, MyCitiesFilter, PlaceholderFilter, RegistryRecordAdmin

from .models import PartnerCity
from .resources import PartnerCityResource


@admin.register(PartnerCity)
class PartnerCityAdmin(ImportExportMixin, RegistryRecordAdmin):
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
    prepopulated_fields = {"slug": ["name_en"]}
    readonly_fields = ["continent"]
    fieldsets = [
        (None, {"fields": ["slug", "name_en", "name_pl", "country", "continent_override", "continent"]}),
        (_("Location"), {"fields": ["latitude", "longitude", "is_capital", "website"]}),
        (_("Public description"), {"fields": ["description_en", "description_pl"]}),
        PROVENANCE_FIELDSET,
    ]
