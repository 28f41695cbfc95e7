"""What the database refuses is a form error on the field to fix, with
everything typed still in the form: never a redirect that drops the text."""

import datetime
import threading
from unittest import mock

import lxml.html
import pytest
from django.contrib import admin
from django.db import connection, connections
from django.urls import reverse

from embassy.constraints import RefusedSaveAdminMixin
from files.admin import StoredFilesAdminMixin
from releases.admin import ReleaseAdmin, SpeakerAdmin
from releases.models import Release, Speaker
from tests.factories import ReleaseFactory, SpeakerFactory, png_file

from .conftest import admin_form_data

pytestmark = pytest.mark.django_db

ADD_RELEASE = reverse("admin:releases_release_add")
MY_TEXT = {
    "title_en": "Ambassador's remarks at the reception",
    "summary_en": "A summary that took a while to write.",
    "body_en": "<p>Three paragraphs of carefully checked text.</p>",
    "slug": "remarks-reception",
    "date": "2018-02-16",
}


def field_value(response, name):
    """The value a browser shows in field `name` of the page."""
    page = lxml.html.fromstring(response.content)
    (element,) = page.xpath(f'//*[@name="{name}"]')
    if element.tag == "textarea":
        # Browsers drop the newline that starts a textarea's content.
        return element.text_content().removeprefix("\n")
    return element.value


def assert_my_text_is_kept(response):
    assert field_value(response, "title_en") == MY_TEXT["title_en"]
    assert field_value(response, "summary_en") == MY_TEXT["summary_en"]
    assert "Three paragraphs of carefully checked text." in field_value(response, "body_en")


def test_a_source_address_without_a_name_is_an_error_on_the_name(publisher_client):
    data = admin_form_data(
        publisher_client.get(ADD_RELEASE), **MY_TEXT, source_url="https://kremlin.ru/"
    )

    response = publisher_client.post(ADD_RELEASE, data)

    assert response.status_code == 200
    form = response.context["adminform"].form
    assert form.errors["source_name_en"] == ["Name the source as well as its address."]
    assert_my_text_is_kept(response)
    assert field_value(response, "source_url") == "https://kremlin.ru/"
    assert not Release.objects.exists()


def clash_before_saving(admin_class, make_clash):
    """Let the form pass its checks, then save the clashing row before the
    admin saves: what another editor's request does in between."""
    original = admin_class.save_form

    def save_form(self, request, form, change):
        make_clash()
        return original(self, request, form, change)

    return mock.patch.object(admin_class, "save_form", save_form)


def test_the_editor_who_loses_a_race_for_a_slug_gets_an_error_on_the_slug(
    publisher_client, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    data = admin_form_data(
        publisher_client.get(ADD_RELEASE),
        **MY_TEXT,
        image=png_file(),
        image_alt_en="The ambassador speaking",
    )
    theirs = {"slug": MY_TEXT["slug"], "date": datetime.date(2018, 2, 16), "title_en": "Theirs"}

    with clash_before_saving(ReleaseAdmin, lambda: ReleaseFactory(**theirs)):
        response = publisher_client.post(ADD_RELEASE, data)

    assert response.status_code == 200
    form = response.context["adminform"].form
    assert form.errors["slug"] == ["Another text of the same date already has this slug."]
    assert_my_text_is_kept(response)
    assert "Choose the files to upload again" in response.text
    assert not Release.objects.filter(title_en=MY_TEXT["title_en"]).exists()
    assert [path for path in tmp_path.rglob("*") if path.is_file()] == []


def test_a_race_for_a_speakers_slug_is_an_error_on_the_slug(publisher_client):
    url = reverse("admin:releases_speaker_add")
    data = admin_form_data(
        publisher_client.get(url), name_en="Sergey Lavrov", slug="lavrov", position_en="Minister"
    )

    with clash_before_saving(SpeakerAdmin, lambda: SpeakerFactory(slug="lavrov")):
        response = publisher_client.post(url, data)

    assert response.status_code == 200
    assert "slug" in response.context["adminform"].form.errors
    assert field_value(response, "name_en") == "Sergey Lavrov"
    assert not Speaker.objects.filter(name_en="Sergey Lavrov").exists()


def committed_by_another_connection(make_row):
    """Run `make_row` in its own thread, hence its own database connection,
    and commit it: another editor's request."""

    def work():
        try:
            make_row()
        finally:
            connections.close_all()

    thread = threading.Thread(target=work)
    thread.start()
    thread.join()


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="SQLite locks the table for the other writer"
)
@pytest.mark.django_db(transaction=True)
def test_a_real_race_between_two_connections_is_an_error_on_the_slug(publisher_client):
    data = admin_form_data(publisher_client.get(ADD_RELEASE), **MY_TEXT)
    theirs = {"slug": MY_TEXT["slug"], "date": datetime.date(2018, 2, 16), "title_en": "Theirs"}
    clash = lambda: committed_by_another_connection(lambda: ReleaseFactory(**theirs))  # noqa: E731

    with clash_before_saving(ReleaseAdmin, clash):
        response = publisher_client.post(ADD_RELEASE, data)

    assert response.status_code == 200
    # Found by the database's refusal and again by the form: said once.
    form = response.context["adminform"].form
    assert form.errors["slug"] == ["Another text of the same date already has this slug."]
    assert_my_text_is_kept(response)
    assert list(Release.objects.values_list("title_en", flat=True)) == ["Theirs"]


def constrained(model):
    """A form can break one of its rules: a constraint, or a unique field it edits."""
    unique = [
        field
        for field in model._meta.fields
        if field.unique and field.editable and not field.primary_key
    ]
    return bool(model._meta.constraints or unique)


@pytest.mark.parametrize(
    "model_admin",
    [
        model_admin
        for model, model_admin in admin.site._registry.items()
        if model._meta.app_label in ("releases", "contacts") and constrained(model)
    ],
    ids=str,
)
def test_every_admin_editing_a_constrained_model_shows_a_refused_save_as_a_form(
    model_admin, rf, admin_user
):
    request = rf.get("/")
    request.user = admin_user
    if not (model_admin.has_add_permission(request) or model_admin.has_change_permission(request)):
        pytest.skip("read-only: nobody adds or changes it")
    bases = type(model_admin).__mro__
    assert RefusedSaveAdminMixin in bases
    if StoredFilesAdminMixin in bases:
        # The files of a refused save are deleted on the way out.
        assert bases.index(RefusedSaveAdminMixin) < bases.index(StoredFilesAdminMixin)
