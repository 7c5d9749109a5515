"""Server-side time of the public pages and API at the demo size and at 100 times the demo size.

Run with `make bench` (or `python tests/benchmarks/public_pages.py`); DATABASE_URL picks the database (a
throw-away SQLite file by default). It prints figures; it asserts nothing.
"""

import statistics
import time

from common import grow_to_100_times, start_django  # this folder's own module

RUNS = 15


def main():
    start_django()
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

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
            grow_to_100_times()
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
