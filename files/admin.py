"""For every admin whose forms take files: a storage failure is a form
error, not a 500.

When storage refuses a file (`files.storage.NotStored`), the transaction
has been rolled back and the files already written in the request are
deleted. The form is then shown again, with everything typed in it and a
message that nothing was saved, by running the view once more with a form
that refuses itself. Put `StoredFilesAdminMixin` first in the bases of any
admin whose model or inlines have a file field (a test checks this).
"""

import logging

from django.core.exceptions import ValidationError
from django.utils.translation import gettext

from .storage import NotStored, all_or_nothing

logger = logging.getLogger(__name__)


class StoredFilesAdminMixin:
    def add_view(self, request, form_url="", extra_context=None):
        return self._storing_files(super().add_view, request, form_url, extra_context)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        return self._storing_files(super().change_view, request, object_id, form_url, extra_context)

    def _storing_files(self, view, request, *args):
        # Outside the view's transaction and revision: both are abandoned
        # when NotStored passes through them.
        try:
            with all_or_nothing():
                return view(request, *args)
        except NotStored as failure:
            logger.exception("An upload could not be stored; the admin form is shown again.")
            request.upload_not_stored = failure
            return view(request, *args)

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        failure = getattr(request, "upload_not_stored", None)
        return form if failure is None else _refusing(form, not_stored_message(failure))


def _refusing(form_class, message):
    class NotStoredForm(form_class):
        def clean(self):
            super().clean()
            raise ValidationError(message, code="not_stored")

    NotStoredForm.__name__ = form_class.__name__
    return NotStoredForm


def not_stored_message(failure):
    name = failure.filename.rsplit("/", 1)[-1]
    if failure.where == "bucket":
        text = gettext(
            "The file storage refused “%(file)s” or could not be reached, so it was not "
            "stored. Nothing was saved; what you typed is kept below. Choose the files "
            "again and save once the site’s administrator has fixed the storage."
        )
    elif failure.disk_full:
        text = gettext(
            "The server’s disk is full, so “%(file)s” could not be stored. Nothing was "
            "saved; what you typed is kept below. Choose the files again and save once "
            "the site’s administrator has made room."
        )
    else:
        text = gettext(
            "The server could not store “%(file)s”: its upload folder cannot be written "
            "to. Nothing was saved; what you typed is kept below. Choose the files again "
            "and save once the site’s administrator has fixed it."
        )
    return text % {"file": name}
