from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from partners.admin import CityNameSearchMixin
from registry.admin import (
    PROVENANCE_FIELDSET,
    AttachmentInline,
    MyCitiesFilter,
    PlaceholderFilter,
    PrivateImportExportMixin,
    RegistryRecordAdmin,
)

from .models import Visit
from .resources import VisitResource


@admin.register(Visit)
class VisitAdmin(CityNameSearchMixin, PrivateImportExportMixin, RegistryRecordAdmin):
    accusative_name = pgettext_lazy("accusative", "visit")
    resource_classes = [VisitResource]
    list_display = ["title", "direction", "level", "starts_on", "ends_on", "is_public", "is_example"]
    list_filter = [MyCitiesFilter, "direction", "level", "is_public", "is_example", PlaceholderFilter]
    search_fields = ["slug", "title", "cities__name_en", "cities__name_pl"]
    city_path = "cities__"
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["cities", "members", "agreement", "project"]
    date_hierarchy = "starts_on"
    inlines = [AttachmentInline]
    fieldsets = [
        (None, {"fields": ["slug", "title", "direction", "level", "starts_on", "ends_on", "is_public"]}),
        (
            _("Who"),
            {
                "fields": ["cities", "members", "other_members"],
                "description": _("The members are personal data: never public, even when the visit is."),
            },
        ),
        (_("What it served"), {"fields": ["agreement", "project", "programme", "outcome"]}),
        (_("Internal"), {"fields": ["is_example"]}),
        PROVENANCE_FIELDSET,
    ]
