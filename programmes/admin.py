from django.contrib import admin
from django.db.models import Value
from django.db.models.functions import Coalesce, NullIf
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from registry.admin import (
    PROVENANCE_FIELDSET,
    AttachmentInline,
    MyCitiesFilter,
    PlaceholderFilter,
    RegistryImportExportMixin,
    RegistryRecordAdmin,
)

from .models import BODY_TOOLS, Activity, ProgrammeParticipation
from .resources import ActivityResource


@admin.register(ProgrammeParticipation)
class ProgrammeParticipationAdmin(RegistryRecordAdmin):
    accusative_name = pgettext_lazy("accusative", "EU programme participation")
    list_display = [
        "project",
        "acronym",
        "programme",
        "role",
        "decision_number",
        "starts_on",
        "ends_on",
        "share",
        "is_verified",
    ]
    list_filter = ["programme", "role", "is_public", PlaceholderFilter]
    search_fields = ["slug", "project", "acronym", "decision_number"]
    autocomplete_fields = ["cities"]
    date_hierarchy = "starts_on"
    inlines = [AttachmentInline]

    @admin.display(description=_("Krakow's share"), ordering="krakow_share")
    def share(self, participation):
        return participation.krakow_share_money

    fieldsets = [
        (None, {"fields": ["slug", "programme", "project", "acronym", "role", "website", "is_public"]}),
        (
            _("Mayor's decision"),
            {
                "fields": ["decision_number", "decision_date", "decision_not_recorded"],
                "description": _(
                    "The Mayor's decision that started the participation, or, for an old record, why it is "
                    "not recorded. One of the two."
                ),
            },
        ),
        (_("Term and budget"), {"fields": ["starts_on", "ends_on", ("budget", "krakow_share", "currency")]}),
        (_("Partners"), {"fields": ["cities"]}),
        (_("Internal"), {"fields": ["notes"]}),
        PROVENANCE_FIELDSET,
    ]


@admin.register(Activity)
class ActivityAdmin(RegistryImportExportMixin, RegistryRecordAdmin):
    accusative_name = pgettext_lazy("accusative", "activity")
    resource_classes = [ActivityResource]
    list_display = ["title", "tool", "starts_on", "ends_on", "district", "is_public", "is_verified"]
    list_filter = [MyCitiesFilter, "tool", "district", "is_public", PlaceholderFilter]
    search_fields = ["slug", "title_pl", "title_en", "organisers", "cities__name_en", "cities__name_pl"]
    autocomplete_fields = ["cities", *BODY_TOOLS]
    date_hierarchy = "starts_on"
    fieldsets = [
        (None, {"fields": ["slug", "tool", "title_pl", "title_en", "starts_on", "ends_on", "is_public"]}),
        (_("Who and where"), {"fields": ["cities", "district", "organisers", "description"]}),
        (
            _("Belongs to"),
            {
                "fields": list(BODY_TOOLS),
                "description": _("The body its tool works with, if any; each kind only for its own tool."),
            },
        ),
        PROVENANCE_FIELDSET,
    ]

    @admin.display(description=_("title"), ordering=Coalesce(NullIf("title_pl", Value("")), "title_en"))
    def title(self, activity):
        return activity.title
