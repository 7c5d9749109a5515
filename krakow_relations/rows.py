"""Rows written straight to their tables: the bulk import's new records, their history, links and snapshots.

Django's `bulk_create()` builds a model instance for every row and sends every value down its field's whole
conversion chain; for the half a million rows of a large import that was most of the time. These rows hold
only values that already passed their fields' rules (records checked in their batch, copies of them, keys), so
`insert_rows` takes them as tuples: values of Django's own text, number, boolean, date and decimal fields go
to the database driver as Python holds them (it adapts those types itself, as Django's conversion would end
up doing), and every other field's value through the field's own `get_db_prep_save`.
"""

from django.db import connections, router
from django.db.models import (
    BooleanField,
    CharField,
    DateField,
    DateTimeField,
    DecimalField,
    IntegerField,
    QuerySet,
    TextField,
)
from django.utils import timezone
from simple_history.utils import get_change_reason_from_object

TAKEN_AS_THEY_ARE = (CharField, TextField, IntegerField, BooleanField, DateField, DecimalField)


def _converter(field, connection):
    """What a value of the field needs before the driver takes it: None for nothing, or a function."""
    field = field.target_field if field.is_relation else field
    own = type(field).__module__ == "django.db.models.fields"  # a subclass elsewhere may convert (countries)
    if own and isinstance(field, TAKEN_AS_THEY_ARE) and not isinstance(field, DateTimeField):
        return None
    return lambda value: field.get_db_prep_save(value, connection)


def _converted(rows, converters):
    if not any(converters):
        return rows
    return [
        tuple(
            value if convert is None else convert(value)
            for convert, value in zip(converters, row, strict=True)
        )
        for row in rows
    ]


def insert_rows(model, columns, rows, *, returning=False):
    """Insert the rows (tuples of values, in the order of `columns`, attnames) into the model's table.

    With `returning`, the new rows' primary keys in the rows' order. PostgreSQL takes the rows by COPY, their
    keys drawn from the table's sequence first; other databases by multi-row INSERTs returning the keys.
    """
    connection = connections[router.db_for_write(model)]
    fields_by_attname = {field.attname: field for field in model._meta.concrete_fields}
    fields = [fields_by_attname[column] for column in columns]
    converters = [_converter(field, connection) for field in fields]
    rows = _converted(list(rows), converters)
    if connection.vendor == "postgresql":
        return _copy_rows(connection, model, fields, rows, returning)
    quote = connection.ops.quote_name
    # Only the model's own table and column names, quoted, go into the statement; every value is a parameter.
    table, names = quote(model._meta.db_table), ", ".join(quote(field.column) for field in fields)
    statement = f"INSERT INTO {table} ({names}) VALUES "  # noqa: S608
    returned = f" RETURNING {quote(model._meta.pk.column)}" if returning else ""
    row_placeholder = f"({', '.join(['%s'] * len(fields))})"
    keys = []
    size = max(connection.ops.bulk_batch_size(fields, rows), 1)
    with connection.cursor() as cursor:
        for start in range(0, len(rows), size):
            chunk = rows[start : start + size]
            params = [value for row in chunk for value in row]
            cursor.execute(statement + ", ".join([row_placeholder] * len(chunk)) + returned, params)
            if returning:
                keys.extend(key for (key,) in cursor.fetchall())
    return keys


def _copy_rows(connection, model, fields, rows, returning):
    quote = connection.ops.quote_name
    keys = []
    with connection.cursor() as cursor:
        if returning and rows:
            primary_key = model._meta.pk
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
                [model._meta.db_table, primary_key.column, len(rows)],
            )
            keys = [key for (key,) in cursor.fetchall()]
            fields = [primary_key, *fields]
            rows = [(key, *row) for key, row in zip(keys, rows, strict=True)]
        names = ", ".join(quote(field.column) for field in fields)
        statement = f"COPY {quote(model._meta.db_table)} ({names}) FROM STDIN"
        # Errors raised as Django's own (a constraint's IntegrityError), as the cursor's execute() does.
        with connection.wrap_database_errors, cursor.copy(statement) as copy:
            for row in rows:
                copy.write_row(row)
    return keys


def insert_history(model, instances, *, update=False):
    """A history entry for each record, as simple-history's `bulk_history_create()` makes it; their keys.

    The user is the one simple-history finds for the request (none for a command), the same for every record.
    """
    if not instances:
        return []
    history = model.history.model
    tracked = [field.attname for field in history.tracked_fields]
    user = history.get_default_history_user(instances[0])
    now = timezone.now()
    entries = (
        (
            *(getattr(instance, attname) for attname in tracked),
            getattr(instance, "_history_date", now),
            get_change_reason_from_object(instance) or "",
            "~" if update else "+",
            user.pk if user else None,
        )
        for instance in instances
    )
    columns = [*tracked, "history_date", "history_change_reason", "history_type", "history_user_id"]
    return insert_rows(history, columns, entries, returning=True)


def create_records(model, instances):
    """Write new records as `bulk_create()` does, each instance given its key.

    Straight to the table, unless the model's queryset does more in `bulk_create()` (agreements and working
    documents refresh their cities' public relation) or a field computes its value on saving.
    """
    manager = model._default_manager
    computed = [
        field
        for field in model._meta.concrete_fields
        if getattr(field, "auto_now", False)
        or getattr(field, "auto_now_add", False)
        or field.get_internal_type() == "FileField"
    ]
    if type(manager.get_queryset()).bulk_create is not QuerySet.bulk_create or computed:
        return manager.bulk_create(instances)
    columns = [field.attname for field in model._meta.concrete_fields if not field.primary_key]
    keys = insert_rows(
        model,
        columns,
        [tuple(getattr(instance, column) for column in columns) for instance in instances],
        returning=True,
    )
    database = router.db_for_write(model)
    for instance, key in zip(instances, keys, strict=True):
        instance.pk = key
        instance._state.adding = False
        instance._state.db = database
    return instances


def analyze_tables(models):
    """Refresh PostgreSQL's statistics of these models' tables, their history's and their links', after a bulk
    load (as PostgreSQL's manual advises).

    Autovacuum refreshes them only some time after: until then a table grown a hundredfold is planned as the
    small one it was (at 100 times the demo registry, a city's activities were found by reading all 100,000
    instead of through the city's links: 19 ms instead of 0.1). Elsewhere nothing to do.
    """
    connection = connections[router.db_for_write(models[0])] if models else None
    if connection is None or connection.vendor != "postgresql":
        return
    related = []
    for model in models:
        related += [field.remote_field.through for field in model._meta.many_to_many]
        if hasattr(model, "history"):
            related.append(model.history.model)
    tables = dict.fromkeys(model._meta.db_table for model in [*models, *related])
    with connection.cursor() as cursor:
        for table in tables:
            cursor.execute(f"ANALYZE {connection.ops.quote_name(table)}")
