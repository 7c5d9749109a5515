"""What the benchmark scripts share: Django on a throw-away database holding the demo registry, grown to 100
times its size on demand, and the 95th percentile of a series of timings."""

import io
import os
import statistics
import sys
import tempfile
from pathlib import Path


def start_django():
    """Set Django up (DATABASE_URL, if set, picks the database; else a scratch SQLite file) with the demo."""
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "krakow_relations.settings")
    os.environ.setdefault("DEBUG", "1")
    scratch = tempfile.mkdtemp(prefix="krakow-bench-")
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{scratch}/bench.sqlite3")
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    settings.ALLOWED_HOSTS = ["testserver"]
    call_command("migrate", verbosity=0)
    call_command("import_registry", str(settings.DEMO_REGISTRY_FILE), stderr=io.StringIO())


def grow_to_100_times():
    """Add 99 times the demo registry's size of valid synthetic records."""
    from django.core.management import call_command

    call_command("generate_synthetic", scale=99, stderr=io.StringIO())


def percentile_95(timings):
    if len(timings) < 2:
        return timings[0]
    return statistics.quantiles(timings, n=20, method="inclusive")[18]
