"""How an app declares its sections of the exchange format (docs/exchange-format.md): keys mapped onto fields.

The exchange app reads and writes documents with these declarations; the apps that own the records declare
them, so this part of the format lives in the shared base that both depend on.
"""

import datetime
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.contrib.auth import get_user_model
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import models
from django.utils.translation import gettext as _

from .partial_dates import PRECISION_SUFFIX, DatePrecision, PartialDate, partial_date


class InvalidValue(Exception):
    """One key's value is malformed; the message says how. `path` locates the value inside the key's, for a
    list of objects: `[2].kind`."""

    def __init__(self, message, path=""):
        super().__init__(message)
        self.path = path


@dataclass
class Key:
    name: str
    attr: str = ""
    required: bool = False
    default: object = None

    # The field by which the records that `references()` names are found: a slug, or a user's username.
    lookup = "slug"

    def __post_init__(self):
        self.attr = self.attr or self.name

    @property
    def attrs(self):
        return [self.attr]

    def parse(self, value, resolver):
        """Turn a JSON value into the model value; raise InvalidValue."""
        return value

    def dump(self, value):
        return value

    def read(self, instance):
        return getattr(instance, self.attr)

    def write(self, instance, value):
        setattr(instance, self.attr, self.default if value is None else value)

    def is_default(self, value):
        return value in (None, "", self.default)

    def references(self, value):
        """The ids of other records that the JSON value names (for the resolver to fetch them at once)."""
        return ()


def storable_text(value):
    """The string, if every database can store it: no NUL character, no lone UTF-16 surrogate."""
    if "\x00" in value:
        raise InvalidValue(_("must not contain a NUL character"))
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise InvalidValue(_("contains an unpaired surrogate code point, which is not a character")) from None
    return value


class Text(Key):
    def __init__(self, name, attr="", required=False):
        super().__init__(name, attr, required, default="")

    def parse(self, value, resolver):
        if not isinstance(value, str):
            raise InvalidValue(_("must be a string"))
        return storable_text(value).strip()


class Choice(Text):
    def __init__(self, name, choices, attr="", required=False, default=""):
        super().__init__(name, attr, required)
        self.values = tuple(choices.values)  # computed anew on each access to `choices.values`
        self.default = default

    def parse(self, value, resolver):
        if value not in self.values:
            allowed = ", ".join(str(v) for v in self.values)
            raise InvalidValue(_("must be one of %(allowed)s") % {"allowed": allowed})
        return value


class Number(Key):
    """An integer code (a tool or district number)."""

    def __init__(self, name, choices, attr="", required=False):
        super().__init__(name, attr, required)
        self.values = tuple(choices.values)  # computed anew on each access to `choices.values`

    def parse(self, value, resolver):
        if isinstance(value, bool) or value not in self.values:
            low, high = min(self.values), max(self.values)
            raise InvalidValue(_("must be a number from %(low)s to %(high)s") % {"low": low, "high": high})
        return value


class Boolean(Key):
    def __init__(self, name, attr="", default=False):
        super().__init__(name, attr, default=default)

    def parse(self, value, resolver):
        if not isinstance(value, bool):
            raise InvalidValue(_("must be true or false"))
        return value

    def is_default(self, value):
        return value == self.default


class Integer(Key):
    """A whole number (a term in years, a notice period in months); its range is the model field's."""

    def parse(self, value, resolver):
        if isinstance(value, bool) or not isinstance(value, int):
            raise InvalidValue(_("must be a whole number"))
        return value


ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


class Date(Key):
    """A date known to the day, "2024-09-02": for a value that only a whole day can be (an expiry day)."""

    def parse(self, value, resolver):
        # fromisoformat() alone would also take "20240902" and week dates.
        try:
            if isinstance(value, str) and ISO_DAY.fullmatch(value):
                return datetime.date.fromisoformat(value)
        except ValueError:
            pass
        raise InvalidValue(_("must be a date as YYYY-MM-DD, not %(value)r") % {"value": value})

    def dump(self, value):
        return value.isoformat()


