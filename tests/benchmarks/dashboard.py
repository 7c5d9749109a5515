"""Server-side time of the council's dashboard, its CSV and the annual report at the demo size and at 100 times it.

Run with `make bench` (or `python tests/benchmarks/dashboard.py`); DATABASE_URL picks the database (a
throw-away SQLite file by default). A council member signed in through Django's test client asks for each
page, at the demo size and at 100 times it in turns, request by request, so that both sizes see the machine
in the same state; the script prints the median and 95th percentile of the server time, the median time its
SQL took and the SQL queries of one request.
The charts are drawn once and kept under a digest of their figures, so the dashboard is measured both ways:
as a council member usually gets it, and with the charts drawn for the request (after any change of its
figures). Last, the targets (docs/performance.md): the same SQL queries at both sizes, the dashboard at 100
times the demo within 3 times the demo's median, the annual report under 3 s for the demo and under 30 s at 100
times it. It asserts nothing.
"""

import os
import statistics
import time

from common import TwoRegistries, percentile_95, sql_time, start_django  # this folder's own module

RUNS = int(os.environ.get("BENCH_RUNS", 15))
# A PDF takes seconds at 100 times the demo; three runs give its median.
PDF_RUNS = 3
FILTERS = "as_of=2020-12-31&year_from=2011&year_to=2020&continent=europe"


def main():
    start_django()
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from registry.permissions import COUNCIL_MEMBERS

    member, _created = get_user_model().objects.get_or_create(username="bench-council-member")
    member.groups.add(Group.objects.get(name=COUNCIL_MEMBERS))
    client = Client()
    client.force_login(member)
    report_year = timezone.localdate().year - 1
    pages = {
        "dashboard": ("/en/dashboard/", RUNS),
        "dashboard, charts drawn anew": ("/en/dashboard/", RUNS),
        "dashboard, filtered": (f"/en/dashboard/?{FILTERS}", RUNS),
        "map data (JSON)": ("/en/dashboard/map.json", RUNS),
        "CSV: relations in force": ("/en/dashboard/relations-in-force.csv", RUNS),
        f"annual report {report_year} (PDF)": (f"/en/dashboard/report/{report_year}.pdf", PDF_RUNS),
    }

    def get(url):
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        return response

    def measure_in_turns(url, runs, *, draw_charts):
        timings, sql_timings, query_counts = ({1: [], 100: []} for _ in range(3))
        for _ in range(runs):
            for scale in timings:
                registries.use(scale)
                if draw_charts:
                    # Charts are kept under a digest of their figures; empty, they are drawn for the request.
                    cache.clear()
                with CaptureQueriesContext(connection) as queries, sql_time() as sql:
                    started = time.perf_counter()
                    get(url)
                    timings[scale].append((time.perf_counter() - started) * 1000)
                sql_timings[scale].append(sql.milliseconds)
                # Counted at once: the captured queries are a slice of the connection's log, which the next
                # request resets.
                query_counts[scale].append(len(queries))
        return {
            scale: (
                statistics.median(timings[scale]),
                percentile_95(timings[scale]),
                statistics.median(sql_timings[scale]),
                max(query_counts[scale]),
            )
            for scale in timings
        }

    registries = TwoRegistries()
    # Once per size, untimed: the first request loads Matplotlib and WeasyPrint, compiles the templates and
    # draws the charts a council member usually finds drawn.
    for scale in (1, 100):
        registries.use(scale)
        for url, _runs in pages.values():
            get(url)
    results = {
        name: measure_in_turns(url, runs, draw_charts="drawn anew" in name)
        for name, (url, runs) in pages.items()
    }

    print(
        f"database: {connection.vendor}; server time in ms through Django's test client, signed in as a council"
        f" member; {RUNS} requests per page ({PDF_RUNS} for the PDF)"
    )
    print(
        f"{'page':30} {'1x median':>10} {'1x p95':>8} {'100x median':>12} {'100x p95':>9} {'ratio':>6}"
        f" {'SQL 1x':>8} {'SQL 100x':>9} {'queries 1x / 100x':>18}"
    )
    for name in pages:
        median_1, p95_1, sql_1, queries_1 = results[name][1]
        median_100, p95_100, sql_100, queries_100 = results[name][100]
        print(
            f"{name:30} {median_1:10.1f} {p95_1:8.1f} {median_100:12.1f} {p95_100:9.1f}"
            f" {median_100 / median_1:6.1f} {sql_1:8.1f} {sql_100:9.1f} {queries_1:>9} / {queries_100:<6}"
        )
    print(
        "ratio: the median at 100 times the demo over the median at the demo size; SQL: its queries' median time"
    )
    print()
    print("targets")
    for name in pages:
        (median_1, _p95, _sql, queries_1), (median_100, _p95, _sql, queries_100) = (
            results[name][1],
            results[name][100],
        )
        checks = [("same SQL queries", queries_1 == queries_100)]
        if name.startswith("dashboard"):
            checks.append(
                (f"100x within 3x of 1x ({median_100 / median_1:.1f}x)", median_100 <= 3 * median_1)
            )
        if name.startswith("annual report"):
            checks.append((f"1x under 3 s ({median_1 / 1000:.2f} s)", median_1 < 3000))
            checks.append((f"100x under 30 s ({median_100 / 1000:.2f} s)", median_100 < 30000))
        print(f"{name:30} " + "; ".join(f"{check}: {'met' if ok else 'missed'}" for check, ok in checks))


if __name__ == "__main__":
    main()
