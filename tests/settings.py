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
MEDIA_ROOT = tempfile.mkdtemp(prefix="embassy-test-media-")
STATIC_ROOT = tempfile.mkdtemp(prefix="embassy-test-static-")
