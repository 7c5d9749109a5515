"""The exchange format `krakow-relations/2` (docs/exchange-format.md): reading, validating and writing it.

Each app declares its sections (`<app>/exchange.py`) as a list of keys mapped onto model fields; this module
turns a document into model instances and back. Validation is the models' own (`full_clean()`), so a record
imported here obeys exactly the rules the admin enforces.
"""

import json
import re
import sys
from collections import defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import DataError, IntegrityError, models, transaction
from django.db.models import Max
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from registry.exchange import InvalidValue
from registry.integrity import constraint_message
from registry.models import IDENTIFIER_PATTERN

FORMAT_TAG = "krakow-relations/2"
# Version 1 files are still read: each section upgrades their records to version 2 (Section.upgrade_v1).
VERSION_1_TAG = "krakow-relations/1"
# The top-level key that says whether a document holds personal data (docs/exchange-format.md).
PERSONAL_DATA = "personal_data"
SLUG_PATTERN = re.compile(IDENTIFIER_PATTERN)


class ExchangeError(Exception):
    """A document that cannot be read at all (missing file, malformed JSON, wrong format tag)."""


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


def sections():
    """Every section, in the order records may refer to each other (a record refers only to earlier ones).

    Each app declares its records' sections in its own `exchange` module; the settings list them in order
    (EXCHANGE_SECTIONS), as they list middleware, so that the format knows the apps without importing them.
    """
    return [import_string(path) for path in settings.EXCHANGE_SECTIONS]


# Export


def export_registry(*, personal_data=False):
    """The whole registry as an exchange document (a dict, ready for `dump_document`).

    Without `personal_data` the document holds none: no personal section, no personal key of another section.
    """
    document = {"format": FORMAT_TAG, PERSONAL_DATA: personal_data}
    for section in sections():
        if section.personal and not personal_data:
            continue
        withheld = () if personal_data else section.personal_keys
        document[section.name] = [
            {key: value for key, value in section.export_record(instance).items() if key not in withheld}
            for instance in section.queryset()
        ]
    return document


def holds_personal_data(document):
    """Whether a loaded document says that it holds personal data."""
    return document.get(PERSONAL_DATA) is True


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
    if document.get("format") not in (FORMAT_TAG, VERSION_1_TAG):
        raise ExchangeError(
            _("the document's format must be %(expected)s (or %(older)s), not %(found)r")
            % {"expected": FORMAT_TAG, "older": VERSION_1_TAG, "found": document.get("format")}
        )
    known = {"format", PERSONAL_DATA} | {section.name for section in sections()}
    unknown = sorted(set(document) - known)
    if unknown:
        raise ExchangeError(_("unknown sections: %(names)s") % {"names": ", ".join(unknown)})
    for section in sections():
        records = document.get(section.name, [])
        if not isinstance(records, list) or not all(isinstance(record, dict) for record in records):
            raise ExchangeError(_("section %(name)s must be a list of objects") % {"name": section.name})
    if not isinstance(document.get(PERSONAL_DATA, False), bool):
        raise ExchangeError(_("personal_data must be true or false"))
    personal = [section.name for section in sections() if section.personal and section.name in document]
    if personal and not holds_personal_data(document):
        raise ExchangeError(
            _('sections %(names)s hold personal data, which a document holds only with "personal_data": true')
            % {"names": ", ".join(personal)}
        )
    for section in sections():
        for record in document.get(section.name, []):
            for earlier, key in section.renamed_keys.items():
                if earlier in record and key not in record:
                    record[key] = record.pop(earlier)
    if document["format"] == VERSION_1_TAG:
        for section in sections():
            if section.upgrade_v1 and section.name in document:
                document[section.name] = [section.upgrade_v1(record) for record in document[section.name]]
        document["format"] = FORMAT_TAG
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
                        wanted[key.model, key.lookup].add(slug)
        # A model is named by one field only (a record by its slug, a user by the username), so the model and
        # the value identify what was fetched.
        self.stored = {
            (model, slug): instance
            for (model, lookup), slugs in wanted.items()
            for slug, instance in model.objects.in_bulk(list(slugs), field_name=lookup).items()
        }

    def resolve(self, model, slug, lookup="slug"):
        if not isinstance(slug, str):
            raise InvalidValue(_("must be an id (a string)"))
        if (model, slug) in self.imported:
            return self.imported[model, slug]
        if (model, slug) in self.failed:
            raise InvalidValue(_("refers to %(id)s, which is itself invalid") % {"id": slug})
        if (model, slug) in self.stored:
            return self.stored[model, slug]
        try:
            return model.objects.get(**{lookup: slug})
        except model.DoesNotExist:
            raise InvalidValue(_("unknown reference %(id)r") % {"id": slug}) from None


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    problems: list[Problem] = field(default_factory=list)


