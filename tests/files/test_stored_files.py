"""A file already stored is not checked again as if it were a new upload:
saving an object that holds one works for every kind of stored file."""

import pytest

from releases.models import Attachment, Release, Speaker
from tests.factories import AttachmentFactory, ReleaseFactory, SpeakerFactory, png_file
from tests.workflow.conftest import admin_form_data

pytestmark = pytest.mark.django_db


def resave_with(client, obj, **changes):
    url = f"/admin/releases/{obj._meta.model_name}/{obj.pk}/change/"
    response = client.post(url, admin_form_data(client.get(url), **changes))
    assert response.status_code == 302, response.context and response.context["errors"]


def test_a_release_with_a_lead_image_can_be_saved_again(staff_client):
    release = ReleaseFactory(image=png_file(), image_alt_en="Wreaths at the memorial")
    stored = release.image.name
    resave_with(staff_client, release, title_en="A corrected title")
    release.refresh_from_db()
    assert release.title_en == "A corrected title"
    assert release.image.name == stored


def test_a_speaker_with_a_portrait_can_be_saved_again(staff_client):
    speaker = SpeakerFactory(portrait=png_file(), portrait_alt_en="The minister")
    resave_with(staff_client, speaker, position_en="Ambassador")
    assert Speaker.objects.get(pk=speaker.pk).position_en == "Ambassador"


def test_a_release_with_an_attachment_can_be_saved_again(staff_client):
    attachment = AttachmentFactory()
    resave_with(staff_client, attachment.release, **{"attachments-0-title_en": "Full text"})
    assert Attachment.objects.get(pk=attachment.pk).title_en == "Full text"


def test_a_file_stored_before_todays_checks_is_kept_on_save(staff_client):
    # Stored when only the extension was checked: a PNG under a .jpg name.
    release = ReleaseFactory(image=png_file("photo.jpg"), image_alt_en="A photograph")
    resave_with(staff_client, release, title_en="A corrected title")
    assert Release.objects.get(pk=release.pk).title_en == "A corrected title"
