"""Gunicorn's settings for the registry: `gunicorn -c krakow_relations/gunicorn.conf.py`.

docs/deploy.md explains the choices; each number can be changed through the environment (GUNICORN_*)
without editing this file. Under systemd the socket unit hands gunicorn its listening socket, and `bind`
is not used.
"""

import os

wsgi_app = "krakow_relations.wsgi:application"
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
proc_name = "krakow-relations"

# Synchronous workers, one request each: nginx in front buffers slow clients, so a worker is busy only while
# Django works. Most of that is waiting on PostgreSQL, the rest (charts, PDFs) is CPU, hence the usual two
# workers per core plus one. Each grows to about 200 MB once it has drawn a chart and a PDF.
_cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
workers = int(os.environ.get("GUNICORN_WORKERS", 2 * _cores + 1))

# The slowest request is the annual report's PDF: about ten seconds for Krakow's registry on a busy two-core
# machine. A worker silent for two minutes is taken for stuck and replaced (a registry a hundred times
# Krakow's needs minutes for the report: `manage.py annual_report` makes it outside the web server). nginx
# waits a little longer than this.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", 120))
# On restart or reload a worker may finish the request it is serving.
graceful_timeout = int(os.environ.get("GUNICORN_GRACEFUL_TIMEOUT", 30))
# A worker keeps whatever memory its charts and PDFs left it with; replacing it after about a thousand
# requests bounds that, the jitter keeping all of them from restarting at once.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", 1000))
max_requests_jitter = max_requests // 10

# Load Django once, before forking: the workers share its memory, and a release that cannot start fails
# here, once, instead of in a loop of dying workers. The price: `systemctl reload` (HUP) starts new workers
# from the old code, so an upgrade is a restart (the socket unit keeps the socket open meanwhile).
preload_app = True

# The workers' heartbeat files on a memory file system: a worker waiting on a slow disk must not be taken
# for a stuck one. (Gunicorn makes them with mkstemp and unlinks them at once: no name to guess or race for.)
if os.path.isdir("/dev/shm"):  # noqa: S108
    worker_tmp_dir = "/dev/shm"  # noqa: S108

# Both logs to standard output and error, which systemd's journal (or the container runtime) keeps. The
# client is the address nginx puts in X-Real-IP (behind a socket there is no other); the last field is the
# time the request took, in milliseconds.
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-")
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
access_log_format = '%({x-real-ip}i)s %(l)s %(u)s %(t)s "%(r)s" %(s)s %(b)s "%(f)s" "%(a)s" %(M)sms'

# Gunicorn 25.1 and later open a control socket in the service user's home; systemd already starts, stops
# and reloads the server, and a home directory is what the unit keeps read-only.
control_socket_disable = True
