"""What every registry admin shares: the identifier first, the provenance of the facts last."""

import datetime
from pathlib import Path

import tablib
from axes.admin import AccessAttemptAdmin, AccessFailureLogAdmin, AccessLogAdmin
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django import forms
from django.contrib import admin, messages
from django.contrib.admin.options import IS_POPUP_VAR, IncorrectLookupParameters, InlineModelAdmin
from django.contrib.admin.utils import flatten_fieldsets, quote
from django.contrib.admin.views.main import ChangeList
from django.contrib.auth.admin import GroupAdmin, UserAdmin
from django.contrib.auth.models import Group, User
from django.contrib.contenttypes.admin import GenericTabularInline
from django.core.exceptions import FieldDoesNotExist, PermissionDenied
from django.db import IntegrityError, connection, models, transaction
from django.db.models import Q
from django.db.models.functions import Collate
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import formats, timezone
from django.utils.text import capfirst
from django.utils.translation import get_language, gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from import_export.admin import ImportExportMixin
from import_export.forms import ImportForm
from simple_history.admin import SimpleHistoryAdmin
from simple_history.template_utils import HistoricalRecordContextHelper

from .integrity import constraint_message
from .models import Attachment
from .partial_dates import PRECISION_SUFFIX, partial_date, partial_date_fields
from .permissions import (
    CITY_LOOKUP,
    OWNER_FIELD,
    PRIVATE,
    filter_responsible,
    is_officer,
    may,
    responsible_city_ids,
    viewable,
)
from .resources import with_precisions

AT_PRECISION = "_at_precision"

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


# PostgreSQL's ICU collation of Polish puts "Łódź" between "Lwów" and "Mińsk", not after "Zagrzeb". SQLite has
# none and compares the letters' codes, which orders names as Polish does while they use English's letters.
POLISH_COLLATION = "pl-x-icu"


def name_in_language(path=""):
    """The name field (a city's, a body's) under `path` ("city__") in the admin's language, for sorting."""
    if get_language() != "pl":
        return f"{path}name_en"
    if connection.vendor == "postgresql":
        return Collate(f"{path}name_pl", POLISH_COLLATION)
    return f"{path}name_pl"


def has_names_in_languages(model):
    fields = {field.name for field in model._meta.get_fields()}
    return {"name_en", "name_pl"} <= fields


class RegistryChangeList(ChangeList):
    def url_for_result(self, result):
        return change_url(self.model_admin, result)

    def get_ordering_field(self, field_name):
        # A column of cities (or bodies) sorts by their name in the admin's language; Django would sort it by
        # the related model's default order, which is English.
        order_field = super().get_ordering_field(field_name)
        try:
            field = self.lookup_opts.get_field(order_field) if isinstance(order_field, str) else None
        except FieldDoesNotExist:
            return order_field
        if field is not None and field.many_to_one and has_names_in_languages(field.related_model):
            return name_in_language(f"{order_field}__")
        return order_field

    def get_filters(self, request):
        # The date hierarchy's year 9999 (a link once a record is dated in it), or a year past any date typed
        # into the address, raise ValueError or OverflowError outside Django's check that turns a bad lookup
        # into the list's "?e=1" (Django ticket #37357): they are refused the same way, not with a 500. To go
        # once the Django in use has the ticket's fix.
        try:
            return super().get_filters(request)
        except (ValueError, OverflowError) as error:
            raise IncorrectLookupParameters(error) from error


def lifecycle_fields(model):
    """What only the lifecycle's transitions write (the model's LIFECYCLE_FIELDS), with the precision of each
    partial date among them: it moves with its date."""
    return with_precisions(model, getattr(model, "LIFECYCLE_FIELDS", ()))


def partial_date_display(model, name):
    """The partial date `name` as a list column or a read-only field: at its precision ("1997", not
    "1 stycznia 1997"), in the page's language, and ordered by the date column."""

    @admin.display(description=model._meta.get_field(name).verbose_name, ordering=name)
    def display(record):
        value = partial_date(record, name)
        return str(value) if value else None

    return display


