"""The exchange format `krakow-relations/1` (docs/exchange-format.md): reading, validating and writing it.

Each app declares its sections (`<app>/exchange.py`) as a list of keys mapped onto model fields; this module
turns a document into model instances and back. Validation is the models' own (`full_clean()`), so a record
imported here obeys exactly the rules the admin enforces.
"""

import datetime
import gc
import json
import logging
import re
import sys
from collections import defaultdict
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import DatabaseError, DataError, IntegrityError, models, transaction
from django.utils.translation import gettext as _

from registry.integrity import constraint_message
from registry.models import IDENTIFIER_PATTERN

from .rows import analyze_tables, create_records, insert_history, insert_rows

FORMAT_TAG = "krakow-relations/1"
logger = logging.getLogger(__name__)
SLUG_PATTERN = re.compile(IDENTIFIER_PATTERN)


class ExchangeError(Exception):
    """A document that cannot be read at all (missing file, malformed JSON, wrong format tag)."""


class InvalidValue(Exception):
    """One key's value is malformed; the message says how."""


@dataclass
class Problem:
    section: str
    record_id: str
    key: str
    message: str

    def __str__(self):
        where = f"{self.section}[{self.record_id}]"
        return f"{where}.{self.key}: {self.message}" if self.key else f"{where}: {self.message}"


# Keys: each maps one exchange-format key onto one or more model fields.


@dataclass
class Key:
    name: str
    attr: str = ""
    required: bool = False
    default: object = None

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


