"""What a page tells search engines and the sites it is shared on: its
canonical address, OpenGraph and Twitter card tags, and schema.org JSON-LD
(a NewsArticle for a release, an Event for an event). The tags are
written by the `sharing_meta` tag (releases/templatetags/discovery.py)."""

import datetime
import logging

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import Truncator
from django.utils.translation import get_language, to_locale
from django.utils.translation import gettext as _
from sorl.thumbnail import get_thumbnail

from embassy.jsonld import jsonld_script
from embassy.text import plain_text

from ..models import Event, EventStatus, Release, ReleaseKind, Speaker, Topic

# OpenGraph wants language_TERRITORY; the mission's country for its own languages.
OG_LOCALES = {"en": "en_IN", "ru": "ru_RU", "hi": "hi_IN"}
DESCRIPTION_CHARS = 200
# The size the sharing sites recommend; JPEG because not every one reads WebP.
SHARE_IMAGE = {"geometry": "1200x630", "crop": "center", "format": "JPEG", "quality": 85}
PORTRAIT_IMAGE = {"geometry": "600x600", "crop": "center", "format": "JPEG", "quality": 85}
SCHEMA_EVENT_STATUS = {
    EventStatus.CANCELLED: "https://schema.org/EventCancelled",
    EventStatus.POSTPONED: "https://schema.org/EventPostponed",
}


def withdrawn_description(item, description):
    """A withdrawn item's description opens with the notice its page shows,
    so a link shared or found later says at once that it was withdrawn."""
    if not item.is_withdrawn:
        return description
    withdrawn_at = timezone.localtime(item.withdrawn_at or item.updated_at)
    notice = _("Withdrawn on %(date)s:") % {"date": date_format(withdrawn_at, "DATE_FORMAT")}
    text = " ".join(part for part in (notice, item.withdrawal_reason, description) if part)
    return Truncator(text).chars(DESCRIPTION_CHARS)


def og_locale(language):
    return OG_LOCALES.get(language, to_locale(language))


def description_text(rich_text):
    """Rich text as a one-line description of at most DESCRIPTION_CHARS."""
    return Truncator(" ".join(plain_text(rich_text).split())).chars(DESCRIPTION_CHARS)


logger = logging.getLogger(__name__)


def share_image(image, alt, request, geometry, **options):
    """A rendition of `image` for sharing (the upload itself is never sent),
    or None when the file cannot be read: a page must not fail for it."""
    try:
        rendition = get_thumbnail(image, geometry, **options)
        width, height = rendition.width, rendition.height
    except Exception:  # sorl's own template tag is as forgiving, for the same reason
        logger.exception("No sharing image for %s", image.name)
        return None
    return {
        "url": request.build_absolute_uri(rendition.url),
        "width": width,
        "height": height,
        "alt": alt,
    }


def canonical_url(request, page_number=1):
    """The page's address without filters or tracking parameters; the number
    of the page shown, other than 1, is part of it (read from the paginator,
    never from the query string, which may say anything)."""
    url = request.build_absolute_uri(request.path)
    return f"{url}?page={page_number}" if page_number > 1 else url


def publisher(request):
    return {
        "@type": "GovernmentOrganization",
        "name": str(settings.EMBASSY_NAME),
        "url": request.build_absolute_uri(reverse("home")),
    }


def person(speaker, role, request):
    data = {
        "@type": "Person",
        "name": speaker.full_name,
        "url": request.build_absolute_uri(speaker.get_absolute_url()),
    }
    if role or speaker.position:
        data["jobTitle"] = role or speaker.position
    return data


def page_metadata(request, obj=None, page_number=1):
    language = get_language()
    meta = {
        "canonical": canonical_url(request, page_number),
        "site_name": str(settings.EMBASSY_NAME),
        "locale": og_locale(language),
        "alternate_locales": [
            og_locale(code) for code, _name in settings.LANGUAGES if code != language
        ],
        "type": "website",
        "title": str(settings.EMBASSY_NAME),
        "description": _("Press releases, speeches, events and consular contacts of the embassy."),
    }
    builders = {
        Release: release_metadata,
        Event: event_metadata,
        Speaker: speaker_metadata,
        Topic: topic_metadata,
    }
    if type(obj) in builders:
        meta.update(builders[type(obj)](obj, request, meta["canonical"]))
    return meta


def release_metadata(release, request, url):
    meta = {
        "type": "article",
        "title": release.title,
        "description": withdrawn_description(
            release, release.summary or description_text(release.body) or release.title
        ),
        "published": release.first_publication,
        "modified": release.last_change,
        "section": release.get_kind_display(),
        "tags": [topic.name for topic in release.topics.all()],
    }
    if release.image:
        meta["image"] = share_image(release.image, release.image_alt, request, **SHARE_IMAGE)
    meta["jsonld"] = jsonld_script(release_jsonld(release, request, url, meta))
    return meta