class PartialDatesAdmin:
    """Each partial date (registry.partial_dates) is edited with its precision on the same row, and is shown
    at its precision wherever it is only shown: the change list, a read-only field, a view-only page.

    Admins and inlines declare the dates alone in their fields and columns; this places the rest.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # A callable on the admin, so that Django finds its label and its ordering by name.
        for name in partial_date_fields(self.model):
            setattr(self, f"{name}{AT_PRECISION}", partial_date_display(self.model, name))

    def is_view_only(self, request, obj):
        # Django shows every field of a record read-only to whoever may not change it; an inline follows its
        # parent page, a new record is always edited.
        if isinstance(self, InlineModelAdmin):
            return not self.has_change_permission(request, obj)
        return obj is not None and not self.has_change_permission(request, obj)

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        view_only = self.is_view_only(request, obj)
        shown = [name for name in partial_date_fields(self.model) if view_only or name in fields]
        return [*fields, *(f"{name}{AT_PRECISION}" for name in shown)]

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        partial = set(partial_date_fields(self.model))
        readonly = set(self.get_readonly_fields(request, obj))
        declared = set(flatten_fieldsets(fieldsets))

        def place(name):
            if name not in partial:
                return (name,)
            if f"{name}{AT_PRECISION}" in readonly:
                return (f"{name}{AT_PRECISION}",)
            precision = f"{name}{PRECISION_SUFFIX}"
            return (name,) if precision in declared else (name, precision)

        def row(item):
            placed = tuple(
                field for name in ((item,) if isinstance(item, str) else item) for field in place(name)
            )
            return placed[0] if len(placed) == 1 else placed

        return [
            (title, {**options, "fields": [row(item) for item in options["fields"]]})
            for title, options in fieldsets
        ]

    def get_list_display(self, request):
        partial = set(partial_date_fields(self.model))
        return [
            f"{name}{AT_PRECISION}" if name in partial else name for name in super().get_list_display(request)
        ]


def latest_change(record):
    """The record's newest history entry (who changed it last, when), or None for a record without one."""
    return record.history.order_by("-history_id").select_related("history_user").first()


class EditConflictForm(forms.ModelForm):
    """Refuses to save over a change a colleague made while this form was open (optimistic locking).

    The form carries the history entry it was opened at; on saving, the record's row is locked for the rest of
    the admin's transaction and its newest entry must still be that one. Two officers saving at the same
    moment are thus serialized, and the second is told, rather than silently undoing the first.
    """

    opened_at_change = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is not None and not self.is_bound:
            change = latest_change(self.instance)
            self.fields["opened_at_change"].initial = change.history_id if change else None
        if self.is_bound:
            self.keep_lifecycle_as_stored()

    def keep_lifecycle_as_stored(self):
        """What only the lifecycle's transitions write (the model's LIFECYCLE_FIELDS) stays as stored.

        A history form is opened on an old version of the record: restoring it restores what the change form
        edits, never a status the transitions have moved on since. The rules then judge the record as it
        will be saved.
        """
        fields = lifecycle_fields(self._meta.model)
        if not fields or self.instance.pk is None:
            return
        stored = self._meta.model._base_manager.filter(pk=self.instance.pk).values(*fields).first()
        for field, value in (stored or {}).items():
            setattr(self.instance, field, value)

    def clean(self):
        cleaned_data = super().clean()
        opened_at = cleaned_data.get("opened_at_change")
        if self.instance.pk is None or opened_at is None:
            return cleaned_data
        type(self.instance).objects.select_for_update().filter(pk=self.instance.pk).exists()
        change = latest_change(self.instance)
        if change is not None and change.history_id != opened_at:
            raise forms.ValidationError(
                _(
                    "%(user)s changed this record at %(time)s, while you were editing it. Your changes are "
                    "not saved: reload the page to see theirs, then make yours again."
                ),
                code="edit_conflict",
                params={
                    "user": change.history_user or _("someone"),
                    "time": formats.date_format(timezone.localtime(change.history_date), "DATETIME_FORMAT"),
                },
            )
        return cleaned_data


NOT_RECORDED = "—"


