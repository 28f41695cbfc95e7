import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from releases.models import Event, PublicationStatus, Release
from tests.factories import AttachmentFactory, EventFactory, ReleaseFactory, png_file

pytestmark = pytest.mark.django_db


class TestPublished:
    def test_published_release_in_the_past_is_public(self):
        release = ReleaseFactory(published=True)
        assert list(Release.objects.published()) == [release]

    def test_drafts_are_not_public(self):
        ReleaseFactory(status=PublicationStatus.DRAFT)
        assert not Release.objects.published().exists()

    def test_release_with_a_future_publication_time_is_not_yet_public(self):
        ReleaseFactory(scheduled=True)
        assert not Release.objects.published().exists()

    def test_publishing_without_a_time_means_now(self):
        release = ReleaseFactory(status=PublicationStatus.PUBLISHED, published_at=None)
        assert release.published_at is not None
        assert release.published_at <= timezone.now()
        assert Release.objects.published().get() == release

    def test_events_follow_the_same_rule(self):
        public = EventFactory(published=True)
        EventFactory()
        assert list(Event.objects.published()) == [public]


class TestConstraints:
    def test_slug_is_unique_per_date(self):
        ReleaseFactory(slug="statement", date=datetime.date(2018, 2, 10))
        with pytest.raises(IntegrityError), transaction.atomic():
            ReleaseFactory(slug="statement", date=datetime.date(2018, 2, 10))

    def test_same_slug_on_another_date_is_allowed(self):
        ReleaseFactory(slug="statement", date=datetime.date(2018, 2, 10))
        ReleaseFactory(slug="statement", date=datetime.date(2018, 2, 11))
        assert Release.objects.filter(slug="statement").count() == 2

    def test_duplicate_slug_is_a_validation_error_not_a_crash(self):
        ReleaseFactory(slug="statement", date=datetime.date(2018, 2, 10))
        duplicate = ReleaseFactory.build(slug="statement", date=datetime.date(2018, 2, 10))
        with pytest.raises(ValidationError, match="already has this slug"):
            duplicate.full_clean()

    def test_event_cannot_end_before_it_starts(self):
        with pytest.raises(IntegrityError), transaction.atomic():
            EventFactory(start_date=datetime.date(2018, 2, 16), end_date=datetime.date(2018, 2, 15))

    def test_event_end_before_start_is_a_validation_error(self):
        event = EventFactory.build(
            start_date=datetime.date(2018, 2, 16), end_date=datetime.date(2018, 2, 15)
        )
        with pytest.raises(ValidationError, match="cannot end before it starts"):
            event.full_clean()

    def test_one_day_event_end_time_must_follow_start_time(self):
        event = EventFactory.build(start_time=datetime.time(18), end_time=datetime.time(17))
        with pytest.raises(ValidationError, match="end time must follow"):
            event.full_clean()

    def test_source_address_needs_a_name(self):
        release = ReleaseFactory.build(source_url="https://example.org/", source_name_en="")
        with pytest.raises(ValidationError, match="Name the source"):
            release.full_clean()

    def test_lead_image_needs_alt_text(self):
        release = ReleaseFactory.build(image=png_file(), image_alt_en="")
        with pytest.raises(ValidationError) as error:
            release.full_clean()
        assert "image_alt_en" in error.value.message_dict


class TestRichText:
    def test_script_is_removed_on_save_even_without_a_form(self):
        release = ReleaseFactory(body_en='<p>ok</p><script>alert("x")</script>')
        release.refresh_from_db()
        assert "<script" not in release.body_en
        assert "<p>ok</p>" in release.body_en

    def test_event_handlers_and_javascript_links_are_removed(self):
        release = ReleaseFactory(
            body_en='<p onclick="steal()">a</p><a href="javascript:alert(1)">b</a>',
            body_ru='<img src=x onerror="alert(1)"><p>текст</p>',
        )
        release.refresh_from_db()
        assert "onclick" not in release.body_en
        assert "javascript:" not in release.body_en
        assert "onerror" not in release.body_ru
        assert "<p>текст</p>" in release.body_ru

    def test_allowed_formatting_is_kept(self):
        html = '<h2>Title</h2><p><strong>bold</strong> <a href="https://example.org/">link</a></p>'
        release = ReleaseFactory(body_en=html)
        release.refresh_from_db()
        assert "<h2>Title</h2>" in release.body_en
        assert "<strong>bold</strong>" in release.body_en
        assert 'href="https://example.org/"' in release.body_en

    def test_sanitising_one_language_never_copies_another(self):
        release = ReleaseFactory(body_en="<p>English</p>", body_ru="")
        release.refresh_from_db()
        assert release.body_ru in ("", None)


class TestDates:
    def test_default_date_is_the_missions_date_late_in_the_utc_evening(self, clock):
        # 20:30 UTC on 9 February is already 02:00 on 10 February in New Delhi.
        clock.set(datetime.datetime(2018, 2, 9, 20, 30, tzinfo=datetime.UTC))
        release = Release(title_en="Greetings", slug="greetings")
        assert release.date == datetime.date(2018, 2, 10)

    def test_url_carries_the_dateline_date(self):
        release = ReleaseFactory(slug="greetings", date=datetime.date(2018, 2, 10))
        assert release.get_absolute_url() == "/en/releases/2018/02/10/greetings/"

    def test_dateline_reads_place_and_date(self):
        release = ReleaseFactory.build(place_en="Moscow", date=datetime.date(2018, 2, 10))
        assert release.dateline == "Moscow, 10 February 2018"

    def test_upcoming_and_past_events(self):
        today = timezone.localdate()
        past = EventFactory(published=True, start_date=today - datetime.timedelta(days=3))
        running = EventFactory(
            published=True,
            start_date=today - datetime.timedelta(days=1),
            end_date=today + datetime.timedelta(days=1),
        )
        future = EventFactory(published=True, start_date=today + datetime.timedelta(days=5))
        assert list(Event.objects.upcoming()) == [running, future]
        assert list(Event.objects.past()) == [past]


class TestUploadPaths:
    def test_files_of_unpublished_releases_cannot_be_found_by_guessing(self):
        first = AttachmentFactory(release=ReleaseFactory())
        second = AttachmentFactory(release=ReleaseFactory())
        prefix, _year, _month, folder, name = first.file.name.split("/")
        assert (prefix, name) == ("attachments", "statement.pdf")
        assert len(folder) >= 16  # 12 random bytes, URL-safe
        assert second.file.name != first.file.name
        assert second.file.name.endswith("/statement.pdf")

    def test_hostile_file_names_stay_inside_the_upload_folder(self):
        release = ReleaseFactory(image=png_file(name="../../etc/pass wd.png"), image_alt_en="x")
        assert release.image.name.startswith("releases/")
        assert ".." not in release.image.name
        assert release.image.name.endswith("/pass_wd.png")
