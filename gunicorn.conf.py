"""Gunicorn settings for the desk in production (`make run-prod`).

Each value can be set from the environment, so the same file serves a laptop
trial and a server:
  GUNICORN_WORKERS        worker processes (default 2 per CPU core + 1, gunicorn's advice)
  GUNICORN_THREADS        threads per worker (default 1)
  GUNICORN_TIMEOUT        seconds a request may run before its worker is restarted (default 30)
  GUNICORN_FORWARDED_ALLOW_IPS  proxies trusted to say the request came over HTTPS (default 127.0.0.1)

Access and error logs go to stdout/stderr, for systemd or the container to keep.

Gunicorn serves requests only. Articles imported from the admin's "Import
articles" page are imported by a separate, long-running worker process that
must run beside gunicorn, on any host with the same DATABASE_URL:
`python manage.py import_worker --no-reload` (or `make worker`), as its own
systemd unit or container with the same environment (see README, "Background
imports"). It holds no state: stop, restart or run several at will; an import
interrupted by a stop is queued again when a worker starts.
"""

import os


def _int(name: str, default: int) -> int:
    value = os.environ.get(name, "")
    if not value.strip():
        return default
    try:
        return int(value)
    except ValueError:
        # Gunicorn prints this under "Failed to read config file": name the variable, not only the value.
        raise ValueError(f"{name} must be a whole number, not {value!r}.") from None


wsgi_app = "factcheck.wsgi:application"
# More workers than cores: while one re-renders a page that a change made stale (factcheck.cache renders
# them one at a time), the others go on serving cached pages. In the load test at a million claims on
# 2 cores, p99 was 341 ms with 2 workers and 234 ms with 4 (2-minute runs), and 170-227 ms with this
# default of 5 over 10 minutes (BENCHMARKS.md, load).
workers = _int("GUNICORN_WORKERS", 2 * (os.process_cpu_count() or 1) + 1)
threads = _int("GUNICORN_THREADS", 1)
timeout = _int("GUNICORN_TIMEOUT", 30)
graceful_timeout = 30
keepalive = 5
# A worker that has served this many requests is replaced, so a slow leak
# never grows unbounded; the jitter stops them all restarting at once.
max_requests = 1000
max_requests_jitter = 100

accesslog = "-"
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
access_log_format = '%(h)s "%(r)s" %(s)s %(b)s %(M)sms "%(f)s" "%(a)s"'

forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1")

# Gunicorn's runtime control socket sits at one path per user by default, so a
# second server on the same machine (a load test beside a trial) would take
# it over. Nothing here uses gunicornc; restart the service instead.
control_socket_disable = True
