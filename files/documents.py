"""A document offered for download: a release's attachment, a service's form.

One shape for both (title, file, place in the list), so that the checks on
upload (files/validators.py) and the label readers see ("PDF") are the same
wherever a document is offered."""

from django.core.validators import FileExtensionValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from .fields import UploadFileField
from .validators import DOCUMENT_EXTENSIONS, validate_document


def document_file_field(upload_to):
    """The file of a document: an office format, checked when it arrives."""
    return UploadFileField(
        _("file"),
        upload_to=upload_to,
        max_length=255,
        validators=[FileExtensionValidator(DOCUMENT_EXTENSIONS), validate_document],
        help_text=_("PDF or office document, up to 20 MB."),
    )


class Downloadable(models.Model):
    """The shared part; a concrete model adds its parent and `file`
    (document_file_field with its own folder)."""

    title = models.CharField(_("title"), max_length=200)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        abstract = True
        ordering = ["order", "pk"]

    def __str__(self):
        return self.title

    @property
    def extension(self):
        """ "PDF", "DOCX": what readers see beside the link."""
        return self.file.name.rsplit(".", 1)[-1].upper() if "." in self.file.name else ""