class Date(Key):
    def parse(self, value, resolver):
        if isinstance(value, str) and len(value) == 10:
            try:
                return datetime.date.fromisoformat(value)
            except ValueError:
                pass
        raise InvalidValue(_("must be a date as YYYY-MM-DD, not %(value)r") % {"value": value})

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

    def write_related(self, instance, value):
        getattr(instance, self.attr).set(value or [])

    def dump(self, value):
        return [related.slug for related in value]

    def is_default(self, value):
        return not value

    def references(self, value):
        return value if isinstance(value, list) else ()


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

    Import writes records in bulk, which bypasses the model's save(). Where save() does more than write the
    row, the section says how to do the same with the model's own methods: `prepare` sets on a record what
    save() computes before writing it (a cached copy), `after_update` does for records updated in bulk what
    save() does to other rows after an update.
    """

    name: str
    model: type[models.Model]
    keys: list[Key]
    select_related: tuple[str, ...] = ()
    prepare: Callable[[models.Model], None] | None = None
    after_update: Callable[[list[models.Model]], None] | None = None
    # Fields whose values a database constraint checks as well as the field does: a batch leaves their check
    # to the database (a wrong value then sends the batch record by record, where the field names it).
    checked_by_database: tuple[str, ...] = ()
    all_keys: list[Key] = field(init=False)

    def __post_init__(self):
        self.all_keys = [Key("id", "slug", required=True), *self.keys, *PROVENANCE_KEYS]
        self.known_keys = {key.name for key in self.all_keys}
        self.related_keys = [key for key in self.keys if isinstance(key, ReferenceList)]
        stored = [column for column in self.model._meta.concrete_fields if column.name != "slug"]
        self.foreign_keys = [column.name for column in stored if column.is_relation]
        self.columns = [column.attname for column in stored if not column.primary_key]

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
        many = [key.attr for key in self.keys if isinstance(key, ReferenceList)]
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


def sections():
    """Every section, in the order records may refer to each other (a record refers only to earlier ones)."""
    from agreements.exchange import AGREEMENTS, WORKING_DOCUMENTS
    from memberships.exchange import AGENCIES, ASSOCIATIONS, MEMBERSHIPS
    from partners.exchange import CITIES
    from programmes.exchange import ACTIVITIES, PROGRAMME_PARTICIPATIONS

    return [
        CITIES,
        AGREEMENTS,
        WORKING_DOCUMENTS,
        ASSOCIATIONS,
        MEMBERSHIPS,
        AGENCIES,
        PROGRAMME_PARTICIPATIONS,
        ACTIVITIES,
    ]


# Export


def export_registry():
    """The whole registry as an exchange document (a dict, ready for `dump_document`)."""
    document = {"format": FORMAT_TAG}
    for section in sections():
        document[section.name] = [section.export_record(instance) for instance in section.queryset()]
    return document


def dump_document(document):
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


# Import


def _refuse_constant(name):
    # Python's json reads NaN and Infinity, which JSON itself does not have.
    raise ExchangeError(_("%(name)s is not a JSON number") % {"name": name})


def _integer(digits):
    # Python converts no integer of more digits than its limit (4,300 by default: the time to convert grows
    # with the square of their number) and json.loads would raise its ValueError. No value of the format has
    # more than a few digits: one this long stops the reading, as NaN does.
    limit = sys.get_int_max_str_digits()
    count = len(digits.lstrip("-"))
    if limit and count > limit:
        raise ExchangeError(
            _("a number has too many digits (%(count)s; at most %(limit)s)")
            % {"count": count, "limit": limit}
        )
    return int(digits)


def _object_without_repeats(pairs):
    # JSON parsers keep one of two equal keys, each its own: a file saying two things must say one.
    seen = set()
    for key, _value in pairs:
        if key in seen:
            raise ExchangeError(_("the key %(key)r appears twice in one object") % {"key": key})
        seen.add(key)
    return dict(pairs)


def load_document(path):
    """Read and parse an exchange file; any problem that stops reading it at all raises ExchangeError."""
    try:
        with open(path, "rb") as handle:
            raw = handle.read()
    except OSError as error:
        raise ExchangeError(
            _("cannot read %(path)s: %(reason)s") % {"path": path, "reason": error.strerror}
        ) from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        raise ExchangeError(
            _("%(path)s is not UTF-8 text (byte %(position)s)") % {"path": path, "position": error.start}
        ) from None
    try:
        document = json.loads(
            text,
            parse_constant=_refuse_constant,
            parse_int=_integer,
            object_pairs_hook=_object_without_repeats,
        )
    except json.JSONDecodeError as error:
        raise ExchangeError(
            _("%(path)s is not valid JSON: %(reason)s at line %(line)s, column %(column)s")
            % {"path": path, "reason": error.msg, "line": error.lineno, "column": error.colno}
        ) from None
    except RecursionError:
        raise ExchangeError(_("%(path)s is nested too deeply") % {"path": path}) from None
    if not isinstance(document, dict):
        raise ExchangeError(_("the document must be a JSON object"))
    if document.get("format") != FORMAT_TAG:
        raise ExchangeError(
            _("the document's format must be %(expected)s, not %(found)r")
            % {"expected": FORMAT_TAG, "found": document.get("format")}
        )
    known = {"format"} | {section.name for section in sections()}
    unknown = sorted(set(document) - known)
    if unknown:
        raise ExchangeError(_("unknown sections: %(names)s") % {"names": ", ".join(unknown)})
    for section in sections():
        records = document.get(section.name, [])
        if not isinstance(records, list) or not all(isinstance(record, dict) for record in records):
            raise ExchangeError(_("section %(name)s must be a list of objects") % {"name": section.name})
    return document


class Resolver:
    """Finds referenced records among those imported so far (this document) or already in the registry."""

    def __init__(self):
        self.imported = {}
        self.failed = set()
        self.stored = {}

    def prefetch(self, section, records):
        """Fetch the registry's records that these records refer to: one query per referenced model."""
        wanted = defaultdict(set)
        for key in section.keys:
            for record in records:
                for slug in key.references(record.get(key.name)):
                    if isinstance(slug, str) and (key.model, slug) not in self.imported:
                        wanted[key.model].add(slug)
        self.stored = {
            (model, slug): instance
            for model, slugs in wanted.items()
            for slug, instance in model.objects.in_bulk(list(slugs), field_name="slug").items()
        }

    def resolve(self, model, slug):
        if not isinstance(slug, str):
            raise InvalidValue(_("must be an id (a string)"))
        if (model, slug) in self.imported:
            return self.imported[model, slug]
        if (model, slug) in self.failed:
            raise InvalidValue(_("refers to %(id)s, which is itself invalid") % {"id": slug})
        if (model, slug) in self.stored:
            return self.stored[model, slug]
        try:
            return model.objects.get(slug=slug)
        except model.DoesNotExist:
            raise InvalidValue(_("unknown reference %(id)r") % {"id": slug}) from None


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    problems: list[Problem] = field(default_factory=list)


class _Rollback(Exception):
    pass


class _Redo(Exception):
    """A batch's quick check found a problem; checking it record by record will name it exactly."""


# Records checked and written together. A batch is one savepoint and a handful of queries, whatever its size;
# a larger one saves little more and makes the redo of a batch with a problem in it longer.
BATCH_SIZE = 1000