class PartialDateKey(Key):
    """A date known to the day, the month or the year: "1993-02-19", "1993-02" or "1993"."""

    @property
    def attrs(self):
        return [self.attr, f"{self.attr}{PRECISION_SUFFIX}"]

    def parse(self, value, resolver):
        try:
            return PartialDate.from_iso(value)
        except ValueError:
            message = _("must be a date as YYYY-MM-DD, YYYY-MM or YYYY, not %(value)r")
            raise InvalidValue(message % {"value": value}) from None

    def read(self, instance):
        return partial_date(instance, self.attr)

    def write(self, instance, value):
        setattr(instance, self.attr, value.first_day if value else None)
        setattr(instance, f"{self.attr}{PRECISION_SUFFIX}", value.precision if value else DatePrecision.DAY)

    def dump(self, value):
        return value.isoformat()


class DecimalValue(Key):
    """Money (two places) or coordinates, read from a number or a decimal string."""

    def __init__(self, name, attr="", places=2, as_string=True):
        super().__init__(name, attr)
        self.places = places
        self.as_string = as_string

    def parse(self, value, resolver):
        if isinstance(value, bool) or not isinstance(value, int | float | str):
            raise InvalidValue(_("must be a number"))
        try:
            number = Decimal(str(value))
        except InvalidOperation:
            raise InvalidValue(_("must be a number, not %(value)r") % {"value": value}) from None
        if not number.is_finite():
            raise InvalidValue(_("must be a finite number"))
        if number.as_tuple().exponent < -self.places:
            raise InvalidValue(
                _("must be a number with at most %(places)s decimal places") % {"places": self.places}
            )
        return number

    def dump(self, value):
        if self.as_string:
            return f"{value:.{self.places}f}"
        normal = value.normalize()
        return int(normal) if normal == normal.to_integral_value() else float(normal)


class StringList(Key):
    def __init__(self, name, attr=""):
        super().__init__(name, attr, default=None)

    def parse(self, value, resolver):
        if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
            raise InvalidValue(_("must be a list of strings"))
        return [storable_text(item).strip() for item in value]

    def write(self, instance, value):
        setattr(instance, self.attr, value or [])

    def is_default(self, value):
        return not value


class Reference(Key):
    """The id of a record in another section (or this one), stored as a foreign key."""

    def __init__(self, name, model, attr="", required=False):
        super().__init__(name, attr, required)
        self.model = model

    def parse(self, value, resolver):
        return resolver.resolve(self.model, value)

    def dump(self, value):
        return value.slug

    def references(self, value):
        return (value,)


class Username(Reference):
    """A member of staff, named by their username: users are not records of the format, so an unknown
    username is a problem of the record that names it."""

    lookup = "username"

    def __init__(self, name, attr="", required=False):
        super().__init__(name, get_user_model(), attr, required)

    def parse(self, value, resolver):
        if not isinstance(value, str):
            raise InvalidValue(_("must be a username (a string)"))
        try:
            return resolver.resolve(self.model, value, self.lookup)
        except InvalidValue:
            raise InvalidValue(_("no user has the username %(username)r") % {"username": value}) from None

    def dump(self, value):
        return value.username


class ReferenceList(Key):
    """A list of ids, stored as a many-to-many relation (written after the record is saved)."""

    def __init__(self, name, model, attr=""):
        super().__init__(name, attr)
        self.model = model

    def parse(self, value, resolver):
        if not isinstance(value, list):
            raise InvalidValue(_("must be a list of ids"))
        return [resolver.resolve(self.model, item) for item in value]

    def read(self, instance):
        return sorted(getattr(instance, self.attr).all(), key=lambda related: related.slug)

    def write(self, instance, value):
        pass  # a many-to-many relation can only be set once the record has been saved

    def dump(self, value):
        return [related.slug for related in value]

    def is_default(self, value):
        return not value

    def references(self, value):
        return value if isinstance(value, list) else ()


