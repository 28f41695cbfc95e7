"""The newsroom: what the embassy says (releases), who says it (speakers),
about which occasion (events) and on which subject (topics)."""

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from embassy.addresses import cached_reverse
from embassy.constraints import FieldConstraintsMixin
from embassy.dates import DateRangeMixin
from files.documents import Downloadable, document_file_field
from files.fields import UploadImageField
from files.validators import validate_image
from translations.status import TranslatedFieldsMixin
from translations.tracking import TrackedTranslationModel

from .. import uploads
from .publishable import Publishable, PublishableQuerySet, publishable_constraints, rich_text_field


class Topic(TranslatedFieldsMixin, models.Model):
    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("topic")
        verbose_name_plural = _("topics")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return cached_reverse("releases:topic", slug=self.slug)


class SpeakerQuerySet(models.QuerySet):
    def with_public_page(self):
        """Speakers whose page the public may open (and the sitemap lists):
        named in a public release or taking part in a public event. Someone
        who appears only in drafts (an appointment not yet announced) has no
        page until then."""
        return self.filter(
            Q(pk__in=self.with_public_releases().values("pk"))
            | Q(
                pk__in=EventParticipant.objects.filter(event__in=Event.objects.published()).values(
                    "speaker"
                )
            )
        )

    def with_public_releases(self):
        """Speakers with at least one public release: the speaker list and the
        speaker filter, which are about releases. Fewer than `with_public_page()`."""
        return self.filter(
            pk__in=ReleaseSpeaker.objects.filter(release__in=Release.objects.published()).values(
                "speaker"
            )
        )


class Speaker(TranslatedFieldsMixin, TrackedTranslationModel):
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    honorific = models.CharField(
        _("honorific"), max_length=50, blank=True, help_text=_('For example "Mr", "Dr", "H.E."')
    )
    position = models.CharField(
        _("current position"),
        max_length=200,
        blank=True,
        help_text=_("Today's position. The role held on the day of a text is set on the text."),
    )
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    country = models.CharField(_("country"), max_length=100, blank=True)
    portrait = UploadImageField(
        _("portrait"),
        upload_to=uploads.portrait_path,
        max_length=255,
        blank=True,
        validators=[validate_image],
    )
    portrait_alt = models.CharField(
        _("portrait description"),
        max_length=250,
        blank=True,
        help_text=_("What the portrait shows, for people who cannot see it."),
    )
    biography = models.TextField(_("short biography"), blank=True)

    objects = SpeakerQuerySet.as_manager()

    translation_sources = {
        "full_name": ("honorific", "name"),
        "description": ("position", "organisation"),
    }
    tracked_translation_fields = ("name", "position", "organisation", "biography")

    class Meta:
        ordering = ["name"]
        verbose_name = _("speaker")
        verbose_name_plural = _("speakers")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return cached_reverse("releases:speaker", slug=self.slug)

    @property
    def full_name(self):
        return f"{self.honorific} {self.name}".strip()

    @property
    def description(self):
        return ", ".join(part for part in (self.position, self.organisation) if part)


class EventKind(models.TextChoices):
    CONSULTATIONS = "consultations", _("Consultations")
    VISIT = "visit", _("Visit")
    MEETING = "meeting", _("Meeting")
    CEREMONY = "ceremony", _("Ceremony")
    NATIONAL_DAY = "national-day", _("National day")
    RECEPTION = "reception", _("Reception")
    EXHIBITION = "exhibition", _("Exhibition")
    CONFERENCE = "conference", _("Conference")
    OTHER = "other", _("Other")


class EventStatus(models.TextChoices):
    ANNOUNCED = "announced", _("Announced")
    TO_BE_CONFIRMED = "tbc", _("Date to be confirmed")
    POSTPONED = "postponed", _("Postponed")
    CANCELLED = "cancelled", _("Cancelled")
    HELD = "held", _("Held")


class EventQuerySet(PublishableQuerySet):
    def upcoming(self):
        """Events still to come or under way, soonest first."""
        today = timezone.localdate()
        return self.filter(
            Q(end_date__gte=today) | Q(end_date__isnull=True, start_date__gte=today)
        ).order_by("start_date", "start_time")

    def past(self):
        today = timezone.localdate()
        return self.exclude(
            Q(end_date__gte=today) | Q(end_date__isnull=True, start_date__gte=today)
        ).order_by("-start_date", "-start_time")


