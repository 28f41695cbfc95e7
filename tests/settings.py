"""The site's settings, as the test suite needs them.

Only what a test run must differ in: a fixed secret, plain static storage
(no collectstatic before tests), fast password hashing and a throwaway media
folder. Everything else is the production settings module.
"""

import os
import tempfile

os.environ.setdefault("DJANGO_SECRET_KEY", "test-only-secret-key-not-for-any-real-site")
os.environ.setdefault("DJANGO_SECURE_SSL_REDIRECT", "0")

from embassy.settings import *  # noqa: F403
from embassy.settings import STORAGES

STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# The tests fetch uploads through Django's media view (production: nginx).
SERVE_MEDIA = True
MEDIA_ROOT = tempfile.mkdtemp(prefix="embassy-test-media-")
STATIC_ROOT = tempfile.mkdtemp(prefix="embassy-test-static-")
# Whole pages are not kept between requests, except in tests/pagecache: a
# test's own transaction never commits, so the content version never moves.
PAGE_CACHE = False

# SQLite: the test database in a file rather than in memory, so that a worker
# process started by a test (tests/notices/, the e-mail alerts) sees it too.
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    DATABASES["default"]["TEST"] = {  # noqa: F405
        "NAME": os.path.join(tempfile.mkdtemp(prefix="embassy-test-db-"), "test.sqlite3")
    }
