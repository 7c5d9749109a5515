from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from registry.admin import (
    PROVENANCE_FIELDSET,
    AttachmentInline,
    PartialDatesAdmin,
    PlaceholderFilter,
    RegistryRecordAdmin,
)

from .models import Agency, Association, Membership


class MembershipInline(PartialDatesAdmin, admin.TabularInline):
    model = Membership
    fields = ["slug", "resolution_number", "resolution_date", "mfa_approval_date", "joined_on", "left_on"]
    extra = 0
    show_change_link = True


@admin.register(Association)
class AssociationAdmin(RegistryRecordAdmin):
    accusative_name = pgettext_lazy("accusative", "association")
    list_display = ["name", "acronym", "kind", "is_verified"]
    list_filter = ["kind", PlaceholderFilter]
    search_fields = ["slug", "name", "acronym"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [MembershipInline]
    autocomplete_fields = ["member_cities"]
    fieldsets = [
        (None, {"fields": ["slug", "name", "acronym", "kind", "website"]}),
        (_("Partner cities that are members too"), {"fields": ["member_cities"]}),
        PROVENANCE_FIELDSET,
    ]


@admin.register(Membership)
class MembershipAdmin(RegistryRecordAdmin):
    accusative_name = pgettext_lazy("accusative", "membership")
    list_display = [
        "association",
        "resolution_number",
        "mfa_approval_date",
        "joined_on",
        "left_on",
        "fee",
        "is_active",
        "is_verified",
    ]
    list_filter = ["association__kind", "is_public", PlaceholderFilter]
    list_select_related = ["association"]
    search_fields = [
        "slug",
        "association__name",
        "association__acronym",
        "resolution_number",
        "representative",
    ]
    autocomplete_fields = ["association"]
    inlines = [AttachmentInline]

    @admin.display(description=_("annual fee"), ordering="annual_fee")
    def fee(self, membership):
        return membership.annual_fee_money

    fieldsets = [
        (
            None,
            {
                "fields": [
                    "slug",
                    "association",
                    "representative",
                    ("annual_fee", "fee_currency"),
                    ("fee_due_month", "fee_due_day"),
                    "is_public",
                ]
            },
        ),
        (
            _("City Council resolution"),
            {"fields": ["resolution_number", "resolution_date", "resolution_not_recorded"]},
        ),
        (
            _("Minister of Foreign Affairs' approval"),
            {"fields": ["mfa_approval_reference", "mfa_approval_date", "approval_not_recorded"]},
        ),
        (
            _("Membership"),
            {
                "fields": ["is_founder", "joined_on", "left_on"],
                "description": _(
                    "An association of local and regional communities is joined by the City Council's "
                    "resolution after the Minister's approval; a political association of cities in EU "
                    "thematic programmes needs neither."
                ),
            },
        ),
        (_("Internal"), {"fields": ["notes"]}),
        PROVENANCE_FIELDSET,
    ]

    @admin.display(boolean=True, description=_("active"))
    def is_active(self, membership):
        return membership.is_active


@admin.register(Agency)
class AgencyAdmin(RegistryRecordAdmin):
    accusative_name = pgettext_lazy("accusative", "agency abroad")
    list_display = ["name_en", "name_pl", "locality", "country", "opened_on", "closed_on", "is_verified"]
    list_filter = ["country", PlaceholderFilter]
    search_fields = ["slug", "name_en", "name_pl", "locality"]
    prepopulated_fields = {"slug": ["name_en"]}
    autocomplete_fields = ["city"]
    fieldsets = [
        (
            None,
            {"fields": ["slug", "name_en", "name_pl", "country", "locality", "city", "address", "website"]},
        ),
        (_("Term"), {"fields": ["opened_on", "closed_on"]}),
        PROVENANCE_FIELDSET,
    ]