class Event(DateRangeMixin, TranslatedFieldsMixin, Publishable, TrackedTranslationModel):
    title = models.CharField(_("title"), max_length=250)
    slug = models.SlugField(_("slug"), max_length=250, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=EventKind, default=EventKind.OTHER)
    event_status = models.CharField(
        _("status of the event"),
        max_length=20,
        choices=EventStatus,
        default=EventStatus.ANNOUNCED,
        help_text=_("Whether the event takes place as announced. Shown to the public."),
    )
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(
        _("end date"), null=True, blank=True, help_text=_("Leave empty for a one-day event.")
    )
    start_time = models.TimeField(
        _("start time"),
        null=True,
        blank=True,
        help_text=_("Local time at the venue's city, in the mission's time zone. Optional."),
    )
    end_time = models.TimeField(_("end time"), null=True, blank=True)
    venue = models.CharField(_("venue"), max_length=250, blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    description = rich_text_field(verbose_name=_("description"))
    participants = models.ManyToManyField(
        Speaker, through="EventParticipant", related_name="events", blank=True
    )

    constraint_error_fields = {
        **Publishable.constraint_error_fields,
        "ends_before_start": "end_date",
        "end_time_without_start_time": "start_time",
        "end_time_before_start_time": "end_time",
    }

    objects = EventQuerySet.as_manager()

    tracked_translation_fields = ("title", "venue", "description")

    class Meta:
        ordering = ["-start_date", "-start_time"]
        verbose_name = _("event")
        verbose_name_plural = _("events")
        indexes = [models.Index(fields=["status", "start_date"], name="event_status_start")]
        permissions = [
            ("publish_event", _("Can publish, schedule, withdraw and unpublish events")),
        ]
        constraints = [
            *publishable_constraints(),
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=models.F("start_date")),
                name="event_end_after_start",
                violation_error_code="ends_before_start",
                violation_error_message=_("The event cannot end before it starts."),
            ),
            models.CheckConstraint(
                condition=Q(end_time__isnull=True) | Q(start_time__isnull=False),
                name="event_end_time_needs_start_time",
                violation_error_code="end_time_without_start_time",
                violation_error_message=_("Give a start time before an end time."),
            ),
            models.CheckConstraint(
                condition=(
                    Q(end_time__isnull=True)
                    | (Q(end_date__isnull=False) & Q(end_date__gt=models.F("start_date")))
                    | Q(end_time__gt=models.F("start_time"))
                ),
                name="event_end_time_after_start_time",
                violation_error_code="end_time_before_start_time",
                violation_error_message=_(
                    "On a one-day event the end time must follow the start time."
                ),
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return cached_reverse("releases:event", slug=self.slug)

    @property
    def starts_at(self):
        """The start as an aware datetime in the mission's zone, or None for a date-only event."""
        if self.start_time is None:
            return None
        return timezone.make_aware(datetime.datetime.combine(self.start_date, self.start_time))


class EventParticipant(FieldConstraintsMixin, models.Model):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="participations")
    speaker = models.ForeignKey(Speaker, on_delete=models.PROTECT, related_name="participations")
    role = models.CharField(
        _("role"),
        max_length=200,
        blank=True,
        help_text=_('For example "Head of the Russian delegation"'),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    constraint_error_fields = {"speaker_listed": "speaker"}

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        constraints = [
            models.UniqueConstraint(
                fields=["event", "speaker"],
                name="eventparticipant_unique_speaker",
                violation_error_code="speaker_listed",
                violation_error_message=_("This person is already listed as a participant."),
            )
        ]

    def __str__(self):
        return f"{self.speaker} ({self.role})" if self.role else str(self.speaker)


class ReleaseKind(models.TextChoices):
    PRESS_RELEASE = "press-release", _("Press release")
    STATEMENT = "statement", _("Statement")
    SPEECH = "speech", _("Speech or remarks")
    GREETINGS = "greetings", _("Greetings or message")
    INTERVIEW = "interview", _("Interview")
    ARTICLE = "article", _("Article")
    NEWS = "news", _("News")


class ReleaseQuerySet(PublishableQuerySet):
    def for_listing(self):
        """Everything a list card shows, in a constant number of queries."""
        return self.select_related("event").prefetch_related(
            models.Prefetch(
                "release_speakers",
                queryset=ReleaseSpeaker.objects.select_related("speaker"),
            ),
            "topics",
        )


class Release(TranslatedFieldsMixin, Publishable, TrackedTranslationModel):
    kind = models.CharField(
        _("kind"), max_length=20, choices=ReleaseKind, default=ReleaseKind.PRESS_RELEASE
    )
    title = models.CharField(_("title"), max_length=300)
    slug = models.SlugField(
        _("slug"),
        max_length=200,
        help_text=_(
            "Part of the address. Unique among the texts of the same date; "
            "do not change it once published."
        ),
    )
    summary = models.TextField(
        _("summary"),
        blank=True,
        help_text=_("One or two sentences shown on lists and in search results."),
    )
    body = rich_text_field(verbose_name=_("text"))
    place = models.CharField(
        _("place"),
        max_length=100,
        blank=True,
        help_text=_('The dateline\'s place, for example "Moscow".'),
    )
    date = models.DateField(
        _("date"),
        default=timezone.localdate,
        help_text=_(
            "The dateline's date: when the text was issued or spoken. Part of the address."
        ),
    )
    speakers = models.ManyToManyField(
        Speaker, through="ReleaseSpeaker", related_name="releases", blank=True
    )
    event = models.ForeignKey(
        Event,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="releases",
        verbose_name=_("event"),
    )
    topics = models.ManyToManyField(
        Topic, related_name="releases", blank=True, verbose_name=_("topics")
    )
    image = UploadImageField(
        _("lead image"),
        upload_to=uploads.release_image_path,
        max_length=255,
        blank=True,
        validators=[validate_image],
        width_field="image_width",
        height_field="image_height",
        help_text=_("JPEG, PNG or WebP, at least 1200 pixels wide for sharing."),
    )
    # Stored so that pages give the image's size without opening the file.
    image_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    image_height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    image_alt = models.CharField(
        _("image description (alt text)"),
        max_length=250,
        blank=True,
        help_text=_("Required with an image: what it shows, for people who cannot see it."),
    )
    image_caption = models.CharField(_("image caption"), max_length=300, blank=True)
    image_credit = models.CharField(_("image credit"), max_length=200, blank=True)
    source_name = models.CharField(
        _("source"),
        max_length=200,
        blank=True,
        help_text=_(
            "Where the text was first published, for example "
            '"Official website of the President of Russia".'
        ),
    )
    source_url = models.URLField(_("source address"), max_length=500, blank=True)

    constraint_error_fields = {
        **Publishable.constraint_error_fields,
        "slug_taken": "slug",
        "source_without_name": "source_name",
    }

    objects = ReleaseQuerySet.as_manager()

    tracked_translation_fields = ("title", "summary", "body")

    class Meta:
        ordering = ["-date", "-pk"]
        # Unused by the code, but dropping it would add a migration for no
        # change in the database; goes with the next migration of releases.
        get_latest_by = "published_at"
        verbose_name = _("release")
        verbose_name_plural = _("releases")
        indexes = [
            # The lists' order, so that a page (and a deep page's seek) reads
            # only its own rows.
            models.Index(fields=["status", "-date", "-id"], name="release_status_date_id"),
            # The next scheduled go-live or end (embassy/fragments.py): few
            # rows are ahead of the clock, so these stay small and quick.
            models.Index(fields=["published_at"], name="release_published_at"),
            models.Index(
                fields=["unpublish_at"],
                condition=Q(unpublish_at__isnull=False),
                name="release_unpublish_at",
            ),
        ]
        permissions = [
            ("publish_release", _("Can publish, schedule, withdraw and unpublish releases")),
        ]
        constraints = [
            *publishable_constraints(),
            models.UniqueConstraint(
                fields=["date", "slug"],
                name="release_unique_slug_per_date",
                violation_error_code="slug_taken",
                violation_error_message=_("Another text of the same date already has this slug."),
            ),
            models.CheckConstraint(
                condition=Q(source_url="") | ~Q(source_name=""),
                name="release_source_url_has_name",
                violation_error_code="source_without_name",
                violation_error_message=_("Name the source as well as its address."),
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return cached_reverse(
            "releases:detail",
            year=self.date.year,
            month=self.date.month,
            day=self.date.day,
            slug=self.slug,
        )

    def clean(self):
        super().clean()
        # Alt text is translated, so this rule cannot be a database constraint
        # on one column: the original language must describe the image.
        if self.image and not self.image_alt_en:
            raise ValidationError(
                {"image_alt_en": _("Describe the lead image for people who cannot see it.")}
            )

    @property
    def last_substantive_change(self):
        """When readers were last told the release changed: when it went live,
        or its latest change note. A minor fix gets no note, so it does not
        make feed readers show the entry again as updated. Reads the notes
        already loaded."""
        notes = [note.created_at for note in self.change_notes.all()]
        return max([self.published_at, *notes])

    @property
    def dateline(self):
        formatted = date_format(self.date, "DATE_FORMAT")
        return f"{self.place}, {formatted}" if self.place else formatted


class ReleaseSpeaker(FieldConstraintsMixin, models.Model):
    release = models.ForeignKey(Release, on_delete=models.CASCADE, related_name="release_speakers")
    speaker = models.ForeignKey(
        Speaker, on_delete=models.PROTECT, related_name="release_links", verbose_name=_("speaker")
    )
    role = models.CharField(
        _("role on that day"),
        max_length=200,
        blank=True,
        help_text=_(
            'The position held when the text was issued, for example "Minister of Foreign Affairs".'
        ),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    constraint_error_fields = {"speaker_listed": "speaker"}

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("speaker")
        verbose_name_plural = _("speakers")
        constraints = [
            models.UniqueConstraint(
                fields=["release", "speaker"],
                name="releasespeaker_unique_speaker",
                violation_error_code="speaker_listed",
                violation_error_message=_("This speaker is already listed."),
            )
        ]

    def __str__(self):
        return f"{self.speaker} ({self.role})" if self.role else str(self.speaker)


class Attachment(Downloadable):
    release = models.ForeignKey(Release, on_delete=models.CASCADE, related_name="attachments")
    file = document_file_field(uploads.attachment_path)

    class Meta(Downloadable.Meta):
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