class ReadableChanges(HistoricalRecordContextHelper):
    """A record's history says what changed as its page says it: a choice by its label ("in force", not
    `in_force`), yes or no, a date in the page's format, and a dash where there was nothing, never `None`."""

    def prepare_delta_change_value(self, change, value):
        field = self.model._meta.get_field(change.field)
        if value is None or value == "" or value == []:
            return NOT_RECORDED
        if field.choices:
            return dict(field.flatchoices).get(value, value)
        if isinstance(value, bool):
            return gettext("Yes") if value else gettext("No")
        if isinstance(value, datetime.date):
            return formats.localize(value)
        return super().prepare_delta_change_value(change, value)


class LifecycleAdmin(SimpleHistoryAdmin):
    """Once a record is saved, what its lifecycle's transitions write (lifecycle_fields) is only shown."""

    def get_readonly_fields(self, request, obj=None):
        lifecycle = lifecycle_fields(self.model) if obj is not None else []
        return [*super().get_readonly_fields(request, obj), *lifecycle]

    def get_historical_record_context_helper(self, request, historical_record):
        return ReadableChanges(self.model, historical_record)


class AccusativeTitlesAdmin:
    """Titles with the model's name in the case their sentence needs.

    Django puts the model's verbose name into its titles as it is, and Polish then reads "Wybierz umowa do
    zmiany". Each admin names its model as the object of "select", "add", "change" (`accusative_name`, a
    pgettext with the context "accusative"): "Wybierz umowę do zmiany", "Dodaj umowę", "Zmień umowę".
    """

    accusative_name = None

    def accusative_title(self, template):
        return template % (self.accusative_name or self.opts.verbose_name)

    def changelist_view(self, request, extra_context=None):
        if IS_POPUP_VAR in request.GET:
            title = self.accusative_title(_("Select %s"))
        elif self.has_change_permission(request):
            title = self.accusative_title(_("Select %s to change"))
        else:
            title = self.accusative_title(_("Select %s to view"))
        context = {"title": title, "add_title": self.accusative_title(_("Add %s")), **(extra_context or {})}
        return super().changelist_view(request, context)

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if add:
            context["title"] = self.accusative_title(_("Add %s"))
        elif self.has_change_permission(request, obj):
            context["title"] = self.accusative_title(_("Change %s"))
        else:
            context["title"] = self.accusative_title(_("View %s"))
        return super().render_change_form(request, context, add, change, form_url, obj)


