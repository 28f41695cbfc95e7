"""Database constraints as form errors, in three layers shared by every app:

- `FieldConstraintsMixin` (models): `full_clean()` files a constraint's
  message under the field to fix, found by the constraint's
  `violation_error_code` in the model's `constraint_error_fields`.
- `ConstraintFormMixin` (model forms): constraints on translated fields are
  checked too (the form holds `source_name_en`, not `source_name`, which made
  Django skip them) and their errors land on a field the form shows.
- `RefusedSaveAdminMixin` (model admins): a save the database still refuses
  (another editor saved the same slug a moment earlier) is rolled back and the
  same form is shown again with the error and everything that was typed.
"""

from contextlib import contextmanager

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import IntegrityError, router, transaction
from django.utils.datastructures import MultiValueDict
from django.utils.translation import gettext
from modeltranslation.translator import NotRegistered, translator
from modeltranslation.utils import build_localized_fieldname


class FieldConstraintsMixin:
    """Put before models.Model in the bases. `constraint_error_fields` maps a
    violation_error_code to the field whose value has to change, e.g.
    {"source_without_name": "source_name"}; other codes stay on the whole form."""

    constraint_error_fields = {}

    def validate_constraints(self, exclude=None):
        try:
            super().validate_constraints(exclude=exclude)
        except ValidationError as error:
            raise ValidationError(self._errors_under_fields(error)) from None

    def _errors_under_fields(self, error):
        errors = {}
        for field, field_errors in error.error_dict.items():
            for item in field_errors:
                if field == NON_FIELD_ERRORS:
                    target = self.constraint_error_fields.get(item.code, field)
                else:
                    target = field
                errors.setdefault(target, []).append(item)
        return errors


def translated_fields(model):
    """{original field name: its per-language field names} for `model`."""
    try:
        options = translator.get_options_for_model(model)
    except NotRegistered:
        return {}
    return {name: [field.name for field in fields] for name, fields in options.all_fields.items()}


def form_field_for(form, name):
    """The field of `form` that shows errors about model field `name`: the
    field itself, its default language's field when it is translated, or
    None (the errors at the top of the form)."""
    if name in form.fields:
        return name
    localized = build_localized_fieldname(name, settings.MODELTRANSLATION_DEFAULT_LANGUAGE)
    if name in translated_fields(type(form.instance)) and localized in form.fields:
        return localized
    return None


def add_model_errors(form, error, *, skip_repeated=False):
    """Attach a model ValidationError to `form`, each message under the field
    the form shows for it (with `skip_repeated`, messages already shown there
    are left out)."""
    if hasattr(error, "error_dict"):
        error_dict = error.error_dict
    else:
        error_dict = {NON_FIELD_ERRORS: error.error_list}
    for name, errors in error_dict.items():
        field = None if name == NON_FIELD_ERRORS else form_field_for(form, name)
        shown = form.errors.as_data().get(field or NON_FIELD_ERRORS, []) if skip_repeated else []
        shown_messages = {message for item in shown for message in item.messages}
        fresh = [item for item in errors if not set(item.messages) <= shown_messages]
        if fresh:
            form.add_error(field, fresh)


class ConstraintFormMixin:
    """For a ModelForm: checks the constraints of translated fields and files
    every constraint error where the form shows it. `refusal` is set on the
    form of a request shown again after the database refused its save."""

    refusal = None

    def full_clean(self):
        super().full_clean()
        if self.is_bound and self.refusal is not None:
            # Unless the form's own checks found the same again.
            add_model_errors(self, self.refusal, skip_repeated=True)

    def validate_constraints(self):
        exclude = self._get_validation_exclusions() - self._translated_fields_in_form()
        try:
            self.instance.validate_constraints(exclude=exclude)
        except ValidationError as error:
            add_model_errors(self, error)

    def _translated_fields_in_form(self):
        # The original column holds the value of the language being edited;
        # it is checked when the form shows its languages without errors.
        return {
            name
            for name, localized in translated_fields(type(self.instance)).items()
            if any(field in self.fields for field in localized)
            and not any(field in self._errors for field in localized)
        }


class SaveRefused(Exception):
    """The database refused a save; `error` (a ValidationError) says why."""

    def __init__(self, error):
        super().__init__(error)
        self.error = error


def refusal_reasons(obj):
    """What the database refused about `obj`, found by checking it again now
    that the other save is visible; a general message when nothing is found."""
    try:
        obj.validate_unique()
        obj.validate_constraints()
    except ValidationError as error:
        return error
    return ValidationError(
        gettext(
            "The database refused to save this, probably because someone saved something "
            "similar at the same moment. Nothing was saved: check the form and save again."
        ),
        code="refused",
    )


@contextmanager
def refuse_on_integrity_error(obj):
    """Run a save in a savepoint; an IntegrityError becomes SaveRefused with
    the reasons (an admin that replaces `save_model` wraps its save in this)."""
    try:
        with transaction.atomic(using=router.db_for_write(type(obj))):
            yield
    except IntegrityError:
        # The savepoint is rolled back and the transaction usable: ask the model why.
        raise SaveRefused(refusal_reasons(obj)) from None


class RefusedSaveAdminMixin:
    """Put early in a ModelAdmin's bases: before StoredFilesAdminMixin (which
    deletes the files of a refused save) and VersionAdmin (whose revision is
    rolled back too). The form's checks pass before the save, but
    another request can take the same slug in between: the database refuses
    with an IntegrityError. The save is then undone and the request is shown
    again as a form with the reason, keeping the text. Uploaded files cannot
    be put back into a form: the editor is asked to choose them again."""

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        if not issubclass(form, ConstraintFormMixin):
            form = type(form.__name__, (ConstraintFormMixin, form), {})
        form.refusal = getattr(request, "_refused_save", None)
        return form

    def save_model(self, request, obj, form, change):
        with refuse_on_integrity_error(obj):
            super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        with refuse_on_integrity_error(form.instance):
            super().save_related(request, form, formsets, change)

    def add_view(self, request, form_url="", extra_context=None):
        return self._refusing_saves(super().add_view, request, form_url, extra_context)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        view = super().change_view
        return self._refusing_saves(view, request, object_id, form_url, extra_context)

    def _refusing_saves(self, view, request, *args):
        try:
            return view(request, *args)
        except SaveRefused as refused:
            # The whole transaction (revision, audit entry) was rolled back,
            # and mixins further in have deleted any file it stored.
            request._refused_save = refused.error
        if request.FILES:
            # The uploads were consumed by the refused save.
            request._files = MultiValueDict()
            self.message_user(
                request,
                gettext("Nothing was saved. Choose the files to upload again."),
                messages.WARNING,
            )
        return view(request, *args)