class OwnedList(Key):
    """A list of objects, each a row of another model that belongs to the record through the foreign key
    `owner` (a city's other names). The rows are checked by their model's `full_clean()` as the list is read,
    and written after the record is saved, replacing the rows it had: a row whose `unique` value the file
    keeps is updated in place. `after_change(record)` does what the rows' own save() and delete() do to the
    record (a city's search names)."""

    def __init__(self, name, model, owner, keys, *, unique, after_change=None):
        super().__init__(name)
        self.model = model
        self.owner = owner
        self.keys = keys
        self.unique = unique
        self.after_change = after_change
        self.known = {key.name: key for key in keys}

    @property
    def attrs(self):
        return []  # not a field of the record: its rows' problems carry their own paths

    @property
    def item_attrs(self):
        return [key.attr for key in self.keys]

    def parse(self, value, resolver):
        if not isinstance(value, list):
            raise InvalidValue(_("must be a list of objects"))
        rows, seen = [], set()
        for index, item in enumerate(value):
            row = self._parse_item(item, f"[{index}]", resolver)
            marker = getattr(row, self.unique)
            if marker in seen:
                raise InvalidValue(_("appears twice in the list"), f"[{index}].{self.unique}")
            seen.add(marker)
            rows.append(row)
        return rows

    def _parse_item(self, item, path, resolver):
        if not isinstance(item, dict):
            raise InvalidValue(_("must be an object"), path)
        unknown = sorted(set(item) - set(self.known))
        if unknown:
            raise InvalidValue(_("unknown key"), f"{path}.{unknown[0]}")
        row = self.model()
        for key in self.keys:
            value = item.get(key.name)
            if value is None and key.required:
                raise InvalidValue(_("is required"), f"{path}.{key.name}")
            try:
                key.write(row, None if value is None else key.parse(value, resolver))
            except InvalidValue as error:
                raise InvalidValue(str(error), f"{path}.{key.name}") from None
        try:
            # The owner is not saved yet; the rule that ties a row to it (one name once per city) is the
            # list's own check above.
            row.full_clean(exclude=[self.owner], validate_unique=False, validate_constraints=False)
        except ValidationError as error:
            field_name, messages = next(iter(error.message_dict.items()))
            by_attr = {key.attr: key.name for key in self.keys}
            name = "" if field_name == NON_FIELD_ERRORS else by_attr.get(field_name, field_name)
            raise InvalidValue(messages[0], f"{path}.{name}" if name else path) from None
        return row

    def read(self, instance):
        # Sorted here rather than by the database, whose collation would order names apart on SQLite and
        # PostgreSQL, so that both export the same file.
        rows = getattr(instance, self.attr).all()
        return sorted(rows, key=lambda row: tuple(str(getattr(row, attr)) for attr in self.item_attrs))

    def write(self, instance, value):
        pass  # rows can only point to the record once it has been saved

    def dump(self, value):
        return [self._dump_item(row) for row in value]

    def _dump_item(self, row):
        item = {}
        for key in self.keys:
            value = key.read(row)
            if key.required or not key.is_default(value):
                item[key.name] = key.dump(value)
        return item

    def is_default(self, value):
        return not value


