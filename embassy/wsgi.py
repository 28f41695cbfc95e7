"""WSGI entry point: `gunicorn embassy.wsgi` (see the README).

Cached public pages are answered before Django's request handling
(pagecache/wsgi.py); everything else goes to Django."""

import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "embassy.settings")

django_application = get_wsgi_application()

from pagecache.wsgi import CachedPages  # noqa: E402 - needs the settings set up above

application = CachedPages(django_application)

# What loading made (modules, models, URLs: most of a worker's objects) lives
# as long as the worker: left out of the collector's full passes, which
# otherwise scan all of it and stalled one request in a hundred by about
# 100 ms. Loaded before gunicorn forks (preload_app), its pages also stay
# shared with the master instead of being copied when a pass touches them.
gc.freeze()
