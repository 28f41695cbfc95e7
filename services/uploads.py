"""Where the forms to download are stored: a random folder per file, as for
release attachments (releases/uploads.py), so that a form removed from a
page cannot be found again by guessing its name."""

import secrets

from django.utils import timezone
from django.utils.text import get_valid_filename


def form_path(instance, filename):
    month = timezone.localdate().strftime("%Y/%m")
    name = get_valid_filename(filename.rsplit("/", 1)[-1])[-80:]
    return f"services/{month}/{secrets.token_urlsafe(12)}/{name}"
