"""The hostile-text net: every free-text field of every model of our apps,
in every language, holds the worst that editors paste (control characters,
CR LF, a right-to-left override, NUL, 10,000 characters cut to the field's
length, emoji, combining marks, markup). Then every public address in every
language (tests/public_site/pages.py lists them all, and fails when a page is
added without an entry), the search, the feeds with a query and every
sitemap are fetched, and each answer is read with its real parser: lxml for
HTML and XML, feedparser for feeds, icalendar, vobject, json for JSON-LD.

Fields and models are found through `_meta`: a new field is covered as soon
as it exists, and a new model fails `test_the_world_has_every_model` until
`make_world()` makes one."""

import json
import re
from dataclasses import dataclass
from urllib.parse import urlencode, urlsplit

import feedparser
import icalendar
import lxml.etree
import lxml.html
import pytest
import vobject
from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.validators import MaxLengthValidator
from django.db import connection, models
from django.urls import reverse
from django.utils import timezone, translation
from modeltranslation.fields import TranslationFieldDescriptor

from notices.models import Notice
from releases.models import ChangeNote, PendingRevision
from releases.workflow.services import embargo_link_open
from services.models import Question, Service, ServiceForm
from tests.contacts.factories import ClosureFactory, ContactPointFactory, OpeningHoursFactory
from tests.factories import AttachmentFactory, EventParticipantFactory, png_file
from tests.public_site.pages import (
    LABELS,
    LANGUAGES,
    LIVE_TOKEN,
    STATUS,
    address,
    languages,
    make_content,
)

pytestmark = pytest.mark.django_db

OUR_APPS = ("releases", "contacts", "services")
MARKER = "😀"
HOSTILE = (
    f"{MARKER} Word\x0bsoft break, NUL\x00, bell\x07, escape\x1b[31m, DEL\x7f, "
    "non\ufffecharacters\uffff, CR LF\r\nnext line, \u2028separator, "
    "\u202eright-to-left override\u202c, 👩🏽‍🚀 zwj, e\u0301\u0308 combining, "
    "</script><script>alert(1)</script><b>&amp; \"quoted\" 'single' ]]> "
)
# What XML 1.0, iCalendar and vCard allow nowhere.
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
# Answers that show no text of the content: redirects, refusals, addresses only.
WITHOUT_CONTENT = {
    "robots.txt",
    "security.txt",
    "CSP report endpoint",
    "favicon",
    "sitemap index",
    "sitemap section",
    "language switch",
    "bare address",
    "media",
    "not found (404)",
    "draft release (404)",
    "unpublished release (410)",
    "embargo refused",
    "embargo expired",
    "search",
}


# Of the notices app, the notice is typed by editors; subscriptions hold an
# address and choices, and dispatches and deliveries are keys the worker makes.
OUR_OTHER_MODELS = [Notice]


def our_models():
    in_apps = [model for app in OUR_APPS for model in apps.get_app_config(app).get_models()]
    return in_apps + OUR_OTHER_MODELS


def is_free_text(model, field):
    """A column an editor types free text into, in one language: not a slug,
    an address or a number (their validators refuse such text in the admin),
    not a choice, and not a translated field's own column, which follows
    the active language's."""
    return (
        isinstance(field, models.CharField | models.TextField)
        and field.editable
        and not field.choices
        and all(isinstance(v, MaxLengthValidator) for v in field.validators)
        and not isinstance(getattr(model, field.name, None), TranslationFieldDescriptor)
    )


def free_text_fields(model):
    return [field for field in model._meta.concrete_fields if is_free_text(model, field)]


