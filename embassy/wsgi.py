"""WSGI entry point: `gunicorn embassy.wsgi` (see the README).

Cached public pages are answered before Django's request handling
(pagecache/wsgi.py); everything else goes to Django."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "embassy.settings")

django_application = get_wsgi_application()

from pagecache.wsgi import CachedPages  # noqa: E402 - needs the settings set up above

application = CachedPages(django_application)
