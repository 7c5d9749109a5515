"""Throughput of the exchange format at the demo size and at 100 times the demo size: a file imported into an
empty registry, the same file imported again (every record replaced), and the registry exported.

Run with `make bench` (or `python tests/benchmarks/exchange.py`); DATABASE_URL picks the database (a
throw-away SQLite file by default, or one on the server BENCH_POSTGRES names). It empties that database, as
`manage.py flush` does, to import into an empty registry: never point it at one that matters. An import is
timed as `manage.py import_registry` does it (reading the file, validating, writing, one transaction), an
export as `manage.py export_registry` does it (reading the registry, writing the file). The demo size is timed
several times (the median is shown), 100 times once, with DEBUG off as in production. Beside the time it took, it prints the CPU time this
process spent, which other work on the machine affects less (the database server's is not in it). It prints
figures; it asserts nothing.
"""

import io
import statistics
import tempfile
import time
from pathlib import Path

from common import grow_to_100_times, start_django  # this folder's own module

RUNS = {1: 5, 100: 1}


def main():
    start_django()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection

    # With DEBUG on, Django keeps every query's SQL with its parameters quoted in; an import on the production
    # settings does not, and that bookkeeping was a fifth of the time of importing 100 times the demo registry.
    settings.DEBUG = False

    from exchange.format import dump_document, export_registry, import_registry, load_document

    path = Path(tempfile.mkdtemp(prefix="krakow-bench-exchange-")) / "registry.json"

    def timed(work):
        started, cpu_started = time.perf_counter(), time.process_time()
        work()
        return time.perf_counter() - started, time.process_time() - cpu_started

    def export():
        path.write_text(dump_document(export_registry()), encoding="utf-8")

    def import_file():
        result = import_registry(load_document(path))
        assert not result.problems, [str(problem) for problem in result.problems[:10]]

    def empty_registry():
        call_command("flush", interactive=False, verbosity=0, stdout=io.StringIO())

    results = {}
    for scale, runs in RUNS.items():
        if scale == 100:
            grow_to_100_times()
        timings = {"export": [], "new": [], "again": []}
        for _run in range(runs):
            timings["export"].append(timed(export))
            empty_registry()
            timings["new"].append(timed(import_file))
            timings["again"].append(timed(import_file))
        document = load_document(path)
        records = sum(len(document[section]) for section in document if section != "format")
        results[scale] = (
            records,
            {
                name: [statistics.median(column) for column in zip(*seconds, strict=True)]
                for name, seconds in timings.items()
            },
        )

    print(f"database: {connection.vendor}; records per second (seconds, CPU seconds of this process)")
    print(f"{'':36} {'1x':>28} {'100x':>28}")
    print(f"{'records':36} {results[1][0]:>28} {results[100][0]:>28}")
    for name, label in [
        ("new", "import into an empty registry"),
        ("again", "import again (every record replaced)"),
        ("export", "export"),
    ]:
        figures = [
            f"{records / seconds[name][0]:7.0f} ({seconds[name][0]:6.2f} s, {seconds[name][1]:6.2f} s)"
            for records, seconds in results.values()
        ]
        print(f"{label:36} {figures[0]:>28} {figures[1]:>28}")


if __name__ == "__main__":
    main()
