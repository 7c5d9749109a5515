"""What every registry admin shares: the identifier first, the provenance of the facts last."""

from django.contrib import admin, messages
from django.contrib.admin.utils import quote
from django.contrib.admin.views.main import ChangeList
from django.db import IntegrityError, models
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .integrity import constraint_message

PROVENANCE_FIELDSET = (
    _("Provenance"),
    {
        "classes": ["collapse"],
        "fields": ["sources", "placeholders"],
        "description": _("Where the facts come from, and which of them are placeholders still to verify."),
    },
)


def change_url(model_admin, record):
    """The record's admin address, by its exchange-format identifier rather than its database key."""
    opts = record._meta
    return reverse(
        f"admin:{opts.app_label}_{opts.model_name}_change",
        args=(quote(record.slug),),
        current_app=model_admin.admin_site.name,
    )


class RegistryChangeList(ChangeList):
    def url_for_result(self, result):
        return change_url(self.model_admin, result)


class RegistryRecordAdmin(admin.ModelAdmin):
    """Base admin of a registry record: addressed by identifier, with a flag for unverified data."""

    list_per_page = 50
    save_on_top = True
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    def get_changelist(self, request, **kwargs):
        return RegistryChangeList

    def get_object(self, request, object_id, from_field=None):
        # Addresses name records by identifier (…/partnercity/nuremberg/change/); links that Django builds
        # from the database key elsewhere (messages, inline links) keep working.
        if from_field is None:
            record = super().get_object(request, object_id, from_field="slug")
            if record is not None:
                return record
        return super().get_object(request, object_id, from_field)

    def response_add(self, request, obj, post_url_continue=None):
        return super().response_add(request, obj, post_url_continue or change_url(self, obj))

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except IntegrityError:
            pass
        # A colleague saved a conflicting record after this form was validated, and a database constraint
        # refused the save. Validating the same form again now sees their record and shows the rule.
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except IntegrityError as error:
            messages.error(request, constraint_message(error))
            return HttpResponseRedirect(request.get_full_path())

    @admin.display(boolean=True, description=_("verified"))
    def is_verified(self, record):
        return not record.placeholders


class PlaceholderFilter(admin.SimpleListFilter):
    """Lets staff find the records whose placeholder values still need checking."""

    title = _("verification")
    parameter_name = "verified"

    def lookups(self, request, model_admin):
        return [("yes", _("verified")), ("no", _("with placeholders"))]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.filter(placeholders=[])
        if self.value() == "no":
            return queryset.exclude(placeholders=[])
        return queryset
