"""Every change the public could see is on the very next request: the cache
never answers with a page from before it."""

import pytest
from django.db import transaction

from releases.models import PublicationStatus
from tests.contacts.factories import ContactPointFactory, OfficeFactory
from tests.factories import ReleaseFactory

from .conftest import outcome

pytestmark = pytest.mark.django_db(transaction=True)

LIST = "/en/releases/"


def cached(client, url):
    """The page, after making sure the cache holds it."""
    client.get(url)
    response = client.get(url)
    assert outcome(response) == "hit", url
    return response


def test_a_second_request_is_served_from_the_cache(client):
    ReleaseFactory(published=True, title_en="Statement on the summit")
    first = client.get(LIST)
    second = client.get(LIST)
    assert outcome(first) == "miss"
    assert outcome(second) == "hit"
    assert second.content == first.content
    assert second.status_code == 200


def test_a_publication_shows_at_once(client):
    cached(client, LIST)
    ReleaseFactory(published=True, title_en="Statement on the summit")
    assert "Statement on the summit" in client.get(LIST).text


def test_an_edit_shows_at_once_on_list_and_page(client):
    release = ReleaseFactory(published=True, title_en="First wording")
    assert "First wording" in cached(client, LIST).text
    cached(client, release.get_absolute_url())
    release.title_en = "Second wording"
    release.save()
    assert "Second wording" in client.get(LIST).text
    assert "Second wording" in client.get(release.get_absolute_url()).text


def test_a_translation_edit_shows_at_once_in_that_language(client):
    release = ReleaseFactory(published=True, title_ru="Первая редакция")
    assert "Первая редакция" in cached(client, "/ru/releases/").text
    release.title_ru = "Вторая редакция"
    release.save()
    assert "Вторая редакция" in client.get("/ru/releases/").text


def test_a_withdrawal_shows_its_notice_at_once(client):
    release = ReleaseFactory(published=True, title_en="Issued in error")
    cached(client, release.get_absolute_url())
    release.status = PublicationStatus.WITHDRAWN
    release.withdrawal_reason_en = "This statement was issued in error."
    release.save()
    assert "This statement was issued in error." in client.get(release.get_absolute_url()).text
    assert "Issued in error" not in client.get(LIST).text


def test_an_unpublished_release_is_gone_at_once(client):
    release = ReleaseFactory(published=True)
    cached(client, release.get_absolute_url())
    release.status = PublicationStatus.UNPUBLISHED
    release.save()
    assert client.get(release.get_absolute_url()).status_code == 410


def test_a_deletion_shows_at_once(client):
    release = ReleaseFactory(published=True, title_en="Soon deleted")
    assert "Soon deleted" in cached(client, LIST).text
    url = release.get_absolute_url()
    cached(client, url)
    release.delete()
    assert "Soon deleted" not in client.get(LIST).text
    assert client.get(url).status_code == 404


def test_a_contacts_change_shows_at_once(client):
    office = OfficeFactory(slug="embassy")
    ContactPointFactory(office=office, phone="+91 11 2611 0640")
    cached(client, "/en/contacts/")
    ContactPointFactory(office=office, label_en="Evacuation hotline")
    assert "Evacuation hotline" in client.get("/en/contacts/").text


def test_nothing_is_shown_before_the_change_is_committed(client):
    cached(client, LIST)
    with transaction.atomic():
        ReleaseFactory(published=True, title_en="Not yet committed")
        assert outcome(client.get(LIST)) == "hit"
    assert "Not yet committed" in client.get(LIST).text
