"""Server-side time of the public pages and API at the demo size and at 100 times the demo size.

Run with `make bench` (or `python tests/benchmarks/public_pages.py`); DATABASE_URL picks the database (a
throw-away SQLite file by default). Each page is asked for with every cache emptied first (rendered, as after
a staff edit), at the demo size and at 100 times it in turns, request by request, so that both sizes see the
machine in the same state; then from the cache. The script prints the median and 95th percentile of each, the
median time its SQL took, the rows it showed and its SQL queries. The demo registry does not fill a page of 50, so
the lists are measured a second time with pages of 12 rows, which every list fills at both sizes: what is left
of the growth is what depends on the registry's size. It asserts nothing.
"""

import re
import statistics
import time

from common import TwoRegistries, percentile_95, sql_time, start_django  # this folder's own module

RUNS = int(__import__("os").environ.get("BENCH_RUNS", 15))
PAGES = {
    "partner list": "/en/partners/",
    "partner list, by distance": "/en/partners/?status=all&sort=distance",
    "city page": "/en/partners/nuremberg/",
    "associations": "/en/associations/",
    "EU programmes": "/en/eu-programmes/",
    "API list": "/api/partners/",
    "API CSV": "/api/partners.csv",
}
# Rows that every list but the EU programmes fills at the demo size (the associations hold 7; the EU
# programmes' two lists hold three rows together).
SHORT_PAGE = 7
SHORT_PAGES = {
    "partner list": "/en/partners/",
    "partner list, by distance": "/en/partners/?status=all&sort=distance",
    "associations": "/en/associations/",
    "API list": f"/api/partners/?page_size={SHORT_PAGE}",
}


def main():
    start_django()
    from django.conf import settings
    from django.core.cache import caches
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from registry import pagination

    client = Client()

    def clear_caches():
        for alias in settings.CACHES:
            caches[alias].clear()

    def request(url):
        with sql_time() as sql:
            started = time.perf_counter()
            response = client.get(url)
            elapsed = (time.perf_counter() - started) * 1000
        assert response.status_code == 200, (url, response.status_code)
        return elapsed, sql.milliseconds, response

    def rendered_in_turns(url):
        """The page rendered with every cache emptied, at each size in turn; the medians per size."""
        timings = {1: [], 100: []}
        sql_timings = {1: [], 100: []}
        for _ in range(RUNS):
            for scale in timings:
                registries.use(scale)
                clear_caches()
                elapsed, sql, _response = request(url)
                timings[scale].append(elapsed)
                sql_timings[scale].append(sql)
        measured = {}
        for scale in timings:
            registries.use(scale)
            clear_caches()
            with CaptureQueriesContext(connection) as queries:
                response = client.get(url)
            measured[scale] = {
                "time": (statistics.median(timings[scale]), percentile_95(timings[scale])),
                "sql": statistics.median(sql_timings[scale]),
                "rows": rows_shown(response),
                "queries": len(queries),
            }
        return measured

    def cached(url, scale):
        registries.use(scale)
        clear_caches()  # the two registries share the cache: a page of the other size must not be served
        timings = [request(url)[0] for _ in range(RUNS + 1)][1:]
        return statistics.median(timings), percentile_95(timings)

    def rendered_short_pages():
        # The HTML lists' page length is fixed in the code; the API's is the reader's `page_size`.
        defaults = pagination.page_of.__kwdefaults__
        defaults["per_page"], full_page = SHORT_PAGE, defaults["per_page"]
        try:
            return {name: rendered_in_turns(url) for name, url in SHORT_PAGES.items()}
        finally:
            defaults["per_page"] = full_page

    registries = TwoRegistries()
    rendered = {name: rendered_in_turns(url) for name, url in PAGES.items()}
    warm = {(name, scale): cached(url, scale) for name, url in PAGES.items() for scale in (1, 100)}
    short = rendered_short_pages()

    print(
        f"database: {connection.vendor}; server time in ms through Django's test client, median / 95th"
        f" percentile of {RUNS} requests; SQL: the median time of its queries; rows: shown on the page"
    )
    print(
        f"{'page':26} {'rendered 1x':>14} {'rendered 100x':>15} {'ratio':>6} {'SQL 1x':>7} {'SQL 100x':>9}"
        f" {'rows':>13} {'cached 1x':>12} {'cached 100x':>12} {'queries':>8}"
    )
    for name in PAGES:
        cold_1, cold_100 = rendered[name][1], rendered[name][100]
        warm_1, warm_100 = warm[name, 1], warm[name, 100]
        print(
            f"{name:26} {timing(cold_1, 14)} {timing(cold_100, 15)} {ratio(cold_1, cold_100)}"
            f" {cold_1['sql']:7.1f} {cold_100['sql']:9.1f} {rows(cold_1, cold_100)}"
            f" {spread(warm_1, 12)} {spread(warm_100, 12)} {cold_1['queries']:>3} / {cold_100['queries']:<3}"
        )
    print("ratio: the rendered median at 100 times the demo over the one at the demo size")
    print()
    print(f"the lists again, in pages of {SHORT_PAGE} rows at both sizes, rendered")
    print(f"{'page':26} {'1x':>14} {'100x':>15} {'ratio':>6} {'SQL 1x':>7} {'SQL 100x':>9} {'rows':>13}")
    for name in SHORT_PAGES:
        short_1, short_100 = short[name][1], short[name][100]
        print(
            f"{name:26} {timing(short_1, 14)} {timing(short_100, 15)} {ratio(short_1, short_100)}"
            f" {short_1['sql']:7.1f} {short_100['sql']:9.1f} {rows(short_1, short_100)}"
        )


def rows_shown(response):
    """The records the page shows: the rows of its tables' bodies, the API's results, the CSV's lines."""
    content_type = response.get("Content-Type", "")
    if content_type.startswith("application/json"):
        return len(response.json()["results"])
    if content_type.startswith("text/csv"):
        return response.content.decode().count("\n") - 1
    bodies = re.findall(r"<tbody>(.*?)</tbody>", response.content.decode(), flags=re.DOTALL)
    return sum(body.count("<tr") for body in bodies)


def timing(measured, width):
    return spread(measured["time"], width)


def spread(median_and_p95, width):
    median, p95 = median_and_p95
    return f"{median:.1f} / {p95:.1f}".rjust(width)


def ratio(at_1, at_100):
    return f"{at_100['time'][0] / at_1['time'][0]:6.2f}"


def rows(at_1, at_100):
    return f"{at_1['rows']} → {at_100['rows']}".rjust(13)


if __name__ == "__main__":
    main()
