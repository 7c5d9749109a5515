"""Gunicorn's settings for the registry: `gunicorn -c krakow_relations/gunicorn.conf.py`.

docs/deploy.md explains the choices; each number can be changed through the environment (GUNICORN_*)
without editing this file. Under systemd the socket unit hands gunicorn its listening socket, and `bind`
is not used.
"""

import os

# gevent workers: a worker keeps its connections open (nginx holds up to 16, `keepalive` in nginx.conf) and
# reads and writes HTTP in greenlets, far more cheaply than gthread's poller: a bare WSGI application got
# ~19,000 requests/s from 2 gevent workers and ~10,500 from 2 gthread ones, the cached list ~4,300 and ~2,300
# (runs of wrk on this two-core machine). gevent replaces the standard library's sockets, locks and
# thread-locals, and must do so before Django, psycopg and the Redis client are loaded: here, in the master
# (`preload_app`). Patched later, in each worker as gunicorn does it, a worker's greenlets would share one
# thread's database connection, which Django refuses, and psycopg would wait for PostgreSQL without letting
# another greenlet run.
# GUNICORN_WORKER_CLASS=gthread (or sync) goes back; `serve_one_at_a_time` and the request timeout below apply
# to every class.
worker_class = os.environ.get("GUNICORN_WORKER_CLASS", "gevent")
if worker_class == "gevent":
    from gevent import monkey

    monkey.patch_all()

import contextlib  # noqa: E402 - after gevent's patching
import faulthandler  # noqa: E402
import sys  # noqa: E402
import threading  # noqa: E402
import time  # noqa: E402
import traceback  # noqa: E402

wsgi_app = "krakow_relations.wsgi:application"
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
proc_name = "krakow-relations"

# Worker processes serving one request at a time each: nginx in front buffers slow clients, so a worker is
# busy only while Django works. Most of that is waiting on PostgreSQL, the rest (charts, PDFs) is CPU, hence
# the usual two workers per core plus one. Each grows to about 200 MB once it has drawn a chart and a PDF.
_cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
workers = int(os.environ.get("GUNICORN_WORKERS", 2 * _cores + 1))
threads = 1
# gunicorn keeps an idle connection longer than nginx's 60 s, so that nginx never sends a request down a
# connection that gunicorn is closing.
keepalive = 75

# The slowest request is the annual report's PDF: about ten seconds for Krakow's registry on a busy two-core
# machine. A worker silent for two minutes, or serving one request for as long, is taken for stuck and
# replaced (a registry a hundred times Krakow's needs minutes for the report: `manage.py annual_report` makes
# it outside the web server). nginx waits a little longer than this.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", 120))
# On restart or reload a worker may finish the request it is serving.
graceful_timeout = int(os.environ.get("GUNICORN_GRACEFUL_TIMEOUT", 30))
# A worker keeps whatever memory its charts and PDFs left it with; replacing it after about ten thousand
# requests bounds that, the jitter keeping all of them from restarting at once. Not after a thousand: a new
# worker costs about 0.2 s of CPU, and one short meanwhile; under a load of cached pages (two workers serving
# 1,000 to 3,000 a second) that took half the throughput; after ten thousand it is lost in the noise.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", 10000))
max_requests_jitter = max_requests // 10

# Load Django once, before forking: the workers share its memory, and a release that cannot start fails
# here, once, instead of in a loop of dying workers. The price: `systemctl reload` (HUP) starts new workers
# from the old code, so an upgrade is a restart (the socket unit keeps the socket open meanwhile).
preload_app = True

# The workers' heartbeat files on a memory file system: a worker waiting on a slow disk must not be taken
# for a stuck one. (Gunicorn makes them with mkstemp and unlinks them at once: no name to guess or race for.)
if os.path.isdir("/dev/shm"):  # noqa: S108
    worker_tmp_dir = "/dev/shm"  # noqa: S108

# The error log (workers killed on timeout, failed starts, tracebacks gunicorn caught) to standard error,
# which systemd's journal (or the container runtime) keeps. nginx's access log (docs/deploy/nginx.conf)
# sees every request, those it answers from its cache too, with the application server's time. Kept here
# as well, it cost a tenth of a worker's time under a load of cached pages (py-spy); GUNICORN_ACCESS_LOG=-
# turns it on, naming the client from nginx's X-Real-IP (behind a socket there is no other) and ending with
# the time the request took, in milliseconds.
accesslog = os.environ.get("GUNICORN_ACCESS_LOG") or None
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
access_log_format = '%({x-real-ip}i)s %(l)s %(u)s %(t)s "%(r)s" %(s)s %(b)s "%(f)s" "%(a)s" %(M)sms'

# Gunicorn 25.1 and later open a control socket in the service user's home; systemd already starts, stops
# and reloads the server, and a home directory is what the unit keeps read-only.
control_socket_disable = True


