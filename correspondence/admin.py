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

from .models import Letter
from .resources import LetterResource


@admin.register(Letter)
class LetterAdmin(CityNameSearchMixin, PrivateImportExportMixin, RegistryRecordAdmin):
    accusative_name = pgettext_lazy("accusative", "letter")
    resource_classes = [LetterResource]
    list_display = ["dated", "direction", "medium", "subject", "city", "reference_number", "is_example"]
    list_filter = [MyCitiesFilter, "direction", "medium", "is_example", PlaceholderFilter]
    list_select_related = ["city"]
    search_fields = [
        "slug",
        "subject",
        "reference_number",
        "sender",
        "recipient",
        "city__name_en",
        "city__name_pl",
    ]
    autocomplete_fields = [
        "sender_contact",
        "recipient_contact",
        "city",
        "agreement",
        "project",
        "membership",
        "in_reply_to",
    ]
    prepopulated_fields = {"slug": ["subject"]}
    date_hierarchy = "dated"
    inlines = [AttachmentInline]
    fieldsets = [
        (None, {"fields": ["slug", "direction", "medium", "dated", "reference_number"]}),
        (
            _("Sender and recipient"),
            {
                "fields": [("sender", "sender_contact"), ("recipient", "recipient_contact")],
                "description": _("A body, a person among the people, or both."),
            },
        ),
        (_("Content"), {"fields": ["subject", "summary", "in_reply_to"]}),
        (_("What it concerns"), {"fields": ["city", "agreement", "project", "membership"]}),
        (_("Internal"), {"fields": ["is_example"]}),
        PROVENANCE_FIELDSET,
    ]