# PartialDatesAdmin comes first: it shows at their precision the dates every other layer makes read-only.
class RegistryRecordAdmin(AccusativeTitlesAdmin, PartialDatesAdmin, LifecycleAdmin):
    """Base admin of a registry record: addressed by identifier, audited, each officer to their own cities.

    Administrators hold the model permissions; an officer may change and delete only the records of the cities
    they answer for (see registry.permissions), everywhere: forms, delete, bulk actions.
    """

    form = EditConflictForm
    list_per_page = 50
    save_on_top = True
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    def may_change_some(self, request, obj):
        # Without a record (the list, the actions menu) an officer may change some of them, and an owner
        # their own; each record is then checked on its own.
        label = self.opts.label_lower
        return obj is None and (
            (label in CITY_LOOKUP and is_officer(request.user))
            or (label in OWNER_FIELD and request.user.is_active and request.user.is_staff)
        )

    def has_view_permission(self, request, obj=None):
        # Whoever may change some private records may list, search and autocomplete them, and meets only
        # those they may see (get_queryset).
        return (
            super().has_view_permission(request, obj)
            or may(request.user, "view", self.opts, obj)
            or (self.opts.label_lower in PRIVATE and self.may_change_some(request, obj))
        )

    def get_queryset(self, request):
        # A private record (people, visits, letters, follow-ups) is listed, found, autocompleted and opened
        # only by whoever may see it.
        queryset = super().get_queryset(request)
        return viewable(queryset, request.user) if self.opts.label_lower in PRIVATE else queryset

    def has_change_permission(self, request, obj=None):
        return may(request.user, "change", self.opts, obj) or self.may_change_some(request, obj)

    def has_delete_permission(self, request, obj=None):
        return may(request.user, "delete", self.opts, obj) or self.may_change_some(request, obj)

    def check_each(self, request, action, records):
        """Refuse (403) a bulk action unless the user may `action` every selected record."""
        if not all(may(request.user, action, self.opts, record) for record in records):
            raise PermissionDenied

    def limit_cities(self, request, formfield):
        """An officer picks only among their cities, and at least one: what they save is theirs. The owner of
        a record (a follow-up) answers for it without a city of theirs: one is not required of them."""
        if formfield is not None and not may(request.user, "change", self.opts) and is_officer(request.user):
            formfield.queryset = formfield.queryset.filter(pk__in=responsible_city_ids(request.user))
            formfield.required = self.opts.label_lower not in OWNER_FIELD
        return formfield

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        # What a stored record links to stays among the choices, so that whoever may change it (the owner of
        # a follow-up in a city not theirs) saves it as it is; a deleted record being restored gets no such
        # leave.
        stored = obj is not None and self.model._base_manager.filter(pk=obj.pk).exists()
        for name, field in form.base_fields.items():
            model = getattr(getattr(field, "queryset", None), "model", None)
            if model is not None and model._meta.label_lower in PRIVATE:
                field.queryset = self.viewable_choices(request, field.queryset, obj if stored else None, name)
            elif model is not None and name in ("city", "cities") and stored:
                field.queryset = field.queryset | model._base_manager.filter(pk__in=self.linked(obj, name))
        return form

    def linked(self, obj, name):
        """The keys of the records `obj` links to by its field `name` as it is stored."""
        if self.opts.get_field(name).many_to_many:
            return list(getattr(obj, name).values_list("pk", flat=True))
        return [key] if (key := getattr(obj, f"{name}_id")) is not None else []

    def viewable_choices(self, request, queryset, obj, name):
        """A private record is offered (and accepted) only to whoever may see it; what the record already
        links to stays, so that saving it loses nothing."""
        current = self.linked(obj, name) if obj is not None and obj.pk is not None else []
        return queryset.filter(Q(pk__in=viewable(queryset, request.user).values("pk")) | Q(pk__in=current))

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        formfield = super().formfield_for_foreignkey(db_field, request, **kwargs)
        return self.limit_cities(request, formfield) if db_field.name == "city" else formfield

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        formfield = super().formfield_for_manytomany(db_field, request, **kwargs)
        return self.limit_cities(request, formfield) if db_field.name == "cities" else formfield

    def save_formset(self, request, form, formset, change):
        if formset.model is Attachment:
            for attachment in formset.save(commit=False):
                attachment.uploaded_by = attachment.uploaded_by or request.user
        super().save_formset(request, form, formset, change)

    def get_changelist(self, request, **kwargs):
        return RegistryChangeList

    def get_ordering(self, request):
        # The model orders by the English name (its Meta.ordering is one for every language); the lists follow
        # the admin's language.
        ordering = super().get_ordering(request) or self.opts.ordering
        return [
            name_in_language(item.removesuffix("name_en")) if item in ("name_en", "city__name_en") else item
            for item in ordering
        ]

    def get_object(self, request, object_id, from_field=None):
        # Addresses name records by identifier (…/partnercity/nuremberg/change/); links that Django builds
        # from the database key elsewhere (messages, inline links) keep working.
        if from_field is None:
            record = super().get_object(request, object_id, from_field="slug")
            if record is not None:
                return record
        return super().get_object(request, object_id, from_field)

    def database_key(self, request, object_id):
        """The database key behind an identifier in an address, also for a record deleted since."""
        record = self.get_object(request, object_id)
        if record is not None:
            return str(record.pk)
        deleted = self.model.history.filter(slug=object_id).values_list("id", flat=True).first()
        return str(deleted) if deleted is not None else object_id

    def history_view(self, request, object_id, extra_context=None):
        return super().history_view(request, self.database_key(request, object_id), extra_context)

    def may_restore(self, request, key):
        """Restoring a version is a change of the record as it stands, or an addition if it was deleted."""
        current = self.model._base_manager.filter(pk=key).first() if key is not None else None
        if current is None:
            return self.has_add_permission(request)
        return self.has_change_permission(request, current)

    def revert_disabled(self, request, obj=None):
        return super().revert_disabled(request, obj) or not self.may_restore(request, obj and obj.pk)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        key = self.database_key(request, object_id)
        if request.method == "POST" and not self.may_restore(request, key):
            raise PermissionDenied
        # simple-history saves the record, its links and the log entry one after the other: all or nothing.
        with transaction.atomic():
            return super().history_form_view(request, key, version_id, extra_context)

    def save_model(self, request, obj, form, change):
        # The record as it is about to be saved must be one the user may change too: an officer cannot move
        # a record of their city to another one (the forms offer only their cities; this holds whatever
        # door the form came through). A deleted record being restored is an addition (see may_restore).
        stored = self.model._base_manager.filter(pk=obj.pk)
        if change and not self.has_change_permission(request, obj) and stored.exists():
            raise PermissionDenied
        super().save_model(request, obj, form, change)

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


