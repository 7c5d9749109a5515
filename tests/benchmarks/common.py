"""What the benchmark scripts share: Django on a throw-away database (SQLite, or PostgreSQL with BENCH_POSTGRES)
holding the demo registry, grown to 100 times its size on demand, and the 95th percentile of a series of
timings."""

import atexit
import io
import os
import statistics
import sys
import tempfile
from pathlib import Path


def scratch_database_url():
    """A throw-away database: on the PostgreSQL server BENCH_POSTGRES names (e.g. postgres://postgres@127.0.0.1
    :5432), created now and dropped when the script ends; without it a SQLite file in a scratch folder."""
    server = os.environ.get("BENCH_POSTGRES")
    if not server:
        return f"sqlite:///{tempfile.mkdtemp(prefix='krakow-bench-')}/bench.sqlite3"
    import psycopg

    name = f"krakow_bench_{os.getpid()}"
    with psycopg.connect(f"{server}/postgres", autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')

    def drop():
        if "django.db" in sys.modules:
            from django.db import connections

            connections.close_all()
        with psycopg.connect(f"{server}/postgres", autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    atexit.register(drop)
    return f"{server}/{name}"


def start_django():
    """Set Django up with the demo registry: on DATABASE_URL if set, else on a scratch database."""
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "krakow_relations.settings")
    os.environ.setdefault("DEBUG", "1")
    if "DATABASE_URL" not in os.environ:
        os.environ["DATABASE_URL"] = scratch_database_url()
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
