"""Server-side time of the public pages and API at the demo size and at 100 times the demo size.

Run with `make bench` (or `python tests/benchmarks/public_pages.py`); DATABASE_URL picks the database (a
throw-away SQLite file by default). It prints figures; it asserts nothing.
"""

import io
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

RUNS = 15


def main():
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "krakow_relations.settings")
    os.environ.setdefault("DEBUG", "1")
    scratch = tempfile.mkdtemp(prefix="krakow-bench-")
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{scratch}/bench.sqlite3")
    import django

    django.setup()
    from django.conf import settings
    from django.core.cache import cache
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    settings.ALLOWED_HOSTS = ["testserver"]
    call_command("migrate", verbosity=0)
    call_command("import_registry", str(settings.DEMO_REGISTRY_FILE), stderr=io.StringIO())
    client = Client()
    pages = {
        "partner list": "/en/partners/",
        "partner list, by distance": "/en/partners/?status=all&sort=distance",
        "city page": "/en/partners/nuremberg/",
        "associations": "/en/associations/",
        "EU programmes": "/en/eu-programmes/",
        "API list": "/api/partners/",
        "API CSV": "/api/partners.csv",
    }

    def measure(url, warm):
        timings = []
        for _ in range(RUNS):
            if not warm:
                cache.clear()
            started = time.perf_counter()
            response = client.get(url)
            timings.append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200, (url, response.status_code)
        cache.clear()
        with CaptureQueriesContext(connection) as queries:
            client.get(url)
        return statistics.median(timings), len(queries)

    results = {}
    for scale in (1, 100):
        if scale == 100:
            call_command("generate_synthetic", scale=99, stderr=io.StringIO())
        for name, url in pages.items():
            cold, queries = measure(url, warm=False)
            warm, _queries = measure(url, warm=True)
            results[name, scale] = (cold, warm, queries)

    print(f"database: {connection.vendor}; median of {RUNS} requests through Django's test client")
    print(
        f"{'page':28} {'1x ms':>8} {'100x ms':>8} {'ratio':>6} {'cached 1x':>10} {'cached 100x':>12} {'queries':>8}"
    )
    for name in pages:
        cold_1, warm_1, queries_1 = results[name, 1]
        cold_100, warm_100, queries_100 = results[name, 100]
        print(
            f"{name:28} {cold_1:8.1f} {cold_100:8.1f} {cold_100 / cold_1:6.1f} {warm_1:10.1f} {warm_100:12.1f}"
            f" {queries_1:>3} / {queries_100:<3}"
        )


if __name__ == "__main__":
    main()
