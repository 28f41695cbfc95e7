"""The bucket storage (DJANGO_MEDIA_STORAGE=s3): django-storages' S3Storage,
storing all or nothing like the local disk (files/storage.py).

Without this, a bucket that refuses a file (wrong or revoked keys, a deleted
bucket) or cannot be reached raises botocore's errors out of the admin's
save: a 500, with the rows maybe saved and earlier files of the same form
left in the bucket. Here every failure of `save()` (the name check that asks
the bucket first included) is `NotStoredInBucket`, which the admin shows as
a form error with nothing saved (files/admin.py), and the files stored
inside an `all_or_nothing()` block are deleted again when it fails.

Kept apart from ops/media.py, which settings import: boto3 is loaded only
when the storage is used."""

import contextlib
import logging

from botocore.exceptions import BotoCoreError, ClientError
from storages.backends.s3 import S3Storage

from files.storage import NotStoredInBucket, remember_stored

log = logging.getLogger("ops.bucket")
BUCKET_ERRORS = (BotoCoreError, ClientError)


class BucketStorage(S3Storage):
    def save(self, name, content, max_length=None):
        try:
            name = super().save(name, content, max_length=max_length)
        except BUCKET_ERRORS as error:
            # The reason (an S3 error code, never the keys) goes to the log.
            log.warning("The bucket did not store %s: %s", name, _reason(error))
            raise NotStoredInBucket(name or "", _reason(error)) from error
        remember_stored(self, name)
        return name

    def discard(self, name):
        """Delete `name`; never fails (the bucket may be what failed)."""
        with contextlib.suppress(*BUCKET_ERRORS):
            self.delete(name)


def _reason(error):
    if isinstance(error, ClientError):
        return error.response.get("Error", {}).get("Code", "ClientError")
    return type(error).__name__