def import_registry(document, *, dry_run=False, progress=None):
    """Merge a loaded document into the registry as one transaction.

    Every record is validated by its model's rules; if any record is invalid, nothing is written and every
    problem is returned. With `dry_run` the whole import is validated and then rolled back. `progress`, if
    given, is called with the number of records done and the total after each batch of records.

    Records are checked and written a batch at a time (`_import_batch`), a batch with any problem in it record
    by record with `full_clean()`, so the problems reported are those of validating each record in turn.
    """
    result = ImportResult()
    total = sum(len(document.get(section.name, [])) for section in sections())
    done = 0
    try:
        with transaction.atomic(), _cyclic_garbage_collector_paused():
            resolver = Resolver()
            for section in sections():
                records = document.get(section.name, [])
                for start in range(0, len(records), BATCH_SIZE):
                    batch = records[start : start + BATCH_SIZE]
                    _import_batch(section, batch, resolver, result)
                    done += len(batch)
                    if progress:
                        progress(done, total)
            if result.problems or dry_run:
                raise _Rollback
    except _Rollback:
        return result
    if result.created or result.updated:
        try:
            analyze_tables([section.model for section in sections()])
        except DatabaseError:
            # The import has committed; statistics are autovacuum's to refresh should this fail.
            logger.warning("ANALYZE after the import failed", exc_info=True)
    return result


@contextmanager
def _cyclic_garbage_collector_paused():
    """Python's cyclic garbage collector paused for the import; reference counting still frees its objects.

    The collector walks the live objects again and again as new ones are made, and an import keeps the whole
    document and every record imported alive to the end: a third of the time of importing 100 times the demo
    registry went there. An import leaves little cyclic garbage (its peak memory is the same without the
    collector), collected once the collector runs again.
    """
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def _id_problem(section, record_id, resolver):
    """What is wrong with a record's id, if anything; a record without a usable id is not read further."""
    if not isinstance(record_id, str) or not SLUG_PATTERN.match(record_id) or len(record_id) > 64:
        return _("must be a slug of lower-case letters, digits and hyphens, at most 64 characters")
    if (section.model, record_id) in resolver.imported or (section.model, record_id) in resolver.failed:
        return _("appears twice in the section")
    return None


def _parse_record(section, record, resolver):
    """The record's values by key and its problems as (key, message) pairs, before the model's rules."""
    problems = [(name, _("unknown key")) for name in sorted(set(record) - section.known_keys)]
    values = {}
    for key in section.all_keys[1:]:
        value = record.get(key.name)
        if value is None:
            if key.required:
                problems.append((key.name, _("is required")))
            continue
        try:
            values[key.name] = key.parse(value, resolver)
        except InvalidValue as error:
            problems.append((key.name, error))
    return values, problems


def _fill(section, instance, values):
    for key in section.all_keys[1:]:
        key.write(instance, values.get(key.name))


def _import_batch(section, records, resolver, result):
    """Import a batch of records of one section: checked and written in bulk, or else one by one.

    The quick way runs each record's own field and model rules (`full_clean()` without the checks Django makes
    with a query per record) and writes the batch with a few queries. What it leaves out is held by the
    database's constraints: the unique slug and every `Meta.constraints` entry, including those against
    records of the same batch that the models' queries could not see yet. Any problem, found by a rule or
    raised by the database, rolls the batch back to its savepoint and imports it record by record, which
    reports exactly the problems (keys and messages) of the import that always went record by record.
    """
    resolver.prefetch(section, records)
    try:
        with transaction.atomic():
            checked = _checked_in_bulk(section, records, resolver)
            _write_in_bulk(section, checked)
    except (_Redo, IntegrityError, DataError):
        # DataError: a value the database cannot store (a country code too long for its column, say).
        for record in records:
            _import_record(section, record, resolver, result)
        return
    for record in checked:
        resolver.imported[section.model, record.instance.slug] = record.instance
        if record.created:
            result.created += 1
        else:
            result.updated += 1


@dataclass
class _Checked:
    """A record of a batch that passed its model's rules, not written yet."""

    instance: models.Model
    values: dict
    stored: dict | None  # the columns of a record already in the registry, as they are there

    @property
    def created(self):
        return self.stored is None


def _row(section, instance):
    """The values of the record's columns, but its key and slug, by column."""
    return {column: getattr(instance, column) for column in section.columns}


def _checked_in_bulk(section, records, resolver):
    """Each record as an instance that passed its model's field and model rules; or _Redo."""
    parsed = {}
    for record in records:
        record_id = record.get("id")
        if _id_problem(section, record_id, resolver) or record_id in parsed:
            raise _Redo
        values, problems = _parse_record(section, record, resolver)
        if problems:
            raise _Redo
        parsed[record_id] = values
    stored = section.model.objects.in_bulk(list(parsed), field_name="slug")
    checked = []
    for record_id, values in parsed.items():
        instance = stored.get(record_id)
        if instance is None:
            record = _Checked(section.model(slug=record_id), values, stored=None)
        else:
            record = _Checked(instance, values, stored=_row(section, instance))
        _fill(section, record.instance, values)
        try:
            # The resolver found each reference in this document or the registry: no query per foreign key.
            record.instance.full_clean(
                exclude=[*section.foreign_keys, *section.checked_by_database],
                validate_unique=False,
                validate_constraints=False,
            )
        except ValidationError:
            raise _Redo from None
        checked.append(record)
    return checked


