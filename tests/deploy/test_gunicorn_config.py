"""krakow_relations/gunicorn.conf.py: its numbers come from the environment, with defaults for one server."""

import os
import runpy

from django.conf import settings

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