class _Rollback(Exception):
    pass


class _Invalid(Exception):
    """A record broke a rule: every problem found with it, and its id if that is usable."""

    def __init__(self, problems, record_id=None):
        super().__init__(problems)
        self.problems = problems
        self.record_id = record_id


# Records checked and written together. A batch is one savepoint and a handful of queries to write, whatever
# its size; a larger one saves little more and makes the import of a batch with a problem in it, again a
# record at a time, longer.
BATCH_SIZE = 1000


def import_registry(document, *, dry_run=False, progress=None):
    """Merge a loaded document into the registry as one transaction.

    Every record is validated by its model's rules; if any record is invalid, nothing is written and every
    problem is returned. With `dry_run` the whole import is validated and then rolled back. `progress`, if
    given, is called with the number of records done and the total after each batch of records.

    A document without personal data leaves the personal data that the registry holds as they are: the
    personal keys of its records are withheld, and a record already in the registry keeps their values.
    """
    result = ImportResult()
    personal = holds_personal_data(document)
    total = sum(len(document.get(section.name, [])) for section in sections())
    done = 0
    try:
        with transaction.atomic():
            resolver = Resolver()
            for section in sections():
                withheld = frozenset() if personal else frozenset(section.personal_keys)
                for group in _in_order(section, document.get(section.name, []), resolver, result):
                    for start in range(0, len(group), BATCH_SIZE):
                        batch = group[start : start + BATCH_SIZE]
                        _import_batch(section, batch, resolver, result, withheld)
                        done += len(batch)
                        if progress:
                            progress(done, total)
            if result.problems or dry_run:
                raise _Rollback
    except _Rollback:
        pass
    return result


def _in_order(section, records, resolver, result):
    """The section's records in groups, each after every group holding a record that its records name (an
    agreement after the one it follows), whatever the order of the file: a record is checked against the one
    it names as written. A group keeps the order of the file.

    Records that name each other in a circle are not read: each is reported, and a record naming one of them
    is refused as naming an invalid record.
    """
    if not section.self_references:
        yield records
        return

    def named(record):
        return {
            slug
            for key in section.self_references
            for slug in key.references(record.get(key.name))
            if isinstance(slug, str) and slug in in_file
        }

    in_file = {record.get("id") for record in records if isinstance(record.get("id"), str)}
    waiting, written = list(records), set()
    while waiting:
        ready = [record for record in waiting if named(record) <= written]
        if ready:
            yield ready
        else:
            ready = [record for record in waiting if _in_a_circle(record, waiting, named)]
            for record in ready:
                key = next(key for key in section.self_references if named(record) & {record.get(key.name)})
                message = _("names, directly or through others, a record that names this one")
                result.problems.append(Problem(section.name, record["id"], key.name, message))
                resolver.failed.add((section.model, record["id"]))
        written |= {record.get("id") for record in ready}
        taken = {id(record) for record in ready}
        waiting = [record for record in waiting if id(record) not in taken]


def _in_a_circle(record, records, named):
    """Whether following the ids `named` by `record` leads back to it."""
    by_id = {other.get("id"): other for other in records}
    seen, frontier = set(), set(named(record))
    while frontier:
        slug = frontier.pop()
        if slug == record.get("id"):
            return True
        if slug in seen or slug not in by_id:
            continue
        seen.add(slug)
        frontier |= named(by_id[slug])
    return False


def _usable_id(record_id):
    return isinstance(record_id, str) and SLUG_PATTERN.match(record_id) and len(record_id) <= 64


def _id_problem(section, record_id, resolver, batch_ids):
    """What is wrong with a record's id, if anything; a record without a usable id is not read further."""
    if not _usable_id(record_id):
        return _("must be a slug of lower-case letters, digits and hyphens, at most 64 characters")
    key = (section.model, record_id)
    if record_id in batch_ids or key in resolver.imported or key in resolver.failed:
        return _("appears twice in the section")
    return None


