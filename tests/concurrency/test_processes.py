"""Imports in separate processes against PostgreSQL: racing on one rule, and killed halfway."""

import json
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from agreements.models import Agreement
from exchange.format import BATCH_SIZE
from partners.models import PartnerCity
from programmes.models import Activity

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

PROCESSES = 16
MANAGE = [sys.executable, str(Path(settings.BASE_DIR) / "manage.py")]


def environment():
    """The test database, for a `manage.py` in another process."""
    database = connection.settings_dict
    address = f"postgres://{database['USER']}@{database['HOST'] or '127.0.0.1'}:{database['PORT'] or 5432}"
    return {**os.environ, "DEBUG": "1", "DATABASE_URL": f"{address}/{database['NAME']}"}


def twinning_document(number):
    """A new German city with a twinning agreement, behind enough activities to make the imports overlap."""
    city = f"german-city-{number}"
    return {
        "format": "krakow-relations/2",
        "cities": [
            {
                "id": city,
                "name_en": f"German City {number}",
                "name_pl": f"Niemieckie Miasto {number}",
                "country": "DE",
            }
        ],
        "agreements": [
            {
                "id": f"{city}-twinning",
                "city": city,
                "kind": "twinning",
                "status": "in_force",
                "council_resolution": {"number": "XII/123/90", "date": "1990-09-12"},
                "signed_on": "1991-06-01",
            }
        ],
        "activities": [
            {
                "id": f"{city}-days-{day}",
                "tool": 1,
                "title_pl": f"Dni {day}",
                "title_en": f"Days {day}",
                "starts_on": "2020-01-01",
                "cities": [city],
            }
            for day in range(40)
        ],
    }


def test_sixteen_processes_importing_twinnings_in_one_country_exactly_one_succeeds(tmp_path):
    files = []
    for number in range(PROCESSES):
        files.append(tmp_path / f"import-{number}.json")
        files[-1].write_text(json.dumps(twinning_document(number)))

    imports = [
        subprocess.Popen(
            [*MANAGE, "import_registry", str(path)],
            env=environment(),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for path in files
    ]
    outcomes = [(process.wait(timeout=300), process.communicate()[1]) for process in imports]

    succeeded = [error for code, error in outcomes if code == 0]
    failed = [error for code, error in outcomes if code != 0]
    assert len(succeeded) == 1
    (twin,) = Agreement.objects.filter(kind="twinning", country="DE").select_related("city")
    for error in failed:  # the command speaks the registry's language, Polish
        assert f"Kraków ma już miasto bliźniacze w kraju Niemcy: {twin.city.name_pl}." in error
        assert "niczego nie zapisano" in error
    # Consistent afterwards: the winner's records, and nothing of the fifteen others.
    assert list(PartnerCity.objects.values_list("slug", flat=True)) == [twin.city.slug]
    assert Activity.objects.count() == 40


def test_an_import_killed_halfway_leaves_the_registry_unchanged(tmp_path):
    path = tmp_path / "large.json"
    document = twinning_document(0)
    # Records are written, and their progress shown, a batch at a time: in ten batches, half of them done is
    # still well before the end.
    days = range(10 * BATCH_SIZE)
    document["activities"] = [{**document["activities"][0], "id": f"days-{day}"} for day in days]
    path.write_text(json.dumps(document))

    process = subprocess.Popen(
        [*MANAGE, "import_registry", str(path), "--progress"], env=environment(), stderr=subprocess.PIPE
    )
    done, total = 0, len(document["activities"]) + 2
    progress = b""
    deadline = time.monotonic() + 120
    while done < total // 2 and time.monotonic() < deadline:
        progress += os.read(process.stderr.fileno(), 4096)
        counts = re.findall(rb"(\d+)/(\d+)", progress)
        done = int(counts[-1][0]) if counts else 0
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=30)

    assert total // 2 <= done < total
    assert process.returncode == -signal.SIGKILL
    assert not PartnerCity.objects.exists()
    assert not Agreement.objects.exists()
    assert not Activity.objects.exists()
    assert not Activity.history.exists()
