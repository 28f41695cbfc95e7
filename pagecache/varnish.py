"""Telling Varnish (or any cache that takes a BAN) that the content changed.

Every move of the content version sends `BAN /` with `X-Ban: all` to each
address in settings.VARNISH_URLS; deploy/varnish/default.vcl turns it into a
ban of every stored page. The requests are sent by one background thread
per process, after the commit and outside the request: an editor's save never
waits on Varnish and never fails because of it. Bans asked for while one is
being sent are merged into the next. A failed ban is retried, then logged as
an error; Varnish then serves the old page until its s-maxage runs out
(PAGE_CACHE_SHARED_SECONDS), never longer.
"""

import atexit
import http.client
import logging
import threading
import time
from urllib.parse import urlsplit

from django.conf import settings

logger = logging.getLogger(__name__)

ATTEMPTS = 3
TIMEOUT_SECONDS = 2

_wanted = threading.Event()
_idle = threading.Event()
_idle.set()
_lock = threading.Lock()
_worker = None


def ban_everything():
    """Ask for a ban of every page on every Varnish; returns at once."""
    if not settings.VARNISH_URLS:
        return
    global _worker
    _idle.clear()
    _wanted.set()
    with _lock:
        if _worker is None or not _worker.is_alive():
            _worker = threading.Thread(target=_send_bans, name="varnish-bans", daemon=True)
            _worker.start()


def _send_bans():
    while True:
        _wanted.wait()
        _wanted.clear()
        for url in settings.VARNISH_URLS:
            send_ban(url)
        if not _wanted.is_set():
            _idle.set()


@atexit.register
def _finish_bans():
    """A management command (an import, `load_demo`) exits right after its
    last commit: its bans are sent before it does."""
    _idle.wait(timeout=ATTEMPTS * (TIMEOUT_SECONDS + 1))


def send_ban(url):
    """One ban to one Varnish, retried; True if it was accepted."""
    parts = urlsplit(url)
    for attempt in range(1, ATTEMPTS + 1):
        try:
            connection = http.client.HTTPConnection(
                parts.hostname, parts.port or 80, timeout=TIMEOUT_SECONDS
            )
            connection.request("BAN", "/", headers={"X-Ban": "all"})
            status = connection.getresponse().status
            connection.close()
            if status == 200:
                return True
            error = f"status {status}"
        except OSError as exc:
            error = str(exc)
        if attempt < ATTEMPTS:
            time.sleep(0.2 * attempt)
    logger.error("Varnish at %s did not take the ban: %s", url, error)
    return False
