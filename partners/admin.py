from django.contrib import admin
from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _
from import_export.admin import ImportExportMixin

from agreements.admin import AgreementInline, WorkingDocumentInline
from agreements.choices import AgreementStatus
from registry.admin import PROVENANCE_FIELDSET, MyCitiesFilter, PlaceholderFilter, RegistryRecordAdmin

from .models import PUBLIC_RELATION_FIELDS, PartnerCity
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
        "live_agreements",
        "public_relation",
        "is_verified",
    ]
    list_filter = [
        MyCitiesFilter,
        "continent",
        "public_relation",
        "is_capital",
        PlaceholderFilter,
        "country",
    ]
    search_fields = ["name_en", "name_pl", "slug"]
    prepopulated_fields = {"slug": ["name_en"]}
    readonly_fields = ["continent", *PUBLIC_RELATION_FIELDS]
    inlines = [AgreementInline, WorkingDocumentInline]
    fieldsets = [
        (None, {"fields": ["slug", "name_en", "name_pl", "country", "continent_override", "continent"]}),
        (_("Location"), {"fields": ["latitude", "longitude", "is_capital", "website"]}),
        (_("Public description"), {"fields": ["description_en", "description_pl"]}),
        (
            _("On the public site"),
            {
                "fields": PUBLIC_RELATION_FIELDS,
                "description": _("What the city's public agreements and working documents give it."),
            },
        ),
        PROVENANCE_FIELDSET,
    ]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                live_agreement_count=Count(
                    "agreements", filter=~Q(agreements__status=AgreementStatus.TERMINATED)
                )
            )
        )

    @admin.display(description=_("agreements not terminated"), ordering="live_agreement_count")
    def live_agreements(self, city):
        return city.live_agreement_count
