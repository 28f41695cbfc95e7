"""Where uploads are stored.

Uploads are served from MEDIA_URL without a permission check, so the file of
a draft or embargoed release must not be found by guessing its name
(`attachments/2018/02/statement.pdf`). Each file gets a random folder; the
file keeps its own name, so downloads still save under a readable name.
"""

import secrets

from django.utils import timezone
from django.utils.text import get_valid_filename


def _unguessable(prefix, filename):
    month = timezone.localdate().strftime("%Y/%m")
    name = get_valid_filename(filename.rsplit("/", 1)[-1])[-80:]
    return f"{prefix}/{month}/{secrets.token_urlsafe(12)}/{name}"


def release_image_path(instance, filename):
    return _unguessable("releases", filename)


def attachment_path(instance, filename):
    return _unguessable("attachments", filename)


def portrait_path(instance, filename):
    return _unguessable("speakers", filename)
