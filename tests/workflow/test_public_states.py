"""What the public gets at the address of a withdrawn, unpublished or
unreleased item, and the staff preview of it."""

import datetime
import json

import lxml.html
import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from releases.models import ChangeNote, Release
from releases.workflow import services
from tests.accounts_support import log_in_verified
from tests.factories import EventFactory, ReleaseFactory

pytestmark = pytest.mark.django_db


def test_withdrawn_release_keeps_its_page_with_the_notice(client):
    release = ReleaseFactory(withdrawn=True, title_en="Old statement")
    release.withdrawn_at = datetime.datetime(2018, 2, 12, 10, 0, tzinfo=datetime.UTC)
    Release.objects.filter(pk=release.pk).update(withdrawn_at=release.withdrawn_at)
    response = client.get(release.get_absolute_url())
    assert response.status_code == 200
    assert "Old statement" in response.text
    assert f"Withdrawn on {date_format(release.withdrawn_at, 'DATE_FORMAT')}:" in response.text
    assert "This statement was issued in error." in response.text


def test_withdrawal_reason_is_shown_in_the_readers_language(client, publisher):
    release = ReleaseFactory(published=True)
    reasons = {"en": "Issued in error.", "ru": "Опубликовано по ошибке."}
    services.item_withdraw(item=release, by=publisher, reason=reasons)
    russian = client.get("/ru" + release.get_absolute_url()[3:])
    assert "Опубликовано по ошибке." in russian.text


def test_unpublished_release_is_gone(client):
    release = ReleaseFactory(unpublished=True, title_en="Removed text")
    response = client.get(release.get_absolute_url())
    assert response.status_code == 410
    assert "This page has been removed" in response.text
    assert "Removed text" not in response.text


def test_unpublished_release_redirects_to_its_public_replacement(client, publisher):
    replacement = ReleaseFactory(published=True, slug="corrected")
    release = ReleaseFactory(published=True)
    services.item_unpublish(item=release, by=publisher, replacement=replacement)
    response = client.get(release.get_absolute_url())
    assert response.status_code == 301
    assert response["Location"] == replacement.get_absolute_url()


def test_a_replacement_that_is_not_public_is_not_followed(client):
    draft = ReleaseFactory(slug="not-yet")
    release = ReleaseFactory(unpublished=True, replaced_by=draft)
    assert client.get(release.get_absolute_url()).status_code == 410


def test_an_item_that_never_went_public_is_simply_not_found(client):
    release = ReleaseFactory(status="unpublished")
    assert client.get(release.get_absolute_url()).status_code == 404


def test_unpublished_event_is_gone(client):
    event = EventFactory(unpublished=True)
    assert client.get(event.get_absolute_url()).status_code == 410


def test_staff_preview_a_draft_never_cached(publisher_client, editor_client):
    release = ReleaseFactory(title_en="Draft text")
    for staff in (publisher_client, editor_client):
        response = staff.get(release.get_absolute_url())
        assert response.status_code == 200
        assert "Preview — not public" in response.text
        assert "Draft text" in response.text
        assert "no-store" in response["Cache-Control"]
        assert "private" in response["Cache-Control"]
        assert "public" not in response["Cache-Control"]
        assert '<meta name="robots" content="noindex, nofollow">' in response.text


def test_preview_is_for_staff_who_may_change_the_item(client, django_user_model):
    release = ReleaseFactory(title_en="Draft text")
    assert client.get(release.get_absolute_url()).status_code == 404
    outsider = django_user_model.objects.create_user("consul", is_staff=True)
    log_in_verified(client, outsider)
    assert client.get(release.get_absolute_url()).status_code == 404


def test_event_preview(publisher_client, client):
    event = EventFactory(scheduled=True, title_en="Planned event")
    assert client.get(event.get_absolute_url()).status_code == 404
    response = publisher_client.get(event.get_absolute_url())
    assert "Preview — not public" in response.text
    assert "no-store" in response["Cache-Control"]


def test_public_pages_stay_cacheable_and_cookie_free(client):
    release = ReleaseFactory(published=True)
    response = client.get(release.get_absolute_url())
    assert "public" in response["Cache-Control"]
    assert "Cookie" not in response.get("Vary", "")
    assert not response.cookies
    assert "Preview" not in response.text


def test_change_notes_and_the_first_publication_date(client, publisher):
    first = datetime.datetime(2018, 2, 10, 12, 0, tzinfo=datetime.UTC)
    release = ReleaseFactory(status="published", published_at=first)
    ChangeNote.objects.create(
        release=release,
        note_en="Corrected the name of the head of delegation.",
        created_at=datetime.datetime(2018, 2, 12, 9, 0, tzinfo=datetime.UTC),
    )
    # Taken offline and republished today: the first publication date stays.
    services.item_return_to_draft(item=release, by=publisher)
    services.item_publish(item=release, by=publisher, at=timezone.now())
    response = client.get(release.get_absolute_url())
    assert f">{date_format(first, 'DATE_FORMAT')}</time>" in response.text
    assert f"Updated {date_format(datetime.date(2018, 2, 12), 'DATE_FORMAT')}:" in response.text
    assert "Corrected the name of the head of delegation." in response.text


def test_back_dated_items_keep_their_original_date(publisher):
    original = datetime.datetime(2018, 2, 10, 12, 0, tzinfo=datetime.UTC)
    release = ReleaseFactory(status="draft", published_at=original)
    services.item_publish(item=release, by=publisher)
    release.refresh_from_db()
    assert release.published_at == original
    assert release.first_published_at == original
    assert release.is_public


def sharing_tags(response):
    page = lxml.html.fromstring(response.content)
    tags = {tag.get("property"): tag.get("content") for tag in page.xpath("//meta[@property]")}
    blocks = page.xpath("//script[@type='application/ld+json']")
    return tags, json.loads(blocks[0].text)


def test_a_withdrawn_release_says_so_when_shared(client):
    release = ReleaseFactory(withdrawn=True, summary_en="The sides met.")

    tags, data = sharing_tags(client.get(release.get_absolute_url()))

    notice = f"Withdrawn on {date_format(timezone.localtime(release.withdrawn_at), 'DATE_FORMAT')}:"
    assert tags["og:description"] == f"{notice} This statement was issued in error. The sides met."
    assert data["description"] == tags["og:description"]
    assert data["creativeWorkStatus"] == "Withdrawn"


def test_a_public_release_claims_no_lifecycle_status(client):
    release = ReleaseFactory(published=True, summary_en="The sides met.")

    tags, data = sharing_tags(client.get(release.get_absolute_url()))

    assert tags["og:description"] == "The sides met."
    assert "creativeWorkStatus" not in data


def test_a_withdrawn_event_offers_no_calendar_file(client, publisher):
    event = EventFactory(published=True, title_en="Reception")
    public_page = lxml.html.fromstring(client.get(event.get_absolute_url()).content)
    assert public_page.xpath("//a[@type='text/calendar']")

    services.item_withdraw(item=event, by=publisher, reason={"en": "Announced in error."})
    response = client.get(event.get_absolute_url())

    assert response.status_code == 200
    assert "Announced in error." in response.text
    assert lxml.html.fromstring(response.content).xpath("//a[@type='text/calendar']") == []
    ics = reverse("releases:event-ics", kwargs={"slug": event.slug})
    assert client.get(ics).status_code == 404
