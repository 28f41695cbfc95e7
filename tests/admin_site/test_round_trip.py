"""The admin round trip, for every model admin on the site and every role
(releases/workflow/roles.py, and a superuser): open an object's change form, send
it back as the browser would (parsed from the page with lxml, inline
formsets and the version field included), and nothing happens: no error,
no revision, every stored value as it was. Change one field, and that
change is saved. A role that may not change the object is refused (403).

The objects hold every kind of stored file (tests/admin_site/samples.py):
an unchanged stored file must not be checked again as a fresh upload.
"""

import lxml.html
import pytest
from django.contrib import admin
from django.contrib.auth.models import Group, User
from django.db import models
from django.forms.models import _get_foreign_key
from django.test import RequestFactory
from reversion.models import Revision

from releases.workflow.roles import CONSULAR_OFFICER, EDITOR, PUBLISHER
from tests.accounts_support import verified_client

from .samples import SAMPLES

ROLES = ["superuser", EDITOR, PUBLISHER, CONSULAR_OFFICER]
CHANGED = "-changed"


def changeable_admins():
    """Model admins that let someone (at least a superuser) change objects."""
    request = RequestFactory().get("/admin/")
    request.user = User(is_superuser=True, is_staff=True, is_active=True)
    return {
        model: model_admin
        for model, model_admin in admin.site._registry.items()
        if model_admin.has_change_permission(request)
    }


ADMINS = changeable_admins()
CASES = [
    pytest.param(model, role, id=f"{model._meta.label}-{role}")
    for model in sorted(ADMINS, key=lambda m: m._meta.label)
    for role in ROLES
]


def test_every_changeable_admin_has_a_sample():
    assert set(ADMINS) <= set(SAMPLES), "add a sample to tests/admin_site/samples.py"


def member_of(role):
    if role == "superuser":
        return User.objects.create_superuser("root", "root@example.org", "pw")
    user = User.objects.create_user(role.lower().replace(" ", "-"), is_staff=True)
    user.groups.add(Group.objects.get(name=role))
    return user


def may_change(model_admin, user, obj):
    request = RequestFactory().get("/admin/")
    request.user = user
    return model_admin.has_change_permission(request, obj)


def change_url(obj):
    return f"/admin/{obj._meta.app_label}/{obj._meta.model_name}/{obj.pk}/change/"


def form_as_sent(page, model):
    """What a browser sends for the admin form on `page`, no file chosen."""
    # Decoded as the browser does, by the response's charset: the admin's
    # pages declare none in their markup, and lxml would guess Latin-1.
    document = lxml.html.fromstring(page.content.decode(page.charset))
    (form,) = document.xpath(f'//form[@id="{model._meta.model_name}_form"]')
    data = {}
    for name, value in form.form_values():
        # Browsers drop the newline that starts a textarea's content.
        data.setdefault(name, []).append(value)
    for textarea in form.xpath(".//textarea[@name]"):
        data[textarea.name] = [textarea.value.removeprefix("\n")]
    data["_save"] = ["Save"]
    return data


def stored_rows(model_admin, obj):
    """Every stored value of `obj` and of the rows of its inlines."""
    rows = [obj, *inline_rows(model_admin, obj)]
    return {(type(row)._meta.label, row.pk): field_values(row) for row in rows}


def inline_rows(model_admin, obj):
    for inline in model_admin.inlines:
        fk = _get_foreign_key(type(obj), inline.model, fk_name=inline.fk_name)
        yield from inline.model._base_manager.filter(**{fk.name: obj})


def field_values(row):
    fresh = type(row)._base_manager.get(pk=row.pk)
    values = {field.attname: getattr(fresh, field.attname) for field in row._meta.concrete_fields}
    for field in row._meta.many_to_many:
        values[field.name] = sorted(getattr(fresh, field.name).values_list("pk", flat=True))
    return values


def a_text_field(model, data):
    """A plain text field of `model` that the form sends, to change."""
    for field in model._meta.concrete_fields:
        plain = type(field) in (models.CharField, models.TextField) or hasattr(
            field, "translated_field"
        )
        if plain and not field.choices and field.attname in data and data[field.attname] != [""]:
            return field.attname
    return None


@pytest.mark.django_db
@pytest.mark.parametrize(("model", "role"), CASES)
def test_change_form_round_trip(model, role):
    model_admin = ADMINS[model]
    obj = SAMPLES[model]()
    user = member_of(role)
    client = verified_client(user)
    before = stored_rows(model_admin, obj)
    if not may_change(model_admin, user, obj):
        response = client.post(change_url(obj), {"_save": "Save"})
        assert response.status_code == 403
        assert stored_rows(model_admin, obj) == before
        return

    data = form_as_sent(client.get(change_url(obj)), model)
    revisions = Revision.objects.count()
    response = client.post(change_url(obj), data)
    assert response.status_code == 302, response.context and response.context.get("errors")
    assert stored_rows(model_admin, obj) == before
    assert Revision.objects.count() == revisions

    name = a_text_field(model, data)
    if name is None:
        return  # nothing on this form is plain text (embargo links are read-only)
    data = form_as_sent(client.get(change_url(obj)), model)
    data[name] = [data[name][0] + CHANGED]
    response = client.post(change_url(obj), data)
    assert response.status_code == 302, response.context and response.context.get("errors")
    assert getattr(type(obj)._base_manager.get(pk=obj.pk), name).endswith(CHANGED)
