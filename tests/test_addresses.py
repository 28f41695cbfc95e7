"""Addresses reversed once per process (embassy/addresses.py) are still the
right ones: for the object as it is now, in the active language, under the
script prefix the site is mounted at."""

import pytest
from django.urls import clear_script_prefix, reverse, set_script_prefix
from django.utils import translation

from tests.factories import ReleaseFactory, SpeakerFactory

pytestmark = pytest.mark.django_db


def test_an_address_follows_an_edit_of_the_same_object():
    speaker = SpeakerFactory(slug="first-slug")
    assert speaker.get_absolute_url() == "/en/speakers/first-slug/"
    speaker.slug = "second-slug"
    assert speaker.get_absolute_url() == "/en/speakers/second-slug/"


def test_an_address_is_in_the_active_language():
    release = ReleaseFactory(published=True)
    english = release.get_absolute_url()
    with translation.override("hi"):
        hindi = release.get_absolute_url()
    assert english.startswith("/en/")
    assert hindi == "/hi/" + english.removeprefix("/en/")
    assert release.get_absolute_url() == english


def test_an_address_is_under_the_script_prefix():
    speaker = SpeakerFactory(slug="mounted")
    assert speaker.get_absolute_url() == "/en/speakers/mounted/"
    set_script_prefix("/embassy/")
    try:
        assert speaker.get_absolute_url() == "/embassy/en/speakers/mounted/"
        assert speaker.get_absolute_url() == reverse("releases:speaker", kwargs={"slug": "mounted"})
    finally:
        clear_script_prefix()