def release_jsonld(release, request, url, meta):
    speech = release.kind == ReleaseKind.SPEECH
    data = {
        "@context": "https://schema.org",
        # schema.org has no Speech type: a speech is an Article of that genre.
        "@type": "Article" if speech else "NewsArticle",
        "headline": Truncator(release.title).chars(110),
        "name": release.title,
        "description": meta["description"],
        "url": url,
        "mainEntityOfPage": url,
        "inLanguage": get_language(),
        "dateModified": meta["modified"].isoformat(),
        "dateCreated": release.date.isoformat(),
        "articleSection": meta["section"],
        "publisher": publisher(request),
        "author": [
            person(link.speaker, link.role, request) for link in release.release_speakers.all()
        ]
        or publisher(request),
    }
    # A staff preview of a draft has no publication time yet.
    first_published = release.first_publication
    if first_published:
        data["datePublished"] = first_published.isoformat()
    if speech:
        data["genre"] = "Speech"
    if release.place:
        data["locationCreated"] = {"@type": "Place", "name": release.place}
    if meta["tags"]:
        data["keywords"] = meta["tags"]
    if meta.get("image"):
        image = meta["image"]
        data["image"] = {
            "@type": "ImageObject",
            "url": image["url"],
            "width": image["width"],
            "height": image["height"],
        }
    if release.event_id and release.event.is_public:
        data["about"] = {
            "@type": "Event",
            "name": release.event.title,
            "url": request.build_absolute_uri(release.event.get_absolute_url()),
        }
    if release.source_url:
        data["isBasedOn"] = release.source_url
    if release.is_withdrawn:
        data["creativeWorkStatus"] = "Withdrawn"
    corrections = [correction(note) for note in release.change_notes.all()]
    if corrections:
        data["correction"] = corrections
    return data


def correction(note):
    """A change note as schema.org's CorrectionComment (the Trust Project's
    term for a public note on a corrected article)."""
    return {
        "@type": "CorrectionComment",
        "text": note.note,
        "datePublished": note.created_at.isoformat(),
    }


def event_metadata(event, request, url):
    when = event.start_date.isoformat()
    description = description_text(event.description) or ", ".join(
        part for part in (when, event.venue, event.city) if part
    )
    description = withdrawn_description(event, description)
    meta = {"title": event.title, "description": description}
    meta["jsonld"] = jsonld_script(event_jsonld(event, request, url, description))
    return meta


def event_dates(event):
    """schema.org startDate and endDate: dates for a date-only event,
    datetimes with the mission's UTC offset for a timed one."""
    if event.starts_at is None:
        end = event.end_date.isoformat() if event.end_date else None
        return event.start_date.isoformat(), end
    end = None
    if event.end_time is not None:
        end_at = datetime.datetime.combine(event.last_date, event.end_time)
        end = end_at.replace(tzinfo=event.starts_at.tzinfo).isoformat()
    return event.starts_at.isoformat(), end


def event_jsonld(event, request, url, description):
    start, end = event_dates(event)
    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": event.title,
        "description": description,
        "url": url,
        "inLanguage": get_language(),
        "startDate": start,
        "eventStatus": SCHEMA_EVENT_STATUS.get(
            event.event_status, "https://schema.org/EventScheduled"
        ),
        "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
        "organizer": publisher(request),
    }
    if end:
        data["endDate"] = end
    if event.venue or event.city:
        place = {"@type": "Place", "name": event.venue or event.city}
        if event.city:
            place["address"] = {"@type": "PostalAddress", "addressLocality": event.city}
        data["location"] = place
    performers = [
        person(participation.speaker, participation.role, request)
        # Prefetched with their speakers by the event page.
        for participation in event.participations.all()
    ]
    if performers:
        data["performer"] = performers
    return data


def speaker_metadata(speaker, request, url):
    meta = {
        "type": "profile",
        "title": speaker.full_name,
        "description": speaker.description
        or description_text(speaker.biography)
        or speaker.full_name,
    }
    if speaker.portrait:
        meta["image"] = share_image(
            speaker.portrait, speaker.portrait_alt, request, **PORTRAIT_IMAGE
        )
    return meta


def topic_metadata(topic, request, url):
    return {
        "title": topic.name,
        "description": _("Press releases, speeches and statements on %(topic)s.")
        % {"topic": topic.name},
    }
