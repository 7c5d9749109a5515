"""Attachments recorded before the shared base became the `registry` app, when the project package held them.

A database made then has the table `krakow_relations_attachment`: its rows move to this app's table, under
the same keys, each file under the registry's name for it (the uploaded name is never kept: a `poly.html`
holding a PDF becomes `…-signed-agreement-1.pdf`), and the old table goes. A database made since has no
such table, and nothing happens.
"""

import datetime
import posixpath

from django.core.management.color import no_style
from django.db import migrations, transaction
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from registry.attachments import registry_file_name

FORMER_TABLE = "krakow_relations_attachment"
COLUMNS = [
    "id",
    "content_type_id",
    "object_id",
    "kind",
    "title",
    "file",
    "media_type",
    "size",
    "uploaded_at",
    "uploaded_by_id",
]


def record_slug(apps, db, content_type, object_id):
    """The identifier of the attachment's record, or its model and number if the record is gone."""
    try:
        records = apps.get_model(content_type.app_label, content_type.model)._default_manager.using(db)
    except LookupError:
        records = None
    slug = records and records.filter(pk=object_id).values_list("slug", flat=True).first()
    return slug or f"{content_type.model}-{object_id}"


def adopt_former_attachments(apps, schema_editor):
    connection = schema_editor.connection
    if FORMER_TABLE not in connection.introspection.table_names():
        return
    db = connection.alias
    Attachment = apps.get_model("registry", "Attachment")
    ContentType = apps.get_model("contenttypes", "ContentType")
    storage = Attachment._meta.get_field("file").storage
    quoted = ", ".join(connection.ops.quote_name(column) for column in COLUMNS)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {quoted} FROM {connection.ops.quote_name(FORMER_TABLE)} ORDER BY 9, 1")  # noqa: S608
        rows = [dict(zip(COLUMNS, row, strict=True)) for row in cursor.fetchall()]
    replaced = []
    for row in rows:
        old_name = row.pop("file")
        new_name = old_name
        content_type = ContentType.objects.using(db).get(pk=row["content_type_id"])
        slug = record_slug(apps, db, content_type, row["object_id"])
        named_already = posixpath.basename(old_name).startswith(f"{slug}-{row['kind'].replace('_', '-')}-")
        if storage.exists(old_name) and not named_already:
            new_name = registry_file_name(
                storage,
                folder=posixpath.dirname(old_name) or "attachments",
                record_slug=slug,
                kind=row["kind"],
                media_type=row["media_type"],
            )
            with storage.open(old_name) as content:
                new_name = storage.save(new_name, content, max_length=200)
            replaced.append(old_name)
        uploaded_at = row.pop("uploaded_at")
        # SQLite hands the stored time over as text, in UTC as Django keeps it there.
        if isinstance(uploaded_at, str):
            uploaded_at = parse_datetime(uploaded_at)
        if timezone.is_naive(uploaded_at):
            uploaded_at = uploaded_at.replace(tzinfo=datetime.UTC)
        attachment = Attachment.objects.using(db).create(file=new_name, **row)
        # auto_now_add set the time of this migration; the upload's own time is the one to keep.
        Attachment.objects.using(db).filter(pk=attachment.pk).update(uploaded_at=uploaded_at)
    with connection.cursor() as cursor:
        for statement in connection.ops.sequence_reset_sql(no_style(), [Attachment]):
            cursor.execute(statement)
    schema_editor.execute(f"DROP TABLE {connection.ops.quote_name(FORMER_TABLE)}")

    def delete_replaced():
        for name in replaced:
            storage.delete(name)

    # Until the new names are committed, every row names a file that is there.
    transaction.on_commit(delete_replaced, using=db)


class Migration(migrations.Migration):
    dependencies = [("registry", "0002_attachment")]

    operations = [migrations.RunPython(adopt_former_attachments, migrations.RunPython.noop)]
