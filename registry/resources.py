"""What the spreadsheet imports and exports (django-import-export) share.

Records are named by their identifier, every row goes through the models' own `full_clean()`, an import is
written only if every row is valid, and a row may touch only what its user may change. No exported cell is
a formula to a spreadsheet, and an export imports back as it was.
"""

import datetime

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from import_export import fields, resources, widgets

from .formulae import formula_neutralise, formula_restore
from .partial_dates import PRECISION_SUFFIX, DatePrecision, partial_date_fields
from .permissions import PRIVATE, may, viewable


def with_precisions(model, names):
    """The field names, each partial date's `<name>_precision` right after it (registry.partial_dates)."""
    partial = set(partial_date_fields(model))
    return [
        column
        for name in names
        for column in ((name, f"{name}{PRECISION_SUFFIX}") if name in partial else (name,))
    ]


class ViewableForeignKeyWidget(widgets.ForeignKeyWidget):
    """A reference to a private record (registry.permissions.PRIVATE): one the importing user may not see is
    looked for in vain, exactly as one that does not exist."""

    def get_queryset(self, value, row, *args, **kwargs):
        queryset = super().get_queryset(value, row, *args, **kwargs)
        user = kwargs.get("user")
        return viewable(queryset, user) if user is not None else queryset


class ViewableManyToManyWidget(widgets.ManyToManyWidget):
    """A list of private records: each must be one the importing user may see, and is refused in the same
    words whether it is hidden or does not exist."""

    def clean(self, value, row=None, **kwargs):
        records = super().clean(value, row, **kwargs)
        user = kwargs.get("user")
        if user is None or not value:
            return records
        wanted = {part.strip() for part in str(value).split(self.separator) if part.strip()}
        found = set(viewable(records, user).values_list(self.field, flat=True))
        if wanted - found:
            raise ValueError(_("Unknown identifiers: %(ids)s") % {"ids": ", ".join(sorted(wanted - found))})
        return records


def reference_widgets(model):
    """The widgets of a reference and of a list of references to `model`'s records."""
    if model._meta.label_lower in PRIVATE:
        return ViewableForeignKeyWidget, ViewableManyToManyWidget
    return widgets.ForeignKeyWidget, widgets.ManyToManyWidget


class IdentifierReference(fields.Field):
    """A column holding the identifier of a record in another table (a foreign key)."""

    def __init__(self, attribute, model, column_name=None):
        widget = reference_widgets(model)[0]
        super().__init__(attribute, column_name or attribute, widget(model, field="slug"))


class IdentifierList(fields.Field):
    """A column holding a comma-separated list of identifiers (a many-to-many relation)."""

    def __init__(self, attribute, model, column_name=None):
        widget = reference_widgets(model)[1]
        super().__init__(attribute, column_name or attribute, widget(model, separator=",", field="slug"))


class DayWidget(widgets.DateWidget):
    """A date. An XLSX cell holds one as a datetime at midnight, which import-export passes on as it is (a
    datetime is a date to Python) and which then compares with no stored date."""

    def clean(self, value, row=None, **kwargs):
        value = super().clean(value, row, **kwargs)
        return value.date() if isinstance(value, datetime.datetime) else value


class RegistryResource(resources.ModelResource):
    id = fields.Field(attribute="slug", column_name="id")

    class Meta:
        abstract = True
        import_id_fields = ["id"]
        clean_model_instances = True
        skip_unchanged = False
        use_transactions = True
        rollback_on_validation_errors = True

    @classmethod
    def widget_from_django_field(cls, f, default=widgets.Widget):
        # import-export gives a TextField the plain Widget, which imports an XLSX's empty cell as None,
        # and the NOT NULL column refuses it; text is text, blank is "".
        if isinstance(f, models.TextField):
            return widgets.CharWidget
        if type(f) is models.DateField:
            return DayWidget
        return super().widget_from_django_field(f, default)

    def export_field(self, field, instance, **kwargs):
        value = super().export_field(field, instance, **kwargs)
        # A number column stays numbers (a negative longitude is no formula); in a CSV its cells are
        # already text here, so the column's widget tells them from text that starts with a minus.
        if isinstance(value, str) and not isinstance(field.widget, widgets.NumberWidget):
            return formula_neutralise(value)
        return value

    def before_import_row(self, row, **kwargs):
        # The quote an export put before a formula is not part of the value: "'- item" imports as "- item".
        for column, value in row.items():
            if isinstance(value, str):
                row[column] = formula_restore(value)

    def import_instance(self, instance, row, **kwargs):
        user = kwargs.get("user")
        if user is not None and instance.pk is not None and not may(user, "change", instance._meta, instance):
            # A record the user may not even see (another city's person) is named by the sheet's identifier.
            shown = instance if may(user, "view", instance._meta, instance) else instance.slug
            message = _("You may not change %(record)s.") % {"record": shown}
            raise ValidationError({NON_FIELD_ERRORS: message})
        super().import_instance(instance, row, **kwargs)
        self.date_to_the_day_without_precision(instance, row)
        if user is not None and instance.pk is None:
            self.check_may_add(user, instance)

    def date_to_the_day_without_precision(self, instance, row):
        """A sheet with a date's column but not its precision's (one of before partial dates, or written by
        hand) knows that date to the day, whatever precision the record had."""
        for name in partial_date_fields(type(instance)):
            date, precision = self.fields.get(name), self.fields.get(f"{name}{PRECISION_SUFFIX}")
            if (
                date is not None
                and date.column_name in row
                and (precision is None or precision.column_name not in row)
            ):
                setattr(instance, f"{name}{PRECISION_SUFFIX}", DatePrecision.DAY)

    def save_m2m(self, instance, row, **kwargs):
        super().save_m2m(instance, row, **kwargs)
        user = kwargs.get("user")
        if user is not None and not may(user, "change", instance._meta, instance):
            # Cities arrive only with the many-to-many relation, after the record was saved.
            raise ValidationError(_("You may not record %(record)s for these cities.") % {"record": instance})

    def check_may_add(self, user, instance):
        if not may(user, "add", instance._meta):
            raise ValidationError({NON_FIELD_ERRORS: _("You may not add %(record)s.") % {"record": instance}})
        city = getattr(instance, "city", None) if hasattr(instance, "city_id") else None
        if city is not None and not may(user, "change", city._meta, city):
            raise ValidationError({"city": _("You may not add records for %(city)s.") % {"city": city}})