def hostile_value(field, nul=True):
    """10,000 hostile characters, cut to the field's length."""
    text = (HOSTILE * (10_000 // len(HOSTILE) + 1))[:10_000]
    if not nul:
        text = text.replace("\x00", "")
    return text[: field.max_length] if field.max_length else text


def make_world():
    """Content behind every public address (slug "sample"), with at least
    one row of every model of our apps."""
    content = make_content()
    office, release = content["email"].office, content["release"]
    # With pictures, so that their descriptions, caption and credit are shown.
    release.image = png_file(size=(1200, 630))
    release.save()
    speaker = release.speakers.get()
    speaker.portrait = png_file()
    speaker.save()
    for trait in ("emergency", "fax", "public_email", "website"):
        ContactPointFactory(office=office, **{trait: True})
    OpeningHoursFactory(office=office)
    for closed in (office, None):  # one office's closure, and every office's
        ClosureFactory(office=closed, start_date=timezone.localdate())
    EventParticipantFactory(event=release.event, speaker=speaker)
    ChangeNote.objects.create(release=release, note_en="Corrected a name.")
    AttachmentFactory(release=release)
    service = Service.objects.get(slug="sample")
    Question.objects.create(service=service, question_en="Who may come?", answer_en="You.")
    ServiceForm.objects.create(
        service=service,
        title_en="Application form",
        file=SimpleUploadedFile("form.pdf", b"%PDF-1.4\n%%EOF\n"),
    )
    embargo_link_open(token=LIVE_TOKEN)  # an opening and its audit entry
    # A correction waiting for a publisher (releases/workflow/corrections.py).
    PendingRevision.objects.create(
        item=release, object_repr=str(release), base_version=release.version
    )
    return content


def fill_every_field(save):
    """Give every free-text field of every row of our apps a hostile value,
    written by `save(obj, fields)`."""
    for model in our_models():
        fields = free_text_fields(model)
        for obj in model.objects.all():
            save(obj, fields)


def through_save(obj, fields):
    for field in fields:
        setattr(obj, field.attname, hostile_value(field))
    obj.save()


def through_update(obj, fields):
    # PostgreSQL cannot store NUL in text at all; the cleaning on save keeps
    # it out, and QuerySet.update() is not cleaned.
    nul = connection.vendor != "postgresql"
    values = {field.attname: hostile_value(field, nul=nul) for field in fields}
    type(obj)._base_manager.filter(pk=obj.pk).update(**values)


def public_addresses(content):
    """(label, path) of every public address in every language."""
    for label in LABELS:
        for language in languages(label):
            yield label, address(content, label, language or "en")
    for language in LANGUAGES:
        with translation.override(language):
            yield "search with a query", reverse("releases:search") + "?q=soft+break"
            yield "hostile search", reverse("releases:search") + "?" + urlencode({"q": HOSTILE})
            yield "atom feed with a query", reverse("releases:feed-atom") + "?q=soft+break"


def sitemap_sections(client):
    index = lxml.etree.fromstring(client.get("/sitemap.xml").content)
    for loc in index.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc"):
        yield "sitemap section", urlsplit(loc.text).path


def read_html(body):
    tree = lxml.html.document_fromstring(body)
    scripts = tree.xpath('//script[@type="application/ld+json"]')
    return [json.loads(script.text) for script in scripts]


def read_xml(body):
    lxml.etree.fromstring(body.encode())


def read_feed(body):
    feed = feedparser.parse(body)
    assert feed.bozo == 0, feed.get("bozo_exception")
    assert feed.entries
    read_xml(body)


def read_json_feed(body):
    feed = json.loads(body)
    assert feed["version"].startswith("https://jsonfeed.org/version/")
    assert all(isinstance(item["id"], str) for item in feed["items"])


def read_calendar(body):
    assert icalendar.Calendar.from_ical(body).walk("VEVENT")


def read_vcard(body):
    assert vobject.readOne(body).fn.value


READERS = {
    "text/html": read_html,
    "application/atom+xml": read_feed,
    "application/rss+xml": read_feed,
    "application/feed+json": read_json_feed,
    "text/calendar": read_calendar,
    "text/vcard": read_vcard,
    "application/xml": read_xml,
    "text/plain": lambda body: None,
}


def strings_in(data):
    if isinstance(data, str):
        yield data
    elif isinstance(data, dict | list):
        for item in data.values() if isinstance(data, dict) else data:
            yield from strings_in(item)


@dataclass
class Answer:
    label: str
    path: str
    kind: str
    body: str
    jsonld: list


def fetch_and_read(client, label, path):
    """The answer at `path`, read with the parser of its content type."""
    response = client.get(path)
    assert response.status_code == STATUS.get(label, 200), path
    kind = response.get("Content-Type", "text/html").split(";")[0]
    body = response.content.decode()
    blocks = READERS[kind](body) if body else None
    return Answer(label, path, kind, body, blocks or [])


def every_answer(client, content):
    for label, path in [*public_addresses(content), *sitemap_sections(client)]:
        yield fetch_and_read(client, label, path)


def test_the_world_has_every_model():
    make_world()

    assert [model for model in our_models() if not model._base_manager.exists()] == []


def test_hostile_text_is_stored_clean(db):
    make_world()
    fill_every_field(through_save)

    for model in our_models():
        for field in free_text_fields(model):
            for value in model._base_manager.values_list(field.attname, flat=True):
                assert not CONTROL.search(value), (model, field.name)
                assert MARKER in value, (model, field.name)
                if not isinstance(field, models.TextField):
                    assert "\n" not in value and "\r" not in value, (model, field.name)


def test_every_public_output_reads_hostile_text_saved_by_editors(client):
    content = make_world()
    fill_every_field(through_save)

    for answer in every_answer(client, content):
        assert not CONTROL.search(answer.body), answer.path
        if answer.label not in WITHOUT_CONTENT:
            assert MARKER in answer.body, answer.path
        for block in answer.jsonld:
            assert MARKER in json.dumps(block, ensure_ascii=False), answer.path


def test_every_public_output_survives_hostile_text_written_past_save(client):
    """QuerySet.update() skips save() and its cleaning: pages still answer,
    and feeds, calendars, vCards and JSON-LD are cleaned as they are written."""
    content = make_world()
    fill_every_field(through_update)

    for answer in every_answer(client, content):
        if answer.kind != "text/html":
            assert not CONTROL.search(answer.body), answer.path
        for block in answer.jsonld:
            assert not any(CONTROL.search(text) for text in strings_in(block)), answer.path
