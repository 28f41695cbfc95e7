import pytest
from django.contrib.auth.models import Group
from django.db.models.fields.files import FieldFile
from django.forms import MultiWidget

from releases.workflow.roles import EDITOR, PUBLISHER, grant_role_permissions
from tests.accounts_support import verified_client


def _member(django_user_model, username, role):
    user = django_user_model.objects.create_user(
        username, f"{username}@example.org", "pw-for-tests", is_staff=True
    )
    # The roles come from a data migration; a transactional test that ran
    # before may have flushed them, so make them again when they are gone.
    if not Group.objects.filter(name=role).exists():
        grant_role_permissions(create_groups=True)
    user.groups.add(Group.objects.get(name=role))
    return user


@pytest.fixture
def editor(db, django_user_model):
    return _member(django_user_model, "editor", EDITOR)


@pytest.fixture
def publisher(db, django_user_model):
    return _member(django_user_model, "publisher", PUBLISHER)


def _client_for(user):
    return verified_client(user)


@pytest.fixture
def editor_client(editor):
    return _client_for(editor)


@pytest.fixture
def publisher_client(publisher):
    return _client_for(publisher)


@pytest.fixture
def second_publisher_client(django_user_model):
    return _client_for(_member(django_user_model, "publisher2", PUBLISHER))


def _field_data(form, data):
    for name, field in form.fields.items():
        if field.disabled:
            continue
        key = form.add_prefix(name)
        value = form[name].value()
        if isinstance(field.widget, MultiWidget):
            parts = field.widget.decompress(value)
            for index, part in enumerate(parts):
                if part is not None:
                    data[f"{key}_{index}"] = str(part)
        elif isinstance(value, bool):
            if value:
                data[key] = "on"
        elif isinstance(value, list | tuple):
            data[key] = [str(item) for item in value]
        elif value is not None and not isinstance(value, FieldFile):
            data[key] = str(value)


def admin_form_data(response, **overrides):
    """The POST an admin add/change page would send, as the browser shows it."""
    data = {}
    _field_data(response.context["adminform"].form, data)
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        management = formset.management_form
        for name in management.fields:
            data[management.add_prefix(name)] = str(management[name].value())
        for form in formset.forms:
            _field_data(form, data)
    data.update(overrides)
    return data
