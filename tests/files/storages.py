"""A storage whose disk fills up in the middle of a file, for the tests:
the real write loop of FileSystemStorage runs, and stops with ENOSPC after
the first chunk is on disk, as a full disk stops it."""

import errno
import os

from files.storage import UploadStorage


class DiskFullStorage(UploadStorage):
    """Full for attachments; images still fit. `partial_bytes` records how
    much of the attachment was on disk when the write failed."""

    partial_bytes = None

    def _save(self, name, content):
        if name.startswith("attachments/"):
            content = _FillsTheDisk(content, self.path(name), self)
        return super()._save(name, content)


class _FillsTheDisk:
    def __init__(self, content, path, storage):
        self.content, self.path, self.storage = content, path, storage

    def chunks(self, chunk_size=None):
        for chunk in self.content.chunks(chunk_size):
            yield chunk
            # Django has written the chunk when it asks for the next one.
            self.storage.partial_bytes = os.path.getsize(self.path)
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
