"""One stored object per model admin, with every kind of stored file its
form can hold (lead image, portrait, attachment) and a row in each inline.

A model registered on the admin site without a sample here fails
tests/admin_site/test_round_trip.py, so new admins are covered as they come."""

import datetime

from django.contrib.auth.models import Group, User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from contacts.models import Closure, Office
from joomla.models import LegacyAddress
from notices.models import Notice
from releases.models import EmbargoLink, Event, Release, Speaker, Topic
from releases.workflow import services
from releases.workflow.roles import PUBLISHER
from services.models import Question, Service, ServiceForm
from tests.contacts.factories import (
    ClosureFactory,
    ContactPointFactory,
    OfficeFactory,
    OpeningHoursFactory,
)
from tests.factories import (
    AttachmentFactory,
    EventFactory,
    EventParticipantFactory,
    NoticeFactory,
    ReleaseFactory,
    SpeakerFactory,
    TopicFactory,
    png_file,
)
from tests.services.factories import DocumentFactory, FeeFactory, ServiceFactory


def speaker():
    return SpeakerFactory(portrait=png_file(), portrait_alt_en="The minister at his desk")


def release():
    item = ReleaseFactory(
        image=png_file(),
        image_alt_en="Wreaths at the memorial",
        event=EventFactory(),
        topics=[TopicFactory()],
        speakers=[speaker()],
    )
    AttachmentFactory(release=item)
    item.change_notes.create(note_en="Corrected the date of the visit.")
    return item


def event():
    return EventParticipantFactory(speaker=speaker()).event


def office():
    item = OfficeFactory()
    ContactPointFactory(office=item)
    OpeningHoursFactory(office=item)
    ClosureFactory(office=item)
    return item


def service():
    item = ServiceFactory()
    DocumentFactory(service=item)
    FeeFactory(service=item)
    Question.objects.create(service=item, question_en="Who may come?", answer_en="You.")
    ServiceForm.objects.create(
        service=item,
        title_en="Application form",
        file=SimpleUploadedFile("form.pdf", b"%PDF-1.4\n%%EOF\n"),
    )
    OpeningHoursFactory(office=item.offices.get(), service=item)
    return item


def embargo_link():
    issuer = User.objects.create_user("issuer", is_staff=True)
    issuer.groups.add(Group.objects.get(name=PUBLISHER))
    link, _token = services.embargo_link_issue(
        release=ReleaseFactory(),
        by=issuer,
        recipient_name="Anna Reporter",
        recipient_email="anna@example.org",
        expires_at=timezone.now() + datetime.timedelta(days=1),
    )
    return link


def notice():
    item = NoticeFactory(audience_en="Citizens of Russia in Nepal", office=OfficeFactory())
    item.change_notes.create(note_en="Opening hours corrected.")
    return item


def user():
    item = User.objects.create_user("sample", "sample@example.org", "pw", first_name="Anna")
    item.groups.add(Group.objects.get(name=PUBLISHER))
    return item


SAMPLES = {
    Release: release,
    Speaker: speaker,
    Event: event,
    Topic: TopicFactory,
    Office: office,
    Service: service,
    Closure: ClosureFactory,
    Notice: notice,
    EmbargoLink: embargo_link,
    User: user,
    Group: lambda: Group.objects.get(name=PUBLISHER),
    LegacyAddress: lambda: LegacyAddress.objects.create(
        old_address="index.php?option=com_content&view=article&id=12",
        new_path="/en/releases/2018/02/16/talks/",
        description="article 12",
    ),
}
