"""What the benchmark scripts share: Django on a throw-away database (SQLite, or PostgreSQL with BENCH_POSTGRES)
holding the demo registry, grown to 100 times its size on demand or kept beside a copy grown so (to measure
both sizes in turns), the time a request spends in SQL, and the 95th percentile of a series of timings."""

import atexit
import io
import os
import shutil
import statistics
import sys
import tempfile
import time
from contextlib import contextmanager
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


# A registry grows in records per city, not in cities: decades of activities, documents and history for a few
# hundred partner cities (no city has thousands).
CITIES = 300


def grow_to_100_times():
    """Add 99 times the demo registry's size of valid synthetic records among CITIES partner cities
    (`generate_synthetic --scale 99 --cities 300`); BENCH_CITIES, if set, another number of cities."""
    from django.core.management import call_command

    cities = int(os.environ.get("BENCH_CITIES", CITIES))
    call_command("generate_synthetic", scale=99, cities=cities, stderr=io.StringIO())


class TwoRegistries:
    """The demo registry and a copy of it grown to 100 times its size, both open in this process, Django's
    default database switched between them with `use(1)` and `use(100)`.

    A page measured at one size and then, minutes later, at the other compares two states of a shared virtual
    machine as much as two registries (single timings here drift by a fifth over minutes); measured in turns,
    request by request, both sizes see the same machine.
    """

    def __init__(self):
        from django.db import connections

        demo = connections["default"]
        demo.close()
        copy = copied_database(demo.settings_dict)
        self.registries = {1: demo, 100: type(demo)(copy, "default")}
        self.use(100)
        grow_to_100_times()
        self.use(1)

    def use(self, scale):
        from django.db import connections

        connections["default"] = self.registries[scale]


def copied_database(settings_dict):
    """A copy of the (closed) database, dropped when the script ends: its settings."""
    name = settings_dict["NAME"]
    if settings_dict["ENGINE"] == "django.db.backends.sqlite3":
        copy = f"{name}-100x"
        shutil.copyfile(name, copy)
        return {**settings_dict, "NAME": copy}
    import psycopg

    copy = f"{name}_100x"
    server = {
        "dbname": "postgres",
        **{
            key.lower(): settings_dict[key]
            for key in ("HOST", "PORT", "USER", "PASSWORD")
            if settings_dict[key]
        },
    }
    with psycopg.connect(**server, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{copy}" TEMPLATE "{name}"')

    def drop():
        with psycopg.connect(**server, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{copy}" WITH (FORCE)')

    atexit.register(drop)
    return {**settings_dict, "NAME": copy}


def percentile_95(timings):
    if len(timings) < 2:
        return timings[0]
    return statistics.quantiles(timings, n=20, method="inclusive")[18]


class SqlTime:
    milliseconds = 0.0

    def __call__(self, execute, sql, params, many, context):
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.milliseconds += (time.perf_counter() - started) * 1000


@contextmanager
def sql_time():
    """The time the default database spends executing the block's queries: on PostgreSQL up to the whole
    result, on SQLite up to its first row (the rest is read as Django fetches it; an aggregate or a sorted
    page has done its work by then)."""
    from django.db import connection

    timer = SqlTime()
    with connection.execute_wrapper(timer):
        yield timer
