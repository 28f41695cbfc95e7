"""factory_boy factories for every model. Traits say what a test cares
about: ReleaseFactory(published=True), EventFactory(upcoming=True)."""

import datetime
import io

import factory
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from notices.models import Notice, Severity
from releases.models import (
    Attachment,
    Event,
    EventParticipant,
    PublicationStatus,
    Release,
    ReleaseKind,
    ReleaseSpeaker,
    Speaker,
    Topic,
)


class TopicFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Topic

    name_en = factory.Sequence(lambda n: f"Topic {n}")
    slug = factory.Sequence(lambda n: f"topic-{n}")


class SpeakerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Speaker

    name_en = factory.Sequence(lambda n: f"Speaker {n}")
    slug = factory.Sequence(lambda n: f"speaker-{n}")
    position_en = "Minister of Foreign Affairs"
    organisation_en = "Russian Federation"
    country_en = "Russia"


def hours_from_now(hours):
    return factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(hours=hours))


class PublishableFactory(factory.django.DjangoModelFactory):
    """The publication states of releases and events, as traits:
    ReleaseFactory(withdrawn=True), EventFactory(scheduled=True). Drafts by
    default; withdrawn, unpublished and ended items were public before."""

    class Meta:
        abstract = True

    status = PublicationStatus.DRAFT

    class Params:
        published = factory.Trait(
            status=PublicationStatus.PUBLISHED, published_at=hours_from_now(-1)
        )
        scheduled = factory.Trait(
            status=PublicationStatus.PUBLISHED, published_at=hours_from_now(24)
        )
        in_review = factory.Trait(status=PublicationStatus.REVIEW)
        withdrawn = factory.Trait(
            status=PublicationStatus.WITHDRAWN,
            published_at=hours_from_now(-24),
            first_published_at=factory.SelfAttribute("published_at"),
            withdrawal_reason_en="This statement was issued in error.",
        )
        unpublished = factory.Trait(
            status=PublicationStatus.UNPUBLISHED,
            published_at=hours_from_now(-24),
            first_published_at=factory.SelfAttribute("published_at"),
        )
        # Published, but its end of publication has passed.
        ended = factory.Trait(
            status=PublicationStatus.PUBLISHED,
            published_at=hours_from_now(-24),
            unpublish_at=hours_from_now(-1),
        )


# The traits of each state that `published()` leaves out of every list, feed
# and count. A withdrawn item still opens at its address; the others do not.
UNLISTED_STATES = {
    "draft": {},
    "in review": {"in_review": True},
    "scheduled": {"scheduled": True},
    "withdrawn": {"withdrawn": True},
    "unpublished": {"unpublished": True},
    "ended": {"ended": True},
}


class EventFactory(PublishableFactory):
    class Meta:
        model = Event

    title_en = factory.Sequence(lambda n: f"Event {n}")
    slug = factory.Sequence(lambda n: f"event-{n}")
    start_date = datetime.date(2018, 2, 15)
    city_en = "New Delhi"

    class Params:
        upcoming = factory.Trait(
            start_date=factory.LazyFunction(
                lambda: timezone.localdate() + datetime.timedelta(days=10)
            )
        )


class EventParticipantFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EventParticipant

    event = factory.SubFactory(EventFactory)
    speaker = factory.SubFactory(SpeakerFactory)
    role_en = "Head of delegation"


def png_file(name="photo.png", size=(120, 80), color=(11, 61, 145)):
    """A real, small PNG upload made with Pillow."""
    buffer = io.BytesIO()
    Image.new("RGB", size, color).save(buffer, format="PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


class ReleaseFactory(PublishableFactory):
    class Meta:
        model = Release
        skip_postgeneration_save = True

    kind = ReleaseKind.PRESS_RELEASE
    title_en = factory.Sequence(lambda n: f"Release number {n}")
    slug = factory.Sequence(lambda n: f"release-{n}")
    summary_en = "A short summary."
    body_en = "<p>The text of the release.</p>"
    place_en = "New Delhi"
    date = datetime.date(2018, 2, 16)

    @factory.post_generation
    def topics(self, create, extracted, **kwargs):
        if create and extracted:
            self.topics.set(extracted)

    @factory.post_generation
    def speakers(self, create, extracted, **kwargs):
        if create and extracted:
            for order, speaker in enumerate(extracted):
                ReleaseSpeaker.objects.create(
                    release=self, speaker=speaker, order=order, role_en="Minister"
                )


class AttachmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Attachment

    release = factory.SubFactory(ReleaseFactory)
    title_en = "Full text (PDF)"
    file = factory.django.FileField(filename="statement.pdf", data=b"%PDF-1.4\n%%EOF\n")


class NoticeFactory(PublishableFactory):
    class Meta:
        model = Notice

    title_en = factory.Sequence(lambda n: f"Notice number {n}")
    slug = factory.Sequence(lambda n: f"notice-{n}")
    summary_en = "What citizens need to know."
    body_en = "<p>The text of the notice.</p>"
    severity = Severity.INFORMATION

    class Params:
        emergency = factory.Trait(severity=Severity.EMERGENCY)
