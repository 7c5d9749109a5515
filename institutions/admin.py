from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from partners.admin import CityNameSearchMixin
from registry.admin import PROVENANCE_FIELDSET, PlaceholderFilter, RegistryRecordAdmin

from .models import DiplomaticPost, PolishOrganisation

BODY_FIELDS = ["slug", "name_en", "name_pl", "country", "locality", "city", "address", "website"]


class BodyAdmin(CityNameSearchMixin, RegistryRecordAdmin):
    """A body of tool 4 or 10: searched by its names, its town and its partner city's names (autocomplete
    of contacts and activities)."""

    list_select_related = ["city"]
    search_fields = ["slug", "name_en", "name_pl", "locality"]
    prepopulated_fields = {"slug": ["name_en"]}
    autocomplete_fields = ["city"]


@admin.register(DiplomaticPost)
class DiplomaticPostAdmin(BodyAdmin):
    accusative_name = pgettext_lazy("accusative", "diplomatic post or cultural institute")
    list_display = [
        "name_en",
        "name_pl",
        "kind",
        "represents",
        "country",
        "locality",
        "city",
        "is_example",
        "is_verified",
    ]
    list_filter = ["kind", "represents", "country", "is_example", PlaceholderFilter]
    fieldsets = [
        (None, {"fields": [*BODY_FIELDS[:3], "kind", "represents", *BODY_FIELDS[3:]]}),
        (_("Internal"), {"fields": ["notes", "is_example"]}),
        PROVENANCE_FIELDSET,
    ]


@admin.register(PolishOrganisation)
class PolishOrganisationAdmin(BodyAdmin):
    accusative_name = pgettext_lazy("accusative", "Polish community organisation")
    list_display = ["name_en", "name_pl", "country", "locality", "city", "is_example", "is_verified"]
    list_filter = ["country", "is_example", PlaceholderFilter]
    fieldsets = [
        (None, {"fields": BODY_FIELDS}),
        (_("Internal"), {"fields": ["notes", "is_example"]}),
        PROVENANCE_FIELDSET,
    ]