def _write_in_bulk(section, checked):
    """Write checked records, their many-to-many relations and a history entry each: a few queries in all."""
    model = section.model
    if section.prepare:
        for record in checked:
            section.prepare(record.instance)
    new = [record.instance for record in checked if record.created]
    create_records(model, new)
    # bulk_update() spends its time on a CASE expression per column and row: it is given only the columns that
    # changed, and a record replaced by the same values is not written at all.
    changed = defaultdict(list)
    for record in checked:
        if not record.created:
            columns = frozenset(
                name for name, value in _row(section, record.instance).items() if value != record.stored[name]
            )
            changed[columns].append(record)
    changed.pop(frozenset(), None)
    for columns, records in changed.items():
        model.objects.bulk_update([record.instance for record in records], sorted(columns))
    if section.after_update and changed:
        section.after_update([record.instance for records in changed.values() for record in records])
    replaced = [record.instance for record in checked if not record.created]
    history = dict(
        zip(
            [instance.pk for instance in new + replaced],
            insert_history(model, new) + insert_history(model, replaced, update=True),
            strict=True,
        )
    )
    for key in section.related_keys:
        _write_related_in_bulk(section, key, checked, history)


def _write_related_in_bulk(section, key, checked, history):
    """Set a many-to-many key of each record through the through model, and record it in its history entry.

    `history` gives each record's new history entry by the record's key.
    """
    relation = getattr(section.model, key.attr)
    through = relation.through
    source = through._meta.get_field(relation.field.m2m_field_name()).attname
    target = through._meta.get_field(relation.field.m2m_reverse_field_name()).attname
    link_key = through._meta.pk.attname
    links = defaultdict(dict)  # record's key → related record's key → link's key
    replaced = [record.instance.pk for record in checked if not record.created]
    for link, record_pk, related_pk in through.objects.filter(**{f"{source}__in": replaced}).values_list(
        link_key, source, target
    ):
        links[record_pk][related_pk] = link
    stale, added = [], []
    for record in checked:
        wanted = dict.fromkeys(related.pk for related in record.values.get(key.name) or [])
        current = links[record.instance.pk]
        for related_pk in [pk for pk in current if pk not in wanted]:
            stale.append(current.pop(related_pk))
        added.extend((record.instance.pk, related_pk) for related_pk in wanted if related_pk not in current)
    through.objects.filter(pk__in=stale).delete()
    for (record_pk, related_pk), link in zip(
        added, insert_rows(through, [source, target], added, returning=True), strict=True
    ):
        links[record_pk][related_pk] = link
    # simple-history snapshots a tracked relation with each history entry (as its m2m_changed receiver does).
    snapshot = getattr(section.model.history.model, key.attr, None)
    if snapshot is not None:
        insert_rows(
            snapshot.model,
            ["history_id", link_key, source, target],
            (
                (history[record.instance.pk], link, record.instance.pk, related_pk)
                for record in checked
                for related_pk, link in links[record.instance.pk].items()
            ),
        )


def _import_record(section, record, resolver, result):
    record_id = record.get("id")
    problems_before = len(result.problems)

    def problem(key, message):
        result.problems.append(Problem(section.name, str(record_id), key, str(message)))

    def report_validation_error(error):
        for field_name, messages in error.message_dict.items():
            key = "" if field_name == NON_FIELD_ERRORS else section.key_for_field(field_name) or field_name
            for message in messages:
                problem(key, message)

    id_problem = _id_problem(section, record_id, resolver)
    if id_problem:
        problem("id", id_problem)
        return
    values, problems = _parse_record(section, record, resolver)
    for key, message in problems:
        problem(key, message)
    if problems:
        resolver.failed.add((section.model, record_id))
        return

    instance = section.model.objects.filter(slug=record_id).first()
    created = instance is None
    if created:
        instance = section.model(slug=record_id)
    _fill(section, instance, values)
    try:
        instance.full_clean()
        with transaction.atomic():
            instance.save()
            for key in section.related_keys:
                key.write_related(instance, values.get(key.name))
    except ValidationError as error:
        report_validation_error(error)
    except IntegrityError as error:
        # A racing writer committed first; validating again now sees its record and names the rule fully.
        try:
            instance.full_clean()
            problem("", constraint_message(error))
        except ValidationError as validation_error:
            report_validation_error(validation_error)
    if len(result.problems) > problems_before:
        resolver.failed.add((section.model, record_id))
        return
    resolver.imported[section.model, record_id] = instance
    if created:
        result.created += 1
    else:
        result.updated += 1
