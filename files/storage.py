"""The default storage for uploads: a file is stored whole or not at all.

Django's FileSystemStorage lets an OSError (full disk, unwritable folder)
escape half way through a write and leaves the partial file behind. Here
the partial file is deleted and the error becomes `NotStored`, which the
admin shows as a form error (files.admin). Files stored inside an
`all_or_nothing()` block are deleted again when the block fails, since the
database rows that would point to them are rolled back.
"""

import contextlib
import contextvars
import errno
import os

from django.core.files.storage import FileSystemStorage


class NotStored(OSError):
    """An upload could not be written; nothing of it was kept."""

    # Where the file was to go: "disk" (UploadStorage) or "bucket" (S3).
    where = "disk"

    def __init__(self, name, error):
        super().__init__(error.errno, error.strerror, name)

    @property
    def disk_full(self):
        return self.errno in (errno.ENOSPC, errno.EDQUOT)


class NotStoredInBucket(NotStored):
    """The object storage refused the file or could not be reached (wrong or
    revoked keys, a missing bucket, a network cut)."""

    where = "bucket"

    def __init__(self, name, reason):
        super().__init__(name, OSError(errno.EIO, reason))


_stored_in_block = contextvars.ContextVar("stored_in_block", default=None)


@contextlib.contextmanager
def all_or_nothing():
    """Delete the files stored inside this block if it raises."""
    stored = []
    token = _stored_in_block.set(stored)
    try:
        yield
    except BaseException:
        for storage, name in stored:
            storage.discard(name)
        raise
    finally:
        _stored_in_block.reset(token)


def remember_stored(storage, name):
    """Note a file just stored, for `all_or_nothing()` to delete if its block
    fails. Every storage of uploads calls it (and has a `discard(name)`)."""
    stored = _stored_in_block.get()
    if stored is not None:
        stored.append((storage, name))


class UploadStorage(FileSystemStorage):
    def _save(self, name, content):
        # Upload names have a random folder of their own (releases/uploads.py),
        # so a file found at `name` before the write is not ours to delete.
        existed = self.exists(name)
        try:
            name = super()._save(name, content)
        except OSError as error:
            if not existed:
                self.discard(name)
            raise NotStored(name, error) from error
        remember_stored(self, name)
        return name

    def discard(self, name):
        """Delete `name`, and its folder if that is left empty; never fails."""
        with contextlib.suppress(OSError):
            self.delete(name)
        folder = os.path.dirname(self.path(name))
        if os.path.normpath(folder) != os.path.normpath(self.location):
            with contextlib.suppress(OSError):
                os.rmdir(folder)  # refuses a folder that holds other files
