"""What the deployment tests need to run a server of their own: a free port, waiting until it listens, and
gunicorn started and stopped around a test."""

import contextlib
import signal
import socket
import subprocess
import sys
import time

import pytest
from django.conf import settings


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_until_listening(port, process, log):
    """Return once `process` accepts connections on `port`; fail with its log if it stops or takes a minute."""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"the server stopped:\n{log.read_text()}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.1)
    pytest.fail(f"the server did not listen on {port}:\n{log.read_text()}")


@contextlib.contextmanager
def running_gunicorn(arguments, *, port, environment, log):
    """gunicorn started from the project folder with these arguments, listening on `port`, its output in
    `log`; stopped (its quick shutdown) when the block ends."""
    with log.open("w") as output:
        server = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", *arguments],
            cwd=settings.BASE_DIR,
            env=environment,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    try:
        wait_until_listening(port, server, log)
        yield server
    finally:
        server.send_signal(signal.SIGINT)
        server.wait(timeout=30)
