from django.contrib import admin
from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _
from import_export.admin import ImportExportMixin

from agreements.admin import AgreementInline, WorkingDocumentInline
from agreements.choices import AgreementStatus
from agreements.selectors import partner_city_public_relation
from registry.admin import PROVENANCE_FIELDSET, MyCitiesFilter, PlaceholderFilter, RegistryRecordAdmin

from .choices import Relation
from .models import PartnerCity
from .resources import PartnerCityResource

PUBLIC_RELATION_FIELDS = [
    "public_relation",
    "public_relation_is_current",
    "public_relation_since",
    "public_relation_until",
]


class PublicRelationFilter(admin.SimpleListFilter):
    """Cities by the relation the public site gives them (current or ended), as their records give it now."""

    title = _("public relation")
    parameter_name = "public_relation"

    def lookups(self, request, model_admin):
        return Relation.choices

    def queryset(self, request, queryset):
        return queryset.filter(relation=self.value()) if self.value() else queryset


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
        PublicRelationFilter,
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
                ),
                **partner_city_public_relation(),
            )
        )

    @admin.display(description=_("agreements not terminated"), ordering="live_agreement_count")
    def live_agreements(self, city):
        return city.live_agreement_count

    # A city not read through get_queryset() (a new one, a version from its history) shows no relation: the
    # relation is what the city's records give it today.
    @admin.display(description=_("public relation"), ordering="relation")
    def public_relation(self, city):
        relation = getattr(city, "relation", None)
        return Relation(relation).label if relation else None

    @admin.display(description=_("public relation is current"), boolean=True)
    def public_relation_is_current(self, city):
        return getattr(city, "is_current", None)

    @admin.display(description=_("public relation since"))
    def public_relation_since(self, city):
        return getattr(city, "since", None)

    @admin.display(description=_("public relation until"))
    def public_relation_until(self, city):
        return getattr(city, "until", None)
