"""krakow_relations/gunicorn.conf.py: its numbers come from the environment, with defaults for one server."""

import http.client
import os
import runpy
import time

import pytest
from django.conf import settings

from tests.deploy.servers import free_port, running_gunicorn

CONFIG = settings.BASE_DIR / "krakow_relations" / "gunicorn.conf.py"


def configuration():
    return runpy.run_path(str(CONFIG))


def test_two_workers_per_core_plus_one_by_default(monkeypatch):
    monkeypatch.delenv("GUNICORN_WORKERS", raising=False)

    assert configuration()["workers"] == 2 * len(os.sched_getaffinity(0)) + 1


def test_the_environment_sets_the_workers_timeout_and_address(monkeypatch):
    monkeypatch.setenv("GUNICORN_WORKERS", "3")
    monkeypatch.setenv("GUNICORN_TIMEOUT", "90")
    monkeypatch.setenv("GUNICORN_BIND", "10.0.0.11:8000")

    config = configuration()

    assert (config["workers"], config["timeout"], config["bind"]) == (3, 90, "10.0.0.11:8000")


def test_django_is_loaded_once_before_forking_and_both_logs_go_to_the_journal(monkeypatch):
    monkeypatch.delenv("GUNICORN_ACCESS_LOG", raising=False)

    config = configuration()

    assert config["preload_app"] is True
    assert config["wsgi_app"] == "krakow_relations.wsgi:application"
    assert (config["accesslog"], config["errorlog"]) == ("-", "-")


SLOW_APPLICATION = """
import time

from krakow_relations.wsgi import application


def slow_or_registry(environ, start_response):
    if environ["PATH_INFO"] == "/slow":
        time.sleep(60)
    return application(environ, start_response)
"""


def test_a_request_running_past_the_timeout_gets_its_worker_replaced(tmp_path):
    """gthread workers tell gunicorn they are alive while a request runs; the config's own watch cuts it off."""
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
        "GUNICORN_TIMEOUT": "2",
    }
    arguments = ["-c", str(CONFIG), "slow:slow_or_registry"]
    with running_gunicorn(arguments, port=port, environment=environment, log=log):
        started = time.monotonic()
        with pytest.raises(http.client.RemoteDisconnected):
            get(port, "/slow")
        cut_off_after = time.monotonic() - started

        assert 2 <= cut_off_after < 10
        assert get(port, "/").status == 302  # a new worker answers
        assert "WORKER TIMEOUT" in log.read_text()


def get(port, path):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        connection.request("GET", path)
        return connection.getresponse()
    finally:
        connection.close()
