from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from krakow_relations.admin import (
    PROVENANCE_FIELDSET,
    CityRecordInline,
    MyCitiesFilter,
    PlaceholderFilter,
    RegistryRecordAdmin,
)

from .models import Agreement, WorkingDocument


class AgreementInline(CityRecordInline):
    model = Agreement
    fields = ["slug", "kind", "sector", "status", "resolution_number", "resolution_date", "signed_on"]


class WorkingDocumentInline(CityRecordInline):
    model = WorkingDocument
    fk_name = "city"
    fields = ["slug", "kind", "title", "signed_on", "formalized_by"]
    autocomplete_fields = ["formalized_by"]


@admin.register(Agreement)
class AgreementAdmin(RegistryRecordAdmin):
    list_display = [
        "city",
        "country",
        "kind",
        "sector",
        "status",
        "resolution_number",
        "signed_on",
        "terminated_on",
        "is_public",
        "is_verified",
    ]
    list_filter = [MyCitiesFilter, "kind", "status", "sector", "continent", "is_public", PlaceholderFilter]
    list_select_related = ["city"]
    search_fields = ["slug", "city__name_en", "city__name_pl", "resolution_number", "signatories"]
    autocomplete_fields = ["city"]
    date_hierarchy = "signed_on"
    readonly_fields = ["country", "continent"]
    fieldsets = [
        (None, {"fields": ["slug", "city", "country", "continent", "kind", "sector", "status", "is_public"]}),
        (
            _("City Council resolution"),
            {"fields": ["resolution_number", "resolution_date", "resolution_ratifies_signed_agreement"]},
        ),
        (
            _("Signing and termination"),
            {"fields": ["signed_on", "signatories", "terminated_on", "termination_reason"]},
        ),
        (_("Internal"), {"fields": ["notes"]}),
        PROVENANCE_FIELDSET,
    ]


@admin.register(WorkingDocument)
class WorkingDocumentAdmin(RegistryRecordAdmin):
    list_display = ["city", "kind", "title", "signed_on", "formalized_by", "is_public", "is_verified"]
    list_filter = [MyCitiesFilter, "kind", "is_public", PlaceholderFilter]
    list_select_related = ["city", "formalized_by__city"]
    search_fields = ["slug", "title", "city__name_en", "city__name_pl", "signatories"]
    autocomplete_fields = ["city", "formalized_by"]
    date_hierarchy = "signed_on"
    fieldsets = [
        (None, {"fields": ["slug", "city", "kind", "title", "signed_on", "signatories", "is_public"]}),
        (_("Formalization"), {"fields": ["formalized_by"]}),
        (_("Internal"), {"fields": ["notes"]}),
        PROVENANCE_FIELDSET,
    ]
