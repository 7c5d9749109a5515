"""Server-side time of the public pages and API at the demo size and at 100 times the demo size.

Run with `make bench` (or `python tests/benchmarks/public_pages.py`); DATABASE_URL picks the database (a
throw-away SQLite file by default). Each page is asked for with every cache emptied first (rendered, as after
a staff edit) and then from the cache; the script prints the median and 95th percentile of each and the SQL
queries of a rendered page. It asserts nothing.
"""

import statistics
import time

from common import grow_to_100_times, percentile_95, start_django  # this folder's own module

RUNS = 15


def main():
    start_django()
    from django.conf import settings
    from django.core.cache import caches
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

    def clear_caches():
        for alias in settings.CACHES:
            caches[alias].clear()

    def measure(url, warm):
        timings = []
        for _ in range(RUNS):
            if not warm:
                clear_caches()
            started = time.perf_counter()
            response = client.get(url)
            timings.append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200, (url, response.status_code)
        clear_caches()
        with CaptureQueriesContext(connection) as queries:
            client.get(url)
        return (statistics.median(timings), percentile_95(timings)), len(queries)

    results = {}
    for scale in (1, 100):
        if scale == 100:
            grow_to_100_times()
        for name, url in pages.items():
            cold, queries = measure(url, warm=False)
            warm, _queries = measure(url, warm=True)
            results[name, scale] = (cold, warm, queries)

    print(
        f"database: {connection.vendor}; server time in ms through Django's test client, median / 95th"
        f" percentile of {RUNS} requests"
    )
    print(
        f"{'page':26} {'rendered 1x':>14} {'rendered 100x':>15} {'ratio':>6} {'cached 1x':>12}"
        f" {'cached 100x':>12} {'queries':>8}"
    )
    for name in pages:
        (cold_1, cold_1_p95), (warm_1, warm_1_p95), queries_1 = results[name, 1]
        (cold_100, cold_100_p95), (warm_100, warm_100_p95), queries_100 = results[name, 100]
        print(
            f"{name:26} {cold_1:6.1f} / {cold_1_p95:<5.0f} {cold_100:7.1f} / {cold_100_p95:<5.0f}"
            f" {cold_100 / cold_1:6.2f} {warm_1:5.1f} / {warm_1_p95:<4.1f} {warm_100:5.1f} / {warm_100_p95:<4.1f}"
            f" {queries_1:>3} / {queries_100:<3}"
        )
    print("ratio: the rendered median at 100 times the demo over the one at the demo size")


if __name__ == "__main__":
    main()
