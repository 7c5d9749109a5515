"""krakow_relations/gunicorn.conf.py: its numbers come from the environment, with defaults for one server."""

import http.client
import os
import runpy
import signal
import subprocess
import sys
import threading
import time

import pytest
from django.conf import settings

from tests.deploy.servers import free_port, running_gunicorn

CONFIG = settings.BASE_DIR / "krakow_relations" / "gunicorn.conf.py"


def configuration():
    return runpy.run_path(str(CONFIG))


@pytest.fixture(autouse=True)
def _no_gevent_in_this_process(monkeypatch):
    """Loaded with gevent's workers, the settings would patch this test process's standard library."""
    monkeypatch.setenv("GUNICORN_WORKER_CLASS", "gthread")


def test_gevent_workers_by_default_with_the_standard_library_patched_as_the_settings_load():
    loaded = subprocess.run(
        [
            sys.executable,
            "-c",
            "import runpy, sys, gevent.monkey;"
            f"settings = runpy.run_path({str(CONFIG)!r});"
            "print(settings['worker_class'], gevent.monkey.is_module_patched('threading'))",
        ],
        env={key: value for key, value in os.environ.items() if key != "GUNICORN_WORKER_CLASS"},
        capture_output=True,
        text=True,
        check=True,
    )

    assert loaded.stdout.split() == ["gevent", "True"]


def test_two_workers_per_core_plus_one_by_default(monkeypatch):
    monkeypatch.delenv("GUNICORN_WORKERS", raising=False)

    assert configuration()["workers"] == 2 * len(os.sched_getaffinity(0)) + 1


def test_the_environment_sets_the_workers_timeout_and_address(monkeypatch):
    monkeypatch.setenv("GUNICORN_WORKERS", "3")
    monkeypatch.setenv("GUNICORN_TIMEOUT", "90")
    monkeypatch.setenv("GUNICORN_BIND", "10.0.0.11:8000")

    config = configuration()

    assert (config["workers"], config["timeout"], config["bind"]) == (3, 90, "10.0.0.11:8000")


def test_django_is_loaded_once_before_forking_and_errors_go_to_the_journal(monkeypatch):
    monkeypatch.delenv("GUNICORN_ACCESS_LOG", raising=False)

    config = configuration()

    assert config["preload_app"] is True
    assert config["wsgi_app"] == "krakow_relations.wsgi:application"
    assert (config["accesslog"], config["errorlog"]) == (None, "-")


def test_the_environment_turns_gunicorns_own_access_log_on(monkeypatch):
    monkeypatch.setenv("GUNICORN_ACCESS_LOG", "-")

    assert configuration()["accesslog"] == "-"


SLOW_APPLICATION = """
import pathlib
import time

from krakow_relations.wsgi import application

SERVED = pathlib.Path(__file__).with_name("served.log")


def slow_or_registry(environ, start_response):
    entered = time.monotonic()
    if environ["PATH_INFO"].startswith("/slow/"):
        time.sleep(float(environ["PATH_INFO"].removeprefix("/slow/")))
    response = application(environ, start_response)
    with SERVED.open("a") as served:
        served.write(f"{entered} {time.monotonic()}\\n")
    return response
"""


def slow_application_server(tmp_path, timeout=120, **settings):
    """gunicorn with the settings as the systemd unit uses them (gevent workers), serving one worker that
    sleeps for N seconds, yielding to its other greenlets, at /slow/N before the registry answers; `settings`
    adds GUNICORN_* variables."""
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
        "GUNICORN_TIMEOUT": str(timeout),
        **{f"GUNICORN_{name.upper()}": str(value) for name, value in settings.items()},
    }
    arguments = ["-c", str(CONFIG), "slow:slow_or_registry"]
    return port, log, running_gunicorn(arguments, port=port, environment=environment, log=log)


def test_a_worker_serves_one_request_at_a_time(tmp_path):
    """Two requests sent at once to one gevent worker: the second enters the application once the first has
    left it (the times the application itself records, so a slow machine cannot make them overlap or not)."""
    port, _log, server = slow_application_server(tmp_path)
    with server:
        clients = [threading.Thread(target=get, args=(port, "/slow/1")) for _ in range(2)]
        for client in clients:
            client.start()
        for client in clients:
            client.join(timeout=30)

    (first_in, first_out), (second_in, _second_out) = sorted(
        tuple(map(float, line.split())) for line in (tmp_path / "served.log").read_text().splitlines()
    )
    assert first_out - first_in >= 1
    assert second_in >= first_out


def test_a_request_running_past_the_timeout_gets_its_worker_replaced(tmp_path):
    """gevent workers tell gunicorn they are alive while a request waits; the config's own watch cuts it off."""
    port, log, server = slow_application_server(tmp_path, timeout=2)
    with server:
        started = time.monotonic()
        with pytest.raises(http.client.RemoteDisconnected):
            get(port, "/slow/60")
        cut_off_after = time.monotonic() - started

        assert 2 <= cut_off_after < 10
        assert get(port, "/").status == 302  # a new worker answers
        stuck = log.read_text().split("WORKER TIMEOUT", 1)[1]
        assert "in slow_or_registry" in stuck  # the stack of the request, not the watch's


def kept_open(port):
    """A connection that has had one answer and stays open, waiting for its next request, as nginx keeps it."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    connection.request("GET", "/")
    connection.getresponse().read()
    connection.request("GET", "/")
    response = connection.getresponse()
    response.read()
    assert response.status == 302
    assert not response.will_close  # kept alive: the second request went down the same connection
    return connection


def test_a_worker_stopping_closes_the_connections_kept_open_at_once(tmp_path):
    """Not after the 75 s that an idle connection is kept, nor the 30 s of the graceful timeout."""
    port, log, server = slow_application_server(tmp_path)
    with server as process:
        idle = kept_open(port)
        started = time.monotonic()
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=60)

        assert time.monotonic() - started < 15  # half the graceful timeout: room for a loaded CI machine
        assert "graceful timeout" not in log.read_text()
        assert "Error handling request" not in log.read_text()
        idle.close()


def test_a_worker_replaced_after_its_requests_closes_the_connections_kept_open(tmp_path):
    """At once, not after the graceful timeout: nginx would send its next request down one of them."""
    port, log, server = slow_application_server(tmp_path, max_requests=3)
    with server:
        idle = kept_open(port)
        get(port, "/")  # the worker's third request: it stops
        idle.sock.settimeout(15)  # half the graceful timeout

        assert idle.sock.recv(1) == b""  # closed by the worker
        assert get(port, "/").status == 302  # from the worker that replaced it
        assert "graceful timeout" not in log.read_text()
        idle.close()


def test_a_worker_class_chosen_on_the_command_line_is_refused(tmp_path):
    """The settings patch the standard library for gevent, or not, before gunicorn reads its arguments."""
    started = subprocess.run(
        [sys.executable, "-m", "gunicorn", "-c", str(CONFIG), "--worker-class", "sync"],
        cwd=settings.BASE_DIR,
        env={"PATH": os.environ["PATH"], "DEBUG": "1", "DATABASE_URL": f"sqlite:///{tmp_path}/db.sqlite3"},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )

    assert started.returncode != 0
    assert "choose the class with GUNICORN_WORKER_CLASS" in started.stderr


def get(port, path):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        connection.request("GET", path)
        return connection.getresponse()
    finally:
        connection.close()
