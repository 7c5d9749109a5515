"""`make run` serves on the port asked for and prints its log-in hint in the README's language, with the
addresses of that port."""

import io
import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings

from exchange.management.commands.load_demo import Command

ROOT = Path(settings.BASE_DIR)


def dry_run(*arguments):
    """The commands `make run` would run, without running them."""
    return subprocess.run(
        [shutil.which("make"), "--dry-run", "--always-make", "run", *arguments],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout


def test_make_run_serves_on_the_port_asked_for_and_points_the_hint_there():
    commands = dry_run("PORT=8001")

    assert "runserver 127.0.0.1:8001" in commands
    assert "load_demo --site http://127.0.0.1:8001 --language en" in commands


def test_make_run_serves_on_8000_by_default():
    assert "runserver 127.0.0.1:8000" in dry_run()


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", "Log in at http://127.0.0.1:8001/en/admin/ as demo with the password krakow-demo"),
        ("pl", "Zaloguj się pod adresem http://127.0.0.1:8001/pl/admin/ jako demo, hasło: krakow-demo"),
    ],
)
def test_the_hint_is_in_the_language_asked_for(language, expected):
    output = io.StringIO()

    Command(stdout=output).log_in_hint(site="http://127.0.0.1:8001", language=language)

    hint = output.getvalue()
    assert expected in hint
    assert f"http://127.0.0.1:8001/{language}/dashboard/" in hint
