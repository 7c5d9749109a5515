"""Throughput of the public partner list under a loopback load, next to nginx serving the same page as a file.

Run with `make bench` (or `python tests/benchmarks/load.py`). It needs nginx and wrk (Debian: `apt-get install
nginx-light wrk`); DATABASE_URL picks the database (by default a throw-away one with the demo registry: SQLite, or PostgreSQL with BENCH_POSTGRES). Each
run of wrk is bounded in time and connections; it loads:

1. nginx serving the page's HTML as a static file (the ceiling of this machine);
2. the production settings (DEBUG off) under gunicorn as krakow_relations/gunicorn.conf.py sets it (sync
   workers, two per core and one more), rendering every request (Django alone: no target, shown for what
   the cache in front saves);
3. the documented production stack: nginx's proxy cache in front of gunicorn, honouring the page's
   `Cache-Control: public, max-age=60` (docs/deploy/nginx.conf), so a staff edit shows within a minute.

The three are measured in turn, three rounds of them (one run of wrk varies by a fifth from the next on this
machine). It prints each round's requests per second and the medians' ratios to nginx's static rate, and the
production stack against its target (at least 0.9 of the static rate; docs/performance.md); it asserts
nothing.
"""

import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from common import scratch_database_url  # this folder's own module

ROOT = Path(__file__).resolve().parents[2]
PYTHON = sys.executable
PAGE = "/en/partners/"
GUNICORN, STATIC, STACK = 8801, 8802, 8803
ROUNDS = 3
WRK = ["--threads", "2", "--connections", "16", "--duration", "10s", "--timeout", "5s"]

NGINX_CONF = """
{user}
worker_processes 2;
pid {scratch}/nginx.pid;
error_log {scratch}/nginx-error.log;
events {{ worker_connections 1024; }}
http {{
    access_log off;
    default_type text/html;
    client_body_temp_path {scratch}/body;
    proxy_temp_path {scratch}/proxy;
    fastcgi_temp_path {scratch}/fastcgi;
    uwsgi_temp_path {scratch}/uwsgi;
    scgi_temp_path {scratch}/scgi;
    proxy_cache_path {scratch}/cache levels=1:2 keys_zone=krakow_relations:10m use_temp_path=off;
    upstream krakow_relations {{ server 127.0.0.1:{gunicorn}; keepalive 16; }}

    # 1. The page as a file.
    server {{
        listen 127.0.0.1:{static};
        location = {page} {{ root {scratch}; try_files /page.html =404; }}
    }}

    # 3. The production stack's cache, as in docs/deploy/nginx.conf (TLS left out: loopback only).
    server {{
        listen 127.0.0.1:{stack};
        proxy_set_header Host $host;
        proxy_http_version 1.1;
        proxy_set_header Connection "";
        proxy_cache krakow_relations;
        proxy_cache_key $scheme$host$request_uri;
        proxy_ignore_headers Expires;
        proxy_cache_bypass $cookie_sessionid;
        proxy_no_cache $cookie_sessionid;
        proxy_cache_lock on;
        proxy_cache_revalidate on;
        proxy_cache_use_stale error timeout updating http_500 http_502 http_503 http_504;
        add_header X-Cache-Status $upstream_cache_status always;
        location / {{ proxy_pass http://krakow_relations; }}
    }}
}}
"""


NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
WRK_BINARY = shutil.which("wrk") or "/usr/bin/wrk"


def run(command, environment, **kwargs):
    return subprocess.run(command, env=environment, check=True, cwd=ROOT, **kwargs)


def wait_for(url, attempts=100):
    for _ in range(attempts):
        try:
            with urllib.request.urlopen(url, timeout=2) as response:  # noqa: S310 - loopback only
                return response.read(), dict(response.headers)
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"{url} did not answer")


def requests_per_second(url):
    output = subprocess.run([WRK_BINARY, *WRK, url], capture_output=True, text=True, check=True).stdout
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    if non_2xx:
        raise RuntimeError(f"{url}: {non_2xx.group(1)} failed responses\n{output}")
    return float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))