class FormatFromFileImportForm(ImportForm):
    """The import form without a format to pick: the uploaded file's extension (.csv, .xlsx) says it."""

    def __init__(self, formats, resources, **kwargs):
        super().__init__(formats, resources, **kwargs)
        self.formats = formats
        # A client that names the format (the tests, a script) still may; people are not asked.
        self.fields["format"].required = False
        self.fields["format"].widget = forms.HiddenInput()
        extensions = ", ".join(f".{file_format().get_extension()}" for file_format in formats)
        self.fields["import_file"].help_text = _("A spreadsheet: %(extensions)s.") % {
            "extensions": extensions
        }

    def clean(self):
        cleaned_data = super().clean()
        import_file = cleaned_data.get("import_file")
        if import_file is None or cleaned_data.get("format"):
            return cleaned_data
        extension = Path(import_file.name).suffix.lstrip(".").lower()
        matching = [
            str(index)
            for index, file_format in enumerate(self.formats)
            if file_format().get_extension() == extension
        ]
        if matching:
            cleaned_data["format"] = matching[0]
        else:
            self.add_error("import_file", self.fields["import_file"].help_text)
        return cleaned_data


def field_label(model, name):
    """The verbose name of `model`'s field `name` in the page's language, or the name if it is no field."""
    try:
        field = model._meta.get_field(name)
    except FieldDoesNotExist:
        return name
    # A relation from another model (a city's other names) is named as that model's records are.
    return capfirst(getattr(field, "verbose_name", None) or field.related_model._meta.verbose_name_plural)


class RegistryImportExportMixin(ImportExportMixin):
    """Spreadsheets in the admin: the import page names each column in the page's language, offers an empty
    template in every format it reads, and takes the format from the uploaded file's extension."""

    import_form_class = FormatFromFileImportForm
    import_template_name = "admin/import_export/registry_import.html"

    def get_urls(self):
        # One of the model's own admin doors, so that the generic doors test holds it to the import's right.
        name = f"{self.opts.app_label}_{self.opts.model_name}_import_template"
        view = self.admin_site.admin_view(self.import_template_view)
        return [path("import/template.<str:extension>", view, name=name), *super().get_urls()]

    def import_template_view(self, request, extension):
        """An empty spreadsheet with the import's headers, in the format of `extension`."""
        if not self.has_import_permission(request):
            raise PermissionDenied
        formats = {file_format().get_extension(): file_format for file_format in self.get_import_formats()}
        if extension not in formats:
            raise Http404
        file_format = formats[extension]()
        resource_class = self.get_import_resource_classes(request)[0]
        resource = resource_class(**self.get_import_resource_kwargs(request))
        headers = [field.column_name for field in resource.get_user_visible_fields()]
        response = HttpResponse(
            file_format.export_data(tablib.Dataset(headers=headers)),
            content_type=file_format.get_content_type(),
        )
        filename = f"{self.opts.model_name}-template.{extension}"
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response

    def labelled_columns(self, resource_classes, resource_kwargs):
        return [
            (
                resource_class.get_display_name(),
                [
                    (field.column_name, field_label(self.model, field.attribute or field.column_name))
                    for resource in [resource_class(**resource_kwargs)]
                    for field in resource.get_user_visible_fields()
                ],
            )
            for resource_class in resource_classes
        ]

    def readable_errors(self, result):
        """Each invalid row: its number, its errors by field label, and the values it was read with."""
        return [
            (
                row.number,
                [
                    *(
                        (field_label(self.model, name), error)
                        for name, errors in row.field_specific_errors.items()
                        for error in errors
                    ),
                    *((None, error) for error in row.non_field_specific_errors),
                ],
                list(zip(result.diff_headers, row.values, strict=False)),
            )
            for row in result.invalid_rows
        ]

    def import_action(self, request, **kwargs):
        response = super().import_action(request, **kwargs)
        if not isinstance(response, TemplateResponse):
            return response
        result = response.context_data.get("result")
        if result is not None and result.has_validation_errors():
            response.context_data["invalid_rows"] = self.readable_errors(result)
        response.context_data["labelled_columns"] = self.labelled_columns(
            self.get_import_resource_classes(request), self.get_import_resource_kwargs(request)
        )
        response.context_data["template_extensions"] = [
            file_format().get_extension() for file_format in self.get_import_formats()
        ]
        return response

    def export_action(self, request):
        response = super().export_action(request)
        if isinstance(response, TemplateResponse):
            response.context_data["labelled_columns"] = self.labelled_columns(
                self.get_export_resource_classes(request), self.get_export_resource_kwargs(request)
            )
        return response


