"""Gunicorn's settings for the registry: `gunicorn -c krakow_relations/gunicorn.conf.py`.

docs/deploy.md explains the choices; the numbers can be changed through the environment (GUNICORN_*). Under
systemd the socket unit hands gunicorn its listening socket, and `bind` is not used.
"""

import os

wsgi_app = "krakow_relations.wsgi:application"
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
proc_name = "krakow-relations"

# Synchronous workers, as gunicorn advises behind a buffering proxy: nginx holds slow clients, so a worker is
# busy only while Django works, and gunicorn's timeout replaces a worker stuck on a request.
worker_class = "sync"
workers = int(os.environ.get("GUNICORN_WORKERS", 2 * (os.cpu_count() or 1) + 1))
# The slowest request is the annual report's PDF (seconds); nginx waits a little longer than this.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", 120))
graceful_timeout = 30
# A worker keeps whatever memory its charts and PDFs left it with: replaced after some requests, staggered.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", 1000))
max_requests_jitter = max_requests // 10
# Django is loaded once, before forking: a release that cannot start fails once, not in a loop of workers.
preload_app = True
# Heartbeat files on a memory file system, so that a slow disk does not look like a stuck worker.
if os.path.isdir("/dev/shm"):  # noqa: S108
    worker_tmp_dir = "/dev/shm"  # noqa: S108

# Errors to standard error (systemd's journal); nginx's access log sees every request, gunicorn's own is off
# unless GUNICORN_ACCESS_LOG names a file (or - for standard output).
accesslog = os.environ.get("GUNICORN_ACCESS_LOG") or None
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
# systemd starts, stops and reloads the server; no control socket in the service user's home.
control_socket_disable = True