def main():
    for tool in ("nginx", "wrk"):
        if shutil.which(tool) is None and not Path(f"/usr/sbin/{tool}").exists():
            sys.exit(f"needs {tool}: apt-get install nginx-light wrk")
    scratch = Path(tempfile.mkdtemp(prefix="krakow-load-"))
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "krakow_relations.settings",
        "DATABASE_URL": os.environ.get("DATABASE_URL") or scratch_database_url(),
        "STATIC_ROOT": str(scratch / "static"),
        "PRIVATE_MEDIA_ROOT": str(scratch / "private"),
    }
    setup = {**environment, "DEBUG": "1"}
    run([PYTHON, "manage.py", "migrate", "--no-input", "-v0"], setup)
    run(
        [PYTHON, "manage.py", "import_registry", str(ROOT / "exchange/data/krakow.json")],
        setup,
        stderr=subprocess.DEVNULL,
    )
    production = {
        **environment,
        "DEBUG": "0",
        "SECRET_KEY": "load-benchmark-only-" + "x" * 40,
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "0",
        "GUNICORN_BIND": f"127.0.0.1:{GUNICORN}",
        "GUNICORN_LOG_LEVEL": "warning",
    }
    run([PYTHON, "manage.py", "collectstatic", "--no-input", "-v0"], production)
    gunicorn = subprocess.Popen(
        [PYTHON, "-m", "gunicorn", "-c", "krakow_relations/gunicorn.conf.py"], env=production, cwd=ROOT
    )
    nginx_conf = scratch / "nginx.conf"
    nginx_conf.write_text(
        NGINX_CONF.format(
            # Run as root (as in CI), nginx's workers would drop to a user who cannot read the scratch folder.
            user="user root;" if os.geteuid() == 0 else "",
            scratch=scratch,
            gunicorn=GUNICORN,
            static=STATIC,
            stack=STACK,
            page=PAGE,
        )
    )
    try:
        page, headers = wait_for(f"http://127.0.0.1:{GUNICORN}{PAGE}")
        (scratch / "page.html").write_bytes(page)
        subprocess.run([NGINX, "-c", str(nginx_conf), "-e", str(scratch / "nginx-error.log")], check=True)
        wait_for(f"http://127.0.0.1:{STATIC}{PAGE}")
        _page, stack_headers = wait_for(f"http://127.0.0.1:{STACK}{PAGE}")
        servers = {
            "nginx, the page as a static file": f"http://127.0.0.1:{STATIC}{PAGE}",
            "Django alone (gunicorn's sync workers, no cache)": f"http://127.0.0.1:{GUNICORN}{PAGE}",
            "production stack (nginx cache in front)": f"http://127.0.0.1:{STACK}{PAGE}",
        }
        # Rounds of the three in turn: a single run of wrk varies by a fifth from one to the next here.
        rounds = [
            {name: requests_per_second(url) for name, url in servers.items()} for _round in range(ROUNDS)
        ]
        _page, cached_headers = wait_for(f"http://127.0.0.1:{STACK}{PAGE}")
    finally:
        subprocess.run(
            [NGINX, "-c", str(nginx_conf), "-e", str(scratch / "nginx-error.log"), "-s", "stop"],
            check=False,
        )
        gunicorn.send_signal(signal.SIGTERM)
        gunicorn.wait(timeout=30)
        shutil.rmtree(scratch, ignore_errors=True)

    rates = {name: statistics.median(each[name] for each in rounds) for name in servers}
    ceiling = rates["nginx, the page as a static file"]
    print(f"database: {environment['DATABASE_URL'].split(':', 1)[0]}")
    print(
        f"{PAGE} ({len(page):,} bytes); wrk: 2 threads, 16 connections, 10 s each, loopback, {ROUNDS} rounds"
    )
    print(f"Django's Cache-Control: {headers.get('Cache-Control')}; ETag: {'ETag' in headers}")
    print(
        f"nginx cache status: first {stack_headers.get('X-Cache-Status')}, later "
        f"{cached_headers.get('X-Cache-Status')}"
    )
    print(f"{'median of the rounds':48} {'req/s':>9} {'of static':>10}   each round: req/s (of static)")
    for name, rate in rates.items():
        each = ", ".join(
            f"{one[name]:.0f} (1/{one['nginx, the page as a static file'] / one[name]:.1f})" for one in rounds
        )
        print(f"{name:48} {rate:9.0f} {rate / ceiling:10.3f}  (1/{ceiling / rate:.1f})   {each}")
    stack = rates["production stack (nginx cache in front)"] / ceiling
    print(
        f"target: the production stack at least 0.9 of nginx's static rate: {stack:.2f}, "
        f"{'met' if stack >= 0.9 else 'missed'}; Django alone: no target"
    )


if __name__ == "__main__":
    main()
