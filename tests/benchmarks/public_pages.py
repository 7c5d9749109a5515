"""Server-side time of the public pages and API at the demo size and at 100 times the demo size.

Run with `make bench` (or `python tests/benchmarks/public_pages.py`); DATABASE_URL picks the database (a
throw-away SQLite file by default). Django caches no page (nginx's proxy cache does, in front): each request is
rendered, at the demo size and at 100 times it in turns, request by request, so that both sizes see the machine
in the same state. The script prints the median and 95th percentile of each, the median time its SQL took, the
rows it showed and its SQL queries. The demo registry does not fill a page of 50, so the lists are measured a
second time with pages of 7 rows, which every list fills at both sizes: pages of equal length, what is left of
the growth is what depends on the registry's size. Last, each page against the targets (docs/performance.md):
the same SQL queries at both sizes, and 100 times the demo within 1.5 times the demo's median, on pages of equal
length. It asserts nothing.
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
    # At each size the page of the city with the most public activities: a handful in the demo, hundreds at 100x.
    "busiest city's page": "busiest",
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
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from registry import pagination

    client = Client()

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
        urls = (
            {scale: busiest_city_url(scale) for scale in timings}
            if url == "busiest"
            else dict.fromkeys(timings, url)
        )
        for _ in range(RUNS):
            for scale in timings:
                registries.use(scale)
                elapsed, sql, _response = request(urls[scale])
                timings[scale].append(elapsed)
                sql_timings[scale].append(sql)
        measured = {}
        for scale in timings:
            registries.use(scale)
            with CaptureQueriesContext(connection) as queries:
                response = client.get(urls[scale])
            measured[scale] = {
                "time": (statistics.median(timings[scale]), percentile_95(timings[scale])),
                "sql": statistics.median(sql_timings[scale]),
                "rows": rows_shown(response),
                "queries": len(queries),
            }
        return measured

    def busiest_city_url(scale):
        from django.db.models import Count, Q

        from website.selectors import partner_city_list_with_public_page

        registries.use(scale)
        busiest = (
            partner_city_list_with_public_page()
            .annotate(public_activities=Count("activities", filter=Q(activities__is_public=True)))
            .order_by("-public_activities", "slug")
            .values_list("slug", flat=True)
            .first()
        )
        return f"/en/partners/{busiest}/"

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
    short = rendered_short_pages()

    print(
        f"database: {connection.vendor}; server time in ms through Django's test client, median / 95th"
        f" percentile of {RUNS} requests; SQL: the median time of its queries; rows: shown on the page"
    )
    print(
        f"{'page':26} {'rendered 1x':>14} {'rendered 100x':>15} {'ratio':>6} {'SQL 1x':>7} {'SQL 100x':>9}"
        f" {'rows':>13} {'queries':>9}"
    )
    for name in PAGES:
        cold_1, cold_100 = rendered[name][1], rendered[name][100]
        print(
            f"{name:26} {timing(cold_1, 14)} {timing(cold_100, 15)} {ratio(cold_1, cold_100)}"
            f" {cold_1['sql']:7.1f} {cold_100['sql']:9.1f} {rows(cold_1, cold_100)}"
            f" {cold_1['queries']:>4} / {cold_100['queries']:<3}"
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
    print()
    print("targets: the same SQL queries at both sizes; 100x within 1.5 times 1x, on pages of equal length")
    print(f"{'page':26} {'measured on':>14} {'rows':>13} {'queries':>8} {'ratio':>6}  target")
    for name in PAGES:
        measured, on = (
            (short[name], f"{SHORT_PAGE}-row pages") if name in short else (rendered[name], "full page")
        )
        at_1, at_100 = measured[1], measured[100]
        same_queries = at_1["queries"] == at_100["queries"]
        within = at_100["time"][0] / at_1["time"][0] <= 1.5
        if name == "busiest city's page":
            verdict = ("met" if within else "missed") + " (two cities: the queries follow their records)"
        elif at_1["rows"] != at_100["rows"]:
            verdict = "no equal pages: " + ("met" if same_queries else "missed") + " for the queries"
        else:
            verdict = "met" if same_queries and within else "missed"
        print(
            f"{name:26} {on:>14} {rows(at_1, at_100)} {'same' if same_queries else 'differ':>8}"
            f" {ratio(at_1, at_100)}  {verdict}"
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