class PrivateImportExportMixin(RegistryImportExportMixin):
    """Spreadsheets of private records: whoever may see some of them exports those (the list's queryset),
    not only the holders of the model's view permission."""

    def has_export_permission(self, request):
        return self.has_view_permission(request)


class CityRecordInline(PartialDatesAdmin, admin.TabularInline):
    """A city's own records shown in its page: editable by whoever may change the city."""

    extra = 0
    show_change_link = True

    def may_edit(self, request, action, city):
        return may(request.user, action, self.opts) or (
            city is not None and may(request.user, "change", city._meta, city)
        )

    def has_add_permission(self, request, obj=None):
        return self.may_edit(request, "add", obj)

    def has_change_permission(self, request, obj=None):
        return self.may_edit(request, "change", obj)

    def has_delete_permission(self, request, obj=None):
        return self.may_edit(request, "delete", obj)


class AttachmentInline(GenericTabularInline):
    """The record's documents, uploaded by whoever may change the record."""

    model = Attachment
    fields = ["kind", "title", "file", "media_type", "size", "uploaded_by", "uploaded_at"]
    readonly_fields = ["media_type", "size", "uploaded_by", "uploaded_at"]
    extra = 0

    def may_edit(self, request, record):
        return record is None or may(request.user, "change", record._meta, record)

    def has_view_permission(self, request, obj=None):
        return obj is None or may(request.user, "view", obj._meta, obj)

    def has_add_permission(self, request, obj=None):
        return self.may_edit(request, obj)

    def has_change_permission(self, request, obj=None):
        return self.may_edit(request, obj)

    def has_delete_permission(self, request, obj=None):
        return self.may_edit(request, obj)


class MyCitiesFilter(admin.SimpleListFilter):
    """The records of the cities the signed-in officer answers for."""

    title = _("responsibility")
    parameter_name = "responsibility"

    def lookups(self, request, model_admin):
        return [("mine", _("my cities"))]

    def queryset(self, request, queryset):
        return filter_responsible(queryset, request.user) if self.value() == "mine" else queryset


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


# Django's and django-axes's own admins, extended the way Django's documentation extends the User admin, with
# their titles in the right case too.
for model in (User, Group, AccessAttempt, AccessLog, AccessFailureLog):
    admin.site.unregister(model)


@admin.register(User)
class RegistryUserAdmin(AccusativeTitlesAdmin, UserAdmin):
    accusative_name = pgettext_lazy("accusative", "user")


@admin.register(Group)
class RegistryGroupAdmin(AccusativeTitlesAdmin, GroupAdmin):
    accusative_name = pgettext_lazy("accusative", "group")


@admin.register(AccessAttempt)
class RegistryAccessAttemptAdmin(AccusativeTitlesAdmin, AccessAttemptAdmin):
    accusative_name = pgettext_lazy("accusative", "access attempt")


@admin.register(AccessLog)
class RegistryAccessLogAdmin(AccusativeTitlesAdmin, AccessLogAdmin):
    accusative_name = pgettext_lazy("accusative", "access log")


@admin.register(AccessFailureLog)
class RegistryAccessFailureLogAdmin(AccusativeTitlesAdmin, AccessFailureLogAdmin):
    accusative_name = pgettext_lazy("accusative", "access failure")
