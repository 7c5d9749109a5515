"""The partner cities' spreadsheet (django-import-export), with the city's other names in one column.

The `other_names` cell lists the names separated by semicolons, each with its kind's code and, if it has one,
its language's code in brackets: `Kiev (former, en); Kyjiw (alternative, de); Kiew (alternative)`. A name
holds no semicolon. An import replaces the city's other names with the cell's; an empty cell removes them,
and a sheet without the column leaves them as they are.
"""

import re

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _
from import_export import fields, widgets

from registry.resources import RegistryResource

from .models import CityName, PartnerCity

OTHER_NAMES = "other_names"
NAME_SEPARATOR = ";"
# The name, then its kind and optional language in the last brackets: "Frankfurt (Oder) (former, de)" is the
# name "Frankfurt (Oder)".
NAME_WITH_KIND = re.compile(r"(?P<name>.+?)\s*\(\s*(?P<kind>[\w-]+)\s*(?:,\s*(?P<language>[\w-]*)\s*)?\)")


class CityNamesWidget(widgets.Widget):
    """A city's other names in one cell, read into unsaved CityName rows and written back the same way."""

    def clean(self, value, row=None, **kwargs):
        names = []
        for part in str(value or "").split(NAME_SEPARATOR):
            if not part.strip():
                continue
            match = NAME_WITH_KIND.fullmatch(part.strip())
            if match is None:
                raise ValueError(
                    _("%(part)r is not a name with its kind in brackets, e.g. Kiev (former, en)")
                    % {"part": part.strip()}
                )
            names.append(CityName(name=match["name"], kind=match["kind"], language=match["language"] or ""))
        return names

    def render(self, value, obj=None, **kwargs):
        return f"{NAME_SEPARATOR} ".join(
            f"{name.name} ({name.kind}, {name.language})" if name.language else f"{name.name} ({name.kind})"
            for name in value or ()
        )


class CityNamesField(fields.Field):
    """The column of a city's other names: read from the city's rows, written by the resource once the city is
    saved (PartnerCityResource.save_m2m), since the rows need it."""

    def get_value(self, instance):
        if instance.pk is None:
            return []
        # Sorted as the exchange format sorts them, by name, whatever the database's collation.
        return sorted(instance.other_names.all(), key=lambda name: (name.name, name.kind, name.language))

    def save(self, instance, row, is_m2m=False, **kwargs):
        pass


def name_errors(names):
    """The messages of CityName's rules that these names of one city break, each with the name it is about."""
    messages, seen = [], set()
    for name in names:
        if name.name in seen:
            messages.append(_("%(name)s: appears twice") % {"name": name.name})
        seen.add(name.name)
        try:
            name.full_clean(exclude=["city"], validate_unique=False, validate_constraints=False)
        except ValidationError as error:
            for field_name, field_messages in error.message_dict.items():
                where = name.name
                if field_name != NON_FIELD_ERRORS:
                    label = CityName._meta.get_field(field_name).verbose_name
                    where = _("%(name)s, %(field)s") % {"name": name.name, "field": label}
                messages += [
                    _("%(where)s: %(message)s") % {"where": where, "message": message}
                    for message in field_messages
                ]
    return messages


class PartnerCityResource(RegistryResource):
    # Text, so that an XLSX's empty cell is "" rather than None, which the NOT NULL columns refuse.
    continent = fields.Field(
        attribute="continent_override", column_name="continent", widget=widgets.CharWidget()
    )
    continent_reason = fields.Field(
        attribute="continent_override_reason", column_name="continent_reason", widget=widgets.CharWidget()
    )
    other_names = CityNamesField(attribute=OTHER_NAMES, column_name=OTHER_NAMES, widget=CityNamesWidget())

    class Meta(RegistryResource.Meta):
        name = _("partner cities")
        model = PartnerCity
        fields = [
            "id",
            "name_en",
            "name_pl",
            "name_native",
            "official_name_en",
            "official_name_pl",
            "country",
            "continent",
            "continent_reason",
            "latitude",
            "longitude",
            "is_capital",
            "website",
            "description_en",
            "description_pl",
            OTHER_NAMES,
        ]
        export_order = fields

    def filter_export(self, queryset, **kwargs):
        return super().filter_export(queryset, **kwargs).prefetch_related("other_names")

    def other_names_in(self, row):
        """The row's other names (unsaved), or None where the sheet has no such column."""
        if OTHER_NAMES not in row:
            return None
        return self.fields[OTHER_NAMES].widget.clean(row[OTHER_NAMES])

    def import_instance(self, instance, row, **kwargs):
        errors = {}
        try:
            super().import_instance(instance, row, **kwargs)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        try:
            messages = name_errors(self.other_names_in(row) or [])
        except ValueError as error:
            messages = [str(error)]
        if messages:
            errors[OTHER_NAMES] = messages
        if errors:
            raise ValidationError(errors)

    def save_m2m(self, instance, row, **kwargs):
        super().save_m2m(instance, row, **kwargs)
        names = self.other_names_in(row)
        if names is not None:
            city_names_replace(city=instance, names=names)


def city_names_replace(*, city, names):
    """Give the city exactly these other names (unsaved CityName rows, already checked): a name it keeps
    stays as it is, or changes its kind or language in place; each write keeps the city's search names
    (CityName.save() and delete())."""
    with transaction.atomic():
        current = {name.name: name for name in city.other_names.all()}
        for name in names:
            kept = current.pop(name.name, None)
            if kept is None:
                name.city = city
                name.save()
            elif (kept.kind, kept.language) != (name.kind, name.language):
                kept.kind, kept.language = name.kind, name.language
                kept.save()
        for stale in current.values():
            stale.delete()