def _parse_record(section, record, resolver, withheld):
    """The record's values by key and its problems as (key, message) pairs, before the model's rules."""
    problems = [(name, _("unknown key")) for name in sorted(set(record) - section.known_keys)]
    values = {}
    for key in section.all_keys[1:]:
        value = record.get(key.name)
        if key.name in withheld:
            if value is not None:
                problems.append(
                    (key.name, _('is personal data, which a document holds only with "personal_data": true'))
                )
            continue
        if value is None:
            if key.required:
                problems.append((key.name, _("is required")))
            continue
        try:
            values[key.name] = key.parse(value, resolver)
        except InvalidValue as error:
            problems.append((key.name + error.path, error))
    return values, problems


def _fill(section, instance, values):
    for key in section.all_keys[1:]:
        key.write(instance, values.get(key.name))


def _import_batch(section, records, resolver, result, withheld):
    """Import a batch of records of one section: each validated by its model's rules, then written together.

    Each record is validated by `full_clean()` but for the checks that cost a query per record, which the
    database makes as it writes the batch: the unique id and every `Meta.constraints` entry, also between
    records of this batch that no query could see before they were written. A batch with any problem in it,
    found by a rule or by the database, is imported again a record at a time, each record validated in full
    after those before it were written: the problems reported are exactly those of validating record by
    record.
    """
    resolver.prefetch(section, records)
    batch_ids, checked = set(), []
    try:
        parsed = [_parsed(section, record, resolver, batch_ids, withheld) for record in records]
        stored = section.model.objects.in_bulk(
            [record_id for record_id, _values in parsed], field_name="slug"
        )
        for record_id, values in parsed:
            checked.append(_checked(section, record_id, values, stored.get(record_id), withheld))
        with transaction.atomic():
            _write(section, checked)
    except (_Invalid, IntegrityError, DataError) as error:
        # DataError: a value the database cannot store (a country code too long for its column, say).
        if len(records) > 1:
            for record in records:
                _import_batch(section, [record], resolver, result, withheld)
            return
        invalid = error if isinstance(error, _Invalid) else _refused(section, checked[0].instance, error)
        result.problems.extend(invalid.problems)
        if invalid.record_id is not None:
            resolver.failed.add((section.model, invalid.record_id))
        return
    for record in checked:
        resolver.imported[section.model, record.instance.slug] = record.instance
        if record.created:
            result.created += 1
        else:
            result.updated += 1


@dataclass
class _Checked:
    """A record that passed its model's rules, not written yet."""

    instance: models.Model
    values: dict
    stored: dict | None  # the columns of a record already in the registry, as they are there

    @property
    def created(self):
        return self.stored is None


def _row(section, instance):
    """The values of the record's columns, but its key and slug, by column."""
    return {column: getattr(instance, column) for column in section.columns}


def _parsed(section, record, resolver, batch_ids, withheld):
    """The record's id and its values by key; or _Invalid."""
    record_id = record.get("id")
    id_problem = _id_problem(section, record_id, resolver, batch_ids)
    if id_problem:
        raise _Invalid([Problem(section.name, str(record_id), "id", str(id_problem))])
    batch_ids.add(record_id)
    values, problems = _parse_record(section, record, resolver, withheld)
    if problems:
        raise _Invalid(
            [Problem(section.name, record_id, key, str(message)) for key, message in problems], record_id
        )
    return record_id, values


def _checked(section, record_id, values, instance, withheld):
    """The record (`instance` if it is in the registry) as it passed its model's rules, but those the database
    checks; or _Invalid. A withheld key keeps the value the registry holds (none for a new record)."""
    if instance is None:
        checked = _Checked(section.model(slug=record_id), values, stored=None)
    else:
        checked = _Checked(instance, values, stored=_row(section, instance))
        for key in section.keys:
            if key.name in withheld:
                values[key.name] = key.read(instance)
    _fill(section, checked.instance, values)
    try:
        checked.instance.full_clean(validate_unique=False, validate_constraints=False)
    except ValidationError:
        _validate_in_full(section, checked.instance)
    return checked


def _validate_in_full(section, instance):
    """Raise _Invalid with every problem that `full_clean()` finds with the record, if it finds any."""
    try:
        instance.full_clean()
    except ValidationError as error:
        problems = []
        for field_name, messages in error.message_dict.items():
            key = "" if field_name == NON_FIELD_ERRORS else section.key_for_field(field_name) or field_name
            problems += [Problem(section.name, instance.slug, key, message) for message in messages]
        raise _Invalid(problems, instance.slug) from None


def _refused(section, instance, error):
    """The problems of a record that passed its model's rules but that the database refused to write.

    Validated in full now, it meets the records written before it; if it still passes, a racing writer
    committed a record first that the constraint named in the database's error holds it against.
    """
    try:
        _validate_in_full(section, instance)
    except _Invalid as invalid:
        return invalid
    return _Invalid([Problem(section.name, instance.slug, "", constraint_message(error))], instance.slug)