class Group(Key):
    """A nested object such as a resolution `{"number", "date"}`, spread over several model fields."""

    def __init__(self, name, *keys, required_keys=()):
        super().__init__(name)
        self.keys = keys
        self.required_keys = required_keys

    @property
    def attrs(self):
        return [key.attr for key in self.keys]

    def parse(self, value, resolver):
        if not isinstance(value, dict):
            raise InvalidValue(_("must be an object"))
        known = {key.name: key for key in self.keys}
        unknown = sorted(set(value) - set(known))
        if unknown:
            raise InvalidValue(_("unknown keys: %(keys)s") % {"keys": ", ".join(unknown)})
        parsed = {}
        for name in self.required_keys:
            if value.get(name) is None:
                raise InvalidValue(_("%(key)s is required") % {"key": name})
        for name, item in value.items():
            try:
                parsed[name] = None if item is None else known[name].parse(item, resolver)
            except InvalidValue as error:
                raise InvalidValue(f"{name}: {error}") from None
        return parsed

    def read(self, instance):
        return {key.name: key.read(instance) for key in self.keys}

    def write(self, instance, value):
        for key in self.keys:
            key.write(instance, (value or {}).get(key.name))

    def dump(self, value):
        return {key.name: key.dump(item) for key in self.keys if not key.is_default(item := value[key.name])}

    def is_default(self, value):
        return all(key.is_default(item) for key, item in zip(self.keys, value.values(), strict=True))


PROVENANCE_KEYS = (StringList("sources"), StringList("placeholders"))


@dataclass
class Section:
    """One list in the document: its name, its model and its keys in the order export writes them.

    Import writes records with the ORM's bulk operations (and simple-history's helpers for them), which do not
    call the model's save(). Where save() does more than write the row, the section names the model's own
    methods that do it: `prepare` sets on a record what save() computes before writing it (a cached copy),
    `after_update` does for a record updated in bulk what save() does to other rows after an update. Rows
    that belong to a record (an OwnedList) are written after it the same way, and their key names the model
    method that their own save() and delete() call on it (`after_change`). A `Reference` to the section's own
    model makes import write the record named before the one naming it.
    `upgrade_v1` turns a record of a `krakow-relations/1` file into one of version 2. `renamed_keys` maps the
    keys a file of either version may still spell the earlier way onto today's (amounts in euro, from before
    money carried its currency).
    A `personal` section holds personal data as a whole (people, letters), `personal_keys` name the keys that
    do in a section that does not (a visit's members): a document holds them only when it says it holds
    personal data (docs/exchange-format.md, "Personal data").
    """

    name: str
    model: type[models.Model]
    keys: list[Key]
    select_related: tuple[str, ...] = ()
    prepare: Callable[[models.Model], None] | None = None
    after_update: Callable[[models.Model], None] | None = None
    upgrade_v1: Callable[[dict], dict] | None = None
    renamed_keys: dict[str, str] = field(default_factory=dict)
    personal: bool = False
    personal_keys: tuple[str, ...] = ()
    all_keys: list[Key] = field(init=False)

    def __post_init__(self):
        self.all_keys = [Key("id", "slug", required=True), *self.keys, *PROVENANCE_KEYS]
        self.known_keys = {key.name for key in self.all_keys}
        self.related_keys = [key for key in self.keys if isinstance(key, ReferenceList)]
        self.owned_keys = [key for key in self.keys if isinstance(key, OwnedList)]
        # Keys naming another record of this section (an agreement that follows another): import writes the
        # record named before the one that names it.
        self.self_references = [
            key for key in self.keys if isinstance(key, Reference) and key.model is self.model
        ]
        self.columns = [
            column.attname
            for column in self.model._meta.concrete_fields
            if column.name != "slug" and not column.primary_key
        ]

    def key_for_field(self, field_name):
        """The exchange-format key that a model field's error belongs to ('' for the record as a whole)."""
        for key in self.all_keys:
            if field_name in key.attrs:
                if isinstance(key, Group):
                    inner = next(inner for inner in key.keys if inner.attr == field_name)
                    return f"{key.name}.{inner.name}"
                return key.name
        return ""

    def queryset(self):
        many = [key.attr for key in self.keys if isinstance(key, ReferenceList | OwnedList)]
        return (
            self.model.objects.select_related(*self.select_related).prefetch_related(*many).order_by("slug")
        )

    def export_record(self, instance):
        record = {}
        for key in self.all_keys:
            value = key.read(instance)
            if key.required or not key.is_default(value):
                record[key.name] = key.dump(value)
        return record
