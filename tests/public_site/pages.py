"""Every kind of public address of the site, with content behind it, for the
tests that must hold on all of them (headers for anonymous visitors, hostile
query strings). `test_every_public_url_pattern_has_a_page_here` fails when a
URL pattern is added without a page in this table."""

import datetime

from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation

from releases.models import EmbargoLink, hash_token
from tests.contacts.factories import ContactPointFactory, OfficeFactory, OpeningHoursFactory
from tests.factories import (
    EventFactory,
    NoticeFactory,
    ReleaseFactory,
    SpeakerFactory,
    TopicFactory,
)
from tests.services.factories import DocumentFactory, FeeFactory, ServiceFactory

LANGUAGES = [code for code, _name in settings.LANGUAGES]
LIVE_TOKEN, EXPIRED_TOKEN = "live-embargo-token", "expired-embargo-token"
SLUG = {"slug": "sample"}

# Pages under /<language>/: {label: (URL name, kwargs)}; a kwargs value of
# None is filled from the content.
LOCALIZED = {
    "home": ("home", {}),
    "release list": ("releases:index", {}),
    "year": ("releases:year", {"year": 2018}),
    "speakers": ("releases:speakers", {}),
    "speaker": ("releases:speaker", SLUG),
    "topic": ("releases:topic", SLUG),
    "events": ("releases:events", {}),
    "event": ("releases:event", SLUG),
    "search": ("releases:search", {}),
    "atom feed": ("releases:feed-atom", {}),
    "rss feed": ("releases:feed-rss", {}),
    "speaker atom feed": ("releases:speaker-feed-atom", SLUG),
    "speaker rss feed": ("releases:speaker-feed-rss", SLUG),
    "topic atom feed": ("releases:topic-feed-atom", SLUG),
    "topic rss feed": ("releases:topic-feed-rss", SLUG),
    "event atom feed": ("releases:event-feed-atom", SLUG),
    "event rss feed": ("releases:event-feed-rss", SLUG),
    "calendar": ("releases:events-calendar", {}),
    "event calendar": ("releases:event-ics", SLUG),
    "embargoed release": ("releases:embargo", {"token": LIVE_TOKEN}),
    "embargo refused": ("releases:embargo", {"token": "forged"}),
    "embargo expired": ("releases:embargo", {"token": EXPIRED_TOKEN}),
    "contacts": ("contacts:index", {}),
    "office": ("contacts:office", SLUG),
    "vcard": ("contacts:vcard", SLUG),
    "e-mail reveal": ("contacts:reveal-email", {"pk": None}),
    "services": ("services:index", {}),
    "service": ("services:detail", SLUG),
    "json feed": ("releases:feed-json", {}),
    "notices": ("notices:index", {}),
    "notice": ("notices:detail", SLUG),
    "notices atom feed": ("notices:feed-atom", {}),
    "notices rss feed": ("notices:feed-rss", {}),
    "notices json feed": ("notices:feed-json", {}),
    "emergency page": ("notices:emergency", {}),
    "subscribe": ("notices:subscribe", {}),
    "confirm (forged)": ("notices:confirm", {"token": "forged"}),
    "manage (forged)": ("notices:manage", {"token": "forged"}),
    "unsubscribe (forged)": ("notices:unsubscribe", {"token": "forged"}),
}
# Pages reached through get_absolute_url(): {label: content key}.
OBJECTS = {
    "release": "release",
    "withdrawn release": "withdrawn",
    "unpublished release (410)": "unpublished",
    "draft release (404)": "draft",
    "not found (404)": "missing",
}
# Addresses outside the language prefixes.
UNPREFIXED = {
    "robots.txt": "/robots.txt",
    "favicon": "/favicon.ico",
    "sitemap index": "/sitemap.xml",
    "sitemap section": "/sitemap-releases.xml",
    "language switch": "/i18n/setlang/?next=/ru/",
    "bare address": "/releases/",
    "media": "/media/no-such-file.png",
    "security.txt": "/.well-known/security.txt",
    "CSP report endpoint": "/csp-report/",
}
LABELS = [*LOCALIZED, *OBJECTS, *UNPREFIXED]


def make_content():
    """One item behind every address, all with the slug "sample"."""
    speaker, topic = SpeakerFactory(**SLUG), TopicFactory(**SLUG)
    event = EventFactory(published=True, **SLUG)
    office = OfficeFactory(**SLUG)
    service = ServiceFactory(offices=[office], **SLUG)
    OpeningHoursFactory(office=office, service=service)
    FeeFactory(service=service)
    DocumentFactory(service=service)
    scheduled = ReleaseFactory(scheduled=True, slug="scheduled")
    for token, hours in ((LIVE_TOKEN, 1), (EXPIRED_TOKEN, -1)):
        EmbargoLink.objects.create(
            release=scheduled,
            recipient_name="Reporter",
            recipient_email="reporter@example.org",
            token_hash=hash_token(token),
            expires_at=timezone.now() + datetime.timedelta(hours=hours),
        )
    return {
        "email": ContactPointFactory(office=office, protected_email=True),
        "release": ReleaseFactory(
            published=True, speakers=[speaker], topics=[topic], event=event, **SLUG
        ),
        "withdrawn": ReleaseFactory(withdrawn=True, slug="withdrawn"),
        "unpublished": ReleaseFactory(unpublished=True, slug="unpublished"),
        "draft": ReleaseFactory(slug="draft"),
        "missing": ReleaseFactory.build(slug="no-such-release"),
        "notice": NoticeFactory(published=True, emergency=True, office=office, **SLUG),
    }


def address(content, label, language="en"):
    """The path of the page `label` in `language`."""
    if label in UNPREFIXED:
        return UNPREFIXED[label]
    with translation.override(language):
        if label in OBJECTS:
            return content[OBJECTS[label]].get_absolute_url()
        name, kwargs = LOCALIZED[label]
        if kwargs.get("pk", 0) is None:
            kwargs = {"pk": content["email"].pk}
        return reverse(name, kwargs=kwargs)


def languages(label):
    return [None] if label in UNPREFIXED else LANGUAGES


# What each page answers an anonymous visitor; every other page answers 200.
STATUS = {
    "unpublished release (410)": 410,
    "draft release (404)": 404,
    "not found (404)": 404,
    "embargo refused": 403,
    "embargo expired": 410,
    "language switch": 302,
    "bare address": 302,
    "favicon": 301,
    "media": 404,
    "CSP report endpoint": 405,  # browsers POST reports; a GET is refused
    "confirm (forged)": 400,
    "manage (forged)": 400,
    "unsubscribe (forged)": 400,
}
