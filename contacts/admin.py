import datetime

from django.contrib import admin
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from partners.admin import CityNameSearchMixin
from registry.admin import (
    PROVENANCE_FIELDSET,
    MyCitiesFilter,
    PlaceholderFilter,
    PrivateImportExportMixin,
    RegistryRecordAdmin,
)

from .models import Contact
from .resources import ContactResource
from .services import person_erase

REVIEW_SOON_DAYS = 30


class ReviewDueFilter(admin.SimpleListFilter):
    """The people whose data are due for review (keep, correct or erase: Art. 5(1)(d, e) GDPR)."""

    title = _("review")
    parameter_name = "review"

    def lookups(self, request, model_admin):
        return [("due", _("due")), ("soon", _("due within %(days)d days") % {"days": REVIEW_SOON_DAYS})]

    def queryset(self, request, queryset):
        today = timezone.localdate()
        if self.value() == "due":
            return queryset.filter(review_on__lte=today)
        if self.value() == "soon":
            return queryset.filter(review_on__lte=today + datetime.timedelta(days=REVIEW_SOON_DAYS))
        return queryset


@admin.register(Contact)
class ContactAdmin(CityNameSearchMixin, PrivateImportExportMixin, RegistryRecordAdmin):
    """Deleting a person erases them (contacts.services.person_erase): their history and every mention of
    them go too, so that no version is left that only an erasure could reach."""

    accusative_name = pgettext_lazy("accusative", "person")

    resource_classes = [ContactResource]
    list_display = [
        "full_name",
        "position",
        "organisation",
        "organisation_kind",
        "email",
        "lawful_basis",
        "review_on",
        "is_example",
    ]
    list_filter = [
        MyCitiesFilter,
        ReviewDueFilter,
        "organisation_kind",
        "lawful_basis",
        "is_example",
        PlaceholderFilter,
    ]
    search_fields = ["slug", "full_name", "organisation", "email", "cities__name_en", "cities__name_pl"]
    city_path = "cities__"
    prepopulated_fields = {"slug": ["full_name"]}
    autocomplete_fields = [
        "cities",
        "agreements",
        "projects",
        "associations",
        "agency",
        "diplomatic_post",
        "polish_organisation",
    ]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "slug",
                    "full_name",
                    "position",
                    ("organisation", "organisation_kind"),
                    "languages",
                    "email",
                    "phone",
                ]
            },
        ),
        (
            _("Whom the person is a contact for"),
            {
                "fields": [
                    "cities",
                    "agreements",
                    "projects",
                    "associations",
                    "agency",
                    "diplomatic_post",
                    "polish_organisation",
                ]
            },
        ),
        (
            _("Personal data"),
            {
                "fields": ["lawful_basis", "lawful_basis_note", "review_on"],
                "description": _(
                    "Why the registry may hold the person's data, and when to check that they are still "
                    "needed and correct, or erase them."
                ),
            },
        ),
        (_("Internal"), {"fields": ["notes", "is_example"]}),
        PROVENANCE_FIELDSET,
    ]

    def delete_model(self, request, obj):
        person_erase(contact=obj, user=request.user)

    def delete_queryset(self, request, queryset):
        for contact in queryset:
            person_erase(contact=contact, user=request.user)