def _write(section, checked):
    """Write checked records with a history entry each, and their many-to-many relations: a few queries."""
    model = section.model
    if section.prepare:
        for record in checked:
            section.prepare(record.instance)
    new = [record.instance for record in checked if record.created]
    if new:
        bulk_create_with_history(new, model)
    # bulk_update() spends its time on a CASE expression per column and row: it is given only the columns that
    # changed, and a record replaced by the same values gets its history entry alone.
    replaced = defaultdict(list)
    for record in checked:
        if not record.created:
            row = _row(section, record.instance)
            columns = frozenset(column for column, value in row.items() if value != record.stored[column])
            replaced[columns].append(record.instance)
    for columns, instances in replaced.items():
        bulk_update_with_history(instances, model, sorted(columns))
        if columns and section.after_update:
            for instance in instances:
                section.after_update(instance)
    for key in section.related_keys:
        _write_related(section, key, checked)
    for key in section.owned_keys:
        _write_owned(key, checked)


def _write_owned(key, checked):
    """Replace each record's rows of an owned list (a city's other names) with the file's: rows the file keeps
    as they are stay untouched, the others are added, updated or deleted with a history entry each."""
    model, owner = key.model, key.model._meta.get_field(key.owner).attname
    current = defaultdict(dict)  # record's key → unique value → row
    replaced = [record.instance.pk for record in checked if not record.created]
    for row in model.objects.filter(**{f"{owner}__in": replaced}):
        current[getattr(row, owner)][getattr(row, key.unique)] = row
    added, updated, stale, changed = [], [], [], []
    for record in checked:
        rows = current[record.instance.pk]
        before = len(added) + len(updated)
        for row in record.values.get(key.name) or []:
            kept = rows.pop(getattr(row, key.unique), None)
            if kept is None:
                setattr(row, owner, record.instance.pk)
                added.append(row)
            elif any(getattr(kept, attr) != getattr(row, attr) for attr in key.item_attrs):
                for attr in key.item_attrs:
                    setattr(kept, attr, getattr(row, attr))
                updated.append(kept)
        stale += rows.values()
        if rows or len(added) + len(updated) > before:
            changed.append(record.instance)
    if stale:
        # A queryset's delete() still sends each row's post_delete, which writes its history entry.
        model.objects.filter(pk__in=[row.pk for row in stale]).delete()
    if updated:
        bulk_update_with_history(updated, model, key.item_attrs)
    if added:
        bulk_create_with_history(added, model)
    if key.after_change:
        for instance in changed:
            key.after_change(instance)


def _write_related(section, key, checked):
    """Set a many-to-many key of each record through the through model, and show it in the record's new
    history entry, as simple-history shows a tracked relation with each entry it writes."""
    relation = getattr(section.model, key.attr)
    through = relation.through
    source = through._meta.get_field(relation.field.m2m_field_name()).attname
    target = through._meta.get_field(relation.field.m2m_reverse_field_name()).attname
    link_key = through._meta.pk.attname
    links = defaultdict(dict)  # record's key → related record's key → link
    replaced = [record.instance.pk for record in checked if not record.created]
    for link in through.objects.filter(**{f"{source}__in": replaced}):
        links[getattr(link, source)][getattr(link, target)] = link
    stale, added = [], []
    for record in checked:
        wanted = dict.fromkeys(related.pk for related in record.values.get(key.name) or [])
        current = links[record.instance.pk]
        stale += [current.pop(related_pk) for related_pk in list(current) if related_pk not in wanted]
        for related_pk in wanted:
            if related_pk not in current:
                current[related_pk] = through(**{source: record.instance.pk, target: related_pk})
                added.append(current[related_pk])
    if stale:
        through.objects.filter(pk__in=[link.pk for link in stale]).delete()
    through.objects.bulk_create(added)
    snapshot = getattr(section.model.history.model, key.attr, None)
    if snapshot is None:
        return  # a relation the history does not track
    # Each record's newest history entry: the one just written.
    entries = dict(
        section.model.history.order_by()
        .filter(id__in=[record.instance.pk for record in checked])
        .values("id")
        .annotate(newest=Max("history_id"))
        .values_list("id", "newest")
    )
    snapshot.model.objects.bulk_create(
        snapshot.model(
            history_id=entries[record_pk], **{link_key: link.pk, source: record_pk, target: related_pk}
        )
        for record_pk, record_links in links.items()
        for related_pk, link in record_links.items()
    )
