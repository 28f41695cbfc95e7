"""When storage cannot write an upload (full disk, unwritable folder) the
admin shows the form again with what was typed and says nothing was saved;
the database is rolled back and no file, whole or partial, is left."""

from pathlib import Path

import pytest
from django.contrib import admin
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import models
from reversion.models import Revision

from files.admin import StoredFilesAdminMixin
from releases.models import Release, Speaker
from tests.factories import ReleaseFactory, png_file
from tests.releases.test_admin import release_form

from .samples import PDF

pytestmark = pytest.mark.django_db


def files_under(root):
    return [path for path in Path(root).rglob("*") if path.is_file()]


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def full_disk(settings, media_root):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "tests.files.storages.DiskFullStorage"},
    }
    from django.core.files.storage import storages

    return storages["default"]


def big_pdf():
    # Larger than one chunk (64 KB), so that part of it reaches the disk.
    return SimpleUploadedFile("remarks.pdf", PDF + b"%" * 200_000, "application/pdf")


def test_a_full_disk_keeps_no_partial_file_and_saves_nothing(staff_client, full_disk, media_root):
    data = release_form(
        title_en="Remarks typed with care",
        image=png_file(),
        image_alt_en="Wreaths at the memorial",
        **{
            "release_speakers-TOTAL_FORMS": "0",
            "attachments-0-title_en": "Full text",
            "attachments-0-file": big_pdf(),
            "attachments-0-order": "0",
        },
    )
    response = staff_client.post("/admin/releases/release/add/", data)

    assert response.status_code == 200
    assert "The server’s disk is full, so “remarks.pdf” could not be stored" in response.text
    assert "Nothing was saved" in response.text
    assert 'value="Remarks typed with care"' in response.text
    assert full_disk.partial_bytes > 0  # part of it was written, then removed
    assert files_under(media_root) == []  # the image stored before it too
    assert not Release.objects.exists()
    assert not Revision.objects.exists()


def test_an_unwritable_media_folder_is_a_form_error_on_a_change(staff_client, settings, tmp_path):
    release = ReleaseFactory(title_en="The title before")
    # Tests run as root, which may write anywhere: a file where the folder
    # should be is what root cannot write into.
    settings.MEDIA_ROOT = tmp_path / "not-a-folder"
    settings.MEDIA_ROOT.write_text("")
    url = f"/admin/releases/release/{release.pk}/change/"
    data = release_form(
        title_en="The title after",
        slug=release.slug,
        date=str(release.date),
        status="draft",
        base_version=str(release.version),
        image=png_file(),
        image_alt_en="A photograph",
        **{"release_speakers-TOTAL_FORMS": "0", "attachments-TOTAL_FORMS": "0"},
    )
    response = staff_client.post(url, data)

    assert response.status_code == 200
    assert "The server could not store “photo.png”" in response.text
    assert 'value="The title after"' in response.text
    release.refresh_from_db()
    assert release.title_en == "The title before"
    assert not release.image


def test_every_admin_that_stores_files_shows_storage_failures_as_form_errors():
    def stores_files(model):
        return any(isinstance(field, models.FileField) for field in model._meta.fields)

    for model, model_admin in admin.site._registry.items():
        inline_models = [inline.model for inline in model_admin.inlines]
        if any(stores_files(m) for m in [model, *inline_models]):
            assert isinstance(model_admin, StoredFilesAdminMixin), model


def test_a_portrait_that_cannot_be_stored_is_a_form_error(staff_client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "not-a-folder"
    settings.MEDIA_ROOT.write_text("")
    response = staff_client.post(
        "/admin/releases/speaker/add/",
        {"name_en": "Sergey Lavrov", "slug": "sergey-lavrov", "portrait": png_file()},
    )
    assert response.status_code == 200
    assert "The server could not store “photo.png”" in response.text
    assert 'value="Sergey Lavrov"' in response.text
    assert not Speaker.objects.exists()
