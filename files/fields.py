"""File and image fields that validate uploads, not stored files.

Django runs a field's validators in every `full_clean()`, so an unchanged
file already in storage was validated again on each save: reopened,
re-read, and crashing (`I/O operation on closed file`) once its handle had
been closed. A stored file was checked when it arrived; only a file that
has just been assigned and not yet written to storage is checked.
"""

from django.core.files.uploadedfile import UploadedFile
from django.db import models


def is_fresh_upload(value):
    """True for a file assigned in this request that storage has not seen."""
    if isinstance(value, UploadedFile):
        return True
    # FieldFile._committed is Django's own flag (FileField.pre_save reads
    # it): False from assignment until the file is saved to storage.
    return bool(value) and not getattr(value, "_committed", True)


class FreshUploadValidation:
    def run_validators(self, value):
        if is_fresh_upload(value):
            super().run_validators(value)


class UploadFileField(FreshUploadValidation, models.FileField):
    pass


class UploadImageField(FreshUploadValidation, models.ImageField):
    pass
