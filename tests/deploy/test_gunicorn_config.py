"""krakow_relations/gunicorn.conf.py as production runs it: gunicorn's own timeout replaces a stuck worker."""

import http.client
import os
import time

from django.conf import settings

from tests.deploy.servers import free_port, running_gunicorn

CONFIG = settings.BASE_DIR / "krakow_relations" / "gunicorn.conf.py"

SLOW_APPLICATION = """
import time

from krakow_relations.wsgi import application


def slow_or_registry(environ, start_response):
    if environ["PATH_INFO"].startswith("/slow/"):
        time.sleep(float(environ["PATH_INFO"].removeprefix("/slow/")))
    return application(environ, start_response)
"""


def get(port, path):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    connection.request("GET", path)
    response = connection.getresponse()
    response.read()
    return response


def answered_by_a_new_worker(port, log, attempts=5):
    """The registry's home answers again once the arbiter has booted a worker in place of the one it aborted.

    On a machine busy with the rest of the suite, a fresh worker's boot and first request can themselves
    outlast the timeout and get that worker replaced in turn; the test asks again, a few times.
    """
    for _ in range(attempts):
        if log.read_text().count("Booting worker") >= 2 and get(port, "/").status == 302:
            return True
        time.sleep(2)
    return False


def test_a_request_running_past_the_timeout_gets_its_worker_replaced(tmp_path):
    """The address, the number of workers and the timeout come from the environment (docs/deploy.md)."""
    (tmp_path / "slow.py").write_text(SLOW_APPLICATION)
    port = free_port()
    log = tmp_path / "gunicorn.log"
    environment = {
        "PATH": os.environ["PATH"],
        "PYTHONPATH": str(tmp_path),
        "DEBUG": "1",
        "DATABASE_URL": f"sqlite:///{tmp_path}/db.sqlite3",
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "GUNICORN_WORKERS": "1",
        "GUNICORN_TIMEOUT": "6",
    }
    arguments = ["-c", str(CONFIG), "slow:slow_or_registry"]
    with running_gunicorn(arguments, port=port, environment=environment, log=log):
        started = time.monotonic()
        stuck = get(port, "/slow/60")
        cut_off_after = time.monotonic() - started

        assert stuck.status == 500  # gunicorn answers for the worker it aborts
        assert 6 <= cut_off_after < 30
        assert answered_by_a_new_worker(port, log)
        assert "WORKER TIMEOUT" in log.read_text()
