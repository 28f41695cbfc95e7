"""gunicorn settings for the site (deploy/README.md explains the set-up).

    gunicorn -c deploy/gunicorn.conf.py embassy.wsgi

Every value can be overridden by an environment variable (GUNICORN_*), so
the same file serves a small and a large machine.

Sync workers behind nginx: nginx buffers whole requests and responses, so a
slow client holds an nginx connection (cheap), never a worker (a process).
"""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
# Two per core plus one: workers wait on the database about half the time.
workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count() * 2 + 1))
worker_class = "sync"
# Above the site's own request deadline (DJANGO_REQUEST_DEADLINE, 20 s), so a
# stuck request is answered with a 503 by Django before gunicorn kills it.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 30
# nginx keeps connections to us open between requests.
keepalive = 5
# A worker is replaced after this many requests (with jitter, so not all at
# once): bounds the damage of any slow memory leak.
max_requests = 2000
max_requests_jitter = 200
# Heartbeat files in memory, not on a disk that may stall.
SHARED_MEMORY = "/dev/shm"  # noqa: S108 - gunicorn's documented choice, not a temp file
worker_tmp_dir = SHARED_MEMORY if os.path.isdir(SHARED_MEMORY) else None
# No control socket shared between instances: each gunicorn is managed only
# by its own process manager (systemd), by signals to its own pid.
control_socket_disable = True
# Django writes one access line per request (JSON, with the request id);
# gunicorn's own would duplicate it. Its error log goes to stderr (journald).
accesslog = None
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
# The request headers nginx may send, bounded.
limit_request_line = 8190
limit_request_fields = 100
# Load the application before forking: workers share its memory, and a
# broken configuration fails at start, not at the first request.
preload_app = True
proc_name = "embassy"
