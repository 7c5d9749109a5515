"""What every registry admin shares: the identifier first, the provenance of the facts last."""

from django.contrib import admin, messages
from django.db import IntegrityError, models
from django.http import HttpResponseRedirect
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


class RegistryRecordAdmin(admin.ModelAdmin):
    """Base admin of a registry record: searchable by identifier, with a flag for unverified data."""

    list_per_page = 50
    save_on_top = True
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

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