def when_ready(server):
    """Finish loading in the master what Django leaves to a process's first request, then freeze it.

    Otherwise every new worker (one per GUNICORN_MAX_REQUESTS requests) spent about a second on its first
    request importing the URLconf with every view, the Redis client library and the translations. Frozen, the
    master's objects are left out of the workers' garbage collections, which would otherwise touch, and so
    copy, the memory the workers share with the master. With workers replaced every thousand requests, the
    two doubled the rate of cached pages that 2 workers served (~600 → ~1,200 a second).
    """
    import gc

    import redis  # noqa: F401 - loaded, not used here
    from django.conf import settings
    from django.urls import get_resolver
    from django.utils import translation

    get_resolver().url_patterns  # noqa: B018 - loaded, not used here
    for language, _name in settings.LANGUAGES:
        translation.activate(language)
    translation.deactivate()
    gc.freeze()


def on_starting(server):
    """Refuse a worker class other than the one the settings prepared the process for (gevent's patching)."""
    if server.cfg.worker_class_str != worker_class:
        sys.exit(
            f"gunicorn was asked for {server.cfg.worker_class_str} workers, these settings were loaded for "
            f"{worker_class} ones: choose the class with GUNICORN_WORKER_CLASS, not --worker-class"
        )


def post_worker_init(worker):
    """Serve one request at a time; replace the worker once a request has run for `timeout` seconds; and let a
    stopping gevent worker close its idle connections at once.

    gunicorn's own timeout only notices a worker whose main loop stops: a gevent or gthread worker's loop goes
    on while a request waits (on a stuck socket, say), so a request stuck for good would hold the worker, and
    each request queued behind it, for good. The stacks go to the error log first, as gunicorn's own timeout
    does with a synchronous worker's.
    """
    worker.wsgi = serve_one_at_a_time(worker.wsgi, worker)
    idle = IdleConnections(worker) if worker_class == "gevent" else None

    def watch():
        while True:
            time.sleep(0.2)
            started = worker.request_started
            if started is not None and time.monotonic() - started > worker.cfg.timeout:
                worker.log.critical(
                    "WORKER TIMEOUT (pid:%s): a request ran for %s s", os.getpid(), worker.cfg.timeout
                )
                print_stacks()
                os._exit(1)
            if idle and not worker.alive:
                idle.close()

    threading.Thread(target=watch, name="request-timeout", daemon=True).start()


def print_stacks():
    if worker_class != "gevent":
        faulthandler.dump_traceback(all_threads=True)
        return
    # Each greenlet's stack: they share one thread, whose own stack is only this function's caller.
    import gc

    from greenlet import greenlet

    for each in gc.get_objects():
        if isinstance(each, greenlet) and each.gr_frame is not None:
            print(f"Greenlet {each!r}:", file=sys.stderr)
            traceback.print_stack(each.gr_frame, file=sys.stderr)
    sys.stderr.flush()  # before os._exit


def serve_one_at_a_time(application, worker):
    """The WSGI application, entered by one request at a time, from its call until its response is closed.

    As a synchronous or one-thread worker serves: a gevent worker would otherwise start a request for each
    connection with something to read, each with a database connection of its own (a burst of uncached pages
    could use up PostgreSQL's connections, sized for one a worker), to share one core among work that is
    mostly CPU; and SQLite waits for its lock without letting another greenlet run, so two writing greenlets
    of one worker would stall each other until the lock's timeout. The lock is released when the server
    closes the response (PEP 3333: it always does), where Django ends the request, after the body is
    written. The response itself is returned, its `close` extended, so that gunicorn still sends a file
    response with sendfile. Made after gevent patched `threading`, the lock makes a greenlet wait, not the
    worker.
    """
    lock = threading.Lock()
    worker.request_started = None

    def serve(environ, start_response):
        lock.acquire()
        worker.request_started = time.monotonic()
        try:
            response = application(environ, start_response)
        except BaseException:
            release()
            raise
        close = getattr(response, "close", None)
        released = False

        def close_then_release():
            nonlocal released
            try:
                if close is not None:
                    close()
            finally:
                if not released:
                    released = True
                    release()

        response.close = close_then_release
        return response

    def release():
        worker.request_started = None
        lock.release()

    return serve


class IdleConnections:
    """A gevent worker's connections waiting for their next request, closed once the worker stops.

    A stopping gevent worker (a restart, `max_requests` reached) waits for each of its connections to end,
    and one that nginx keeps open for its next request ends only after `keepalive` (75 s) without one: each
    restart took the whole graceful timeout (30 s), and then cut those connections off with an error. gunicorn
    waits for a request within `timeout_ctx()`, a Timeout that ends the wait quietly and closes the connection
    when it fires (`keepalive` seconds later); raised in the waiting greenlet, it does so at once.
    """

    def __init__(self, worker):
        import gevent

        self.gevent = gevent
        self.keepalive = worker.cfg.keepalive
        self.waiting = {}
        worker.timeout_ctx = self.wait

    @contextlib.contextmanager
    def wait(self):
        timeout = self.gevent.Timeout(self.keepalive, False)
        current = self.gevent.getcurrent()
        self.waiting[current] = timeout
        try:
            with timeout:
                yield
        finally:
            self.waiting.pop(current, None)

    def close(self):
        for greenlet, timeout in list(self.waiting.items()):
            self.gevent.kill(greenlet, exception=timeout)
