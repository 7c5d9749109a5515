"""Backups: docs/deploy/backup.sh and restore-check.sh against the test database, as the nightly timer runs
them, and the restore check failing whenever the restored registry is not the one that was backed up."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import connection

from agreements.models import Agreement
from partners.models import PartnerCity
from registry.models import Attachment
from tests.agreements.factories import AgreementFactory

pytestmark = pytest.mark.postgres
# The scripts run in other processes: a test whose rows they must see commits them (and pays for emptying
# the database afterwards); the others keep the cheap rolled-back transaction.
committed = pytest.mark.django_db(transaction=True)
uncommitted = pytest.mark.django_db

SCRIPTS = Path(settings.BASE_DIR) / "docs" / "deploy"
BASH, PSQL, PG_DUMP, SHA256SUM = (shutil.which(name) for name in ("bash", "psql", "pg_dump", "sha256sum"))
SCAN = "attachments/2024/nuremberg-signed.pdf"
PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def database_url():
    """The test database, as DATABASE_URL names it for the scripts and `manage.py`."""
    database = connection.settings_dict
    address = f"postgres://{database['USER']}@{database['HOST'] or '127.0.0.1'}:{database['PORT'] or 5432}"
    return f"{address}/{database['NAME']}"


@pytest.fixture
def private_media(tmp_path):
    """A registry with one agreement and its signed scan, the scan in a private media folder of its own."""
    agreement = AgreementFactory(slug="nuremberg-twinning")
    media = tmp_path / "private-media"
    (media / SCAN).parent.mkdir(parents=True)
    (media / SCAN).write_bytes(PDF_BYTES)
    Attachment.objects.bulk_create(
        [
            Attachment(
                content_type=ContentType.objects.get_for_model(Agreement),
                object_id=agreement.pk,
                kind="signed_agreement",
                file=SCAN,
                media_type="application/pdf",
                size=len(PDF_BYTES),
            )
        ]
    )
    return media


@pytest.fixture
def environment(tmp_path, private_media):
    return {
        "PATH": os.environ["PATH"],
        "DATABASE_URL": database_url(),
        "PRIVATE_MEDIA_ROOT": str(private_media),
        "BACKUP_DIR": str(tmp_path / "backups"),
        "RESTORE_CHECK_DATABASE": f"{connection.settings_dict['NAME']}_restore_check",
        "APP_PYTHON": sys.executable,
        "SECRET_KEY": "restore-check-secret-key-of-fifty-characters-or-more",
    }


def run(script, environment):
    return subprocess.run(
        [BASH, str(SCRIPTS / script)],
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def backed_up(environment):
    """The set backup.sh has just written."""
    completed = run("backup.sh", environment)
    assert completed.returncode == 0, completed.stderr
    (backup,) = Path(environment["BACKUP_DIR"]).glob("2*Z")
    return backup


@committed
def test_the_newest_backup_restores_with_every_row_and_document(environment):
    backup = backed_up(environment)

    completed = run("restore-check.sh", environment)

    assert completed.returncode == 0, completed.stdout + completed.stderr
    assert "hold the rows they held when backed up" in completed.stdout
    assert "every document the database names (1)" in completed.stdout
    assert f"OK: {backup} restores" in completed.stdout


@uncommitted
def test_a_damaged_dump_is_detected(environment):
    dump = backed_up(environment) / "registry.dump"
    content = bytearray(dump.read_bytes())
    content[len(content) // 2] ^= 0xFF
    dump.write_bytes(bytes(content))

    completed = run("restore-check.sh", environment)

    assert completed.returncode != 0
    assert "the files differ from their SHA256SUMS" in completed.stderr


@committed
def test_a_restore_that_differs_from_the_database_backed_up_is_detected(environment):
    """A dump that restores cleanly, checksums and all, but not of the registry as it was backed up."""
    backup = backed_up(environment)
    PartnerCity.objects.update(name_en="Not Nuremberg")
    subprocess.run(
        [PG_DUMP, "--format=custom", f"--file={backup / 'registry.dump'}", environment["DATABASE_URL"]],
        check=True,
    )
    sums = subprocess.run(
        [SHA256SUM, "registry.dump", "private-media.tar.gz", "fingerprint.txt"],
        cwd=backup,
        capture_output=True,
        text=True,
        check=True,
    )
    (backup / "SHA256SUMS").write_text(sums.stdout)

    completed = run("restore-check.sh", environment)

    assert completed.returncode != 0
    assert "the restored tables differ from the database that was backed up" in completed.stderr
    differing = {line.split("|")[0] for line in completed.stderr.splitlines() if line[:2] in ("< ", "> ")}
    assert differing == {"< partners_partnercity", "> partners_partnercity"}


@committed
def test_a_document_missing_from_the_archive_is_detected(environment, private_media):
    (private_media / SCAN).unlink()
    backed_up(environment)

    completed = run("restore-check.sh", environment)

    assert completed.returncode != 0
    assert f"the document {SCAN} is not in the archive" in completed.stderr


@uncommitted
def test_the_scratch_database_is_never_the_registrys_own(environment):
    completed = run(
        "restore-check.sh", {**environment, "RESTORE_CHECK_DATABASE": connection.settings_dict["NAME"]}
    )

    assert completed.returncode != 0
    assert "cannot be the registry's own database" in completed.stderr
    assert "checking" not in completed.stdout


@uncommitted
def test_a_database_the_check_did_not_make_is_never_emptied(environment):
    """Someone else's database under the scratch name (made here once, and left, empty: dropping a database
    costs a checkpoint of the whole server)."""
    backed_up(environment)
    theirs = f"{connection.settings_dict['NAME']}_not_made_by_restore_check"
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [theirs])
        exists = cursor.fetchone()
    if not exists:  # CREATE DATABASE cannot run in the test's transaction
        psql = [PSQL, "--no-psqlrc", "--quiet", environment["DATABASE_URL"]]
        subprocess.run([*psql, "-c", f"CREATE DATABASE {theirs}"], check=True)
        subprocess.run(
            [*psql, "-c", f"COMMENT ON DATABASE {theirs} IS 'a test of restore-check.sh'"], check=True
        )

    completed = run("restore-check.sh", {**environment, "RESTORE_CHECK_DATABASE": theirs})

    assert completed.returncode != 0
    assert f"the database {theirs} exists and was not made by this script" in completed.stderr


@uncommitted
def test_a_backup_keeps_the_newest_sets_and_removes_the_older(environment):
    backups = Path(environment["BACKUP_DIR"])
    for old in ("20240101T020000Z", "20240102T020000Z", "20240103T020000Z"):
        (backups / old).mkdir(parents=True)

    completed = run("backup.sh", {**environment, "BACKUP_KEEP": "2"})

    assert completed.returncode == 0, completed.stderr
    kept = sorted(path.name for path in backups.iterdir() if not path.name.startswith("."))
    assert len(kept) == 2
    assert kept[0] == "20240103T020000Z"
    assert (backups / kept[1] / "registry.dump").stat().st_size > 0
