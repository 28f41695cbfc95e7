"""No lost edits: a save from a stale copy is refused and changes nothing;
a form sent twice creates one object."""

from unittest import mock

import pytest
from django.urls import reverse

from releases.models import Release, StaleObjectError
from releases.workflow.admin import PublishableAdminForm
from tests.factories import ReleaseFactory

from .conftest import admin_form_data

pytestmark = pytest.mark.django_db


def change_url(release):
    return reverse("admin:releases_release_change", args=[release.pk])


def test_every_save_increments_the_version():
    release = ReleaseFactory()
    version = release.version
    release.save()
    assert release.version == version + 1
    assert Release.objects.get(pk=release.pk).version == version + 1


def test_the_second_of_two_concurrent_saves_is_refused():
    release = ReleaseFactory(title_en="Original")
    first, second = Release.objects.get(pk=release.pk), Release.objects.get(pk=release.pk)
    first.title_en = "First"
    first.save()
    second.title_en = "Second"
    with pytest.raises(StaleObjectError):
        second.save()
    assert Release.objects.get(pk=release.pk).title_en == "First"


def test_a_stale_admin_form_is_refused_and_says_what_changed(
    publisher_client, second_publisher_client
):
    release = ReleaseFactory(title_en="Original title", summary_en="Original summary")
    url = change_url(release)
    mine = publisher_client.get(url)
    theirs = second_publisher_client.get(url)
    second_publisher_client.post(url, admin_form_data(theirs, title_en="Their title"))

    response = publisher_client.post(url, admin_form_data(mine, summary_en="My summary"))

    assert response.status_code == 200
    assert "publisher2 saved this release" in response.text
    assert "Title [en]" in response.text
    release.refresh_from_db()
    assert (release.title_en, release.summary_en) == ("Their title", "Original summary")


def test_a_race_past_the_form_check_is_still_refused(publisher_client, second_publisher_client):
    """Both forms pass validation before either saves: the conditional
    UPDATE lets exactly one through, and the other saves nothing."""
    release = ReleaseFactory(title_en="Original title")
    url = change_url(release)
    mine = publisher_client.get(url)
    theirs = second_publisher_client.get(url)
    second_publisher_client.post(url, admin_form_data(theirs, title_en="Their title"))

    with mock.patch.object(PublishableAdminForm, "_check_not_stale"):
        note = {
            "change_notes-TOTAL_FORMS": "1",
            "change_notes-0-note_en": "Corrected a name.",
            "change_notes-0-created_at_0": "2018-02-17",
            "change_notes-0-created_at_1": "10:00:00",
        }
        response = publisher_client.post(url, admin_form_data(mine, title_en="My title", **note))

    assert response.status_code == 302
    assert response["Location"] == url
    release.refresh_from_db()
    assert release.title_en == "Their title"
    assert not release.change_notes.exists()


def test_a_form_sent_twice_creates_one_release(publisher_client):
    add_url = reverse("admin:releases_release_add")
    data = admin_form_data(
        publisher_client.get(add_url), title_en="Once", slug="once", date="2018-02-16"
    )
    assert publisher_client.post(add_url, data).status_code == 302
    again = publisher_client.post(add_url, data)
    assert again.status_code == 200
    assert "already has this slug" in again.text
    assert Release.objects.filter(slug="once").count() == 1


def test_a_double_submit_racing_past_validation_creates_one_release_and_keeps_the_form(
    publisher_client,
):
    """The second copy passes the checks before the first is saved: the
    unique constraint lets one through; the other is told nothing was saved
    and is shown the form again, with its text."""
    add_url = reverse("admin:releases_release_add")
    data = admin_form_data(
        publisher_client.get(add_url), title_en="Once", slug="once", date="2018-02-16"
    )
    publisher_client.post(add_url, data)
    with mock.patch.object(Release, "validate_constraints"):
        response = publisher_client.post(add_url, data)
    assert response.status_code == 200
    assert "Nothing was saved" in response.text
    assert response.context["adminform"].form["title_en"].value() == "Once"
    assert Release.objects.filter(slug="once").count() == 1
