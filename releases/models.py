"""The newsroom: what the embassy says (releases), who says it (speakers),
about which occasion (events) and on which subject (topics)."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator
from django.db import models, router, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from django_prose_editor.fields import ProseEditorField

from embassy.dates import DateRangeMixin
from translations.status import TranslatedFieldsMixin
from translations.tracking import TrackedTranslationModel

from . import uploads
from .validators import validate_document_size, validate_image

DOCUMENT_EXTENSIONS = [
    "pdf",
    "doc",
    "docx",
    "odt",
    "rtf",
    "xls",
    "xlsx",
    "ods",
    "ppt",
    "pptx",
    "odp",
]


def rich_text_field(**kwargs):
    """A rich-text body: the admin's editor and the server's sanitiser share
    one configuration, so editors cannot make what the site would strip."""
    return ProseEditorField(
        extensions=settings.PROSE_EDITOR_EXTENSIONS, sanitize=True, blank=True, **kwargs
    )


def sanitize_rich_text(instance):
    """Sanitise every rich-text column of `instance` in place.

    The editor's form field sanitises only in forms; this runs on every save,
    so imports, fixtures and code paths that skip full_clean() are safe too.
    Values are read from and written to the instance's raw storage so that a
    translated field's fallback value is never copied into another language.
    """
    for field in instance._meta.concrete_fields:
        if isinstance(field, ProseEditorField):
            raw = instance.__dict__.get(field.attname)
            if raw:
                instance.__dict__[field.attname] = field.sanitize(raw)


class PublicationStatus(models.TextChoices):
    """The stored status. "Scheduled" is not stored: it is a published item
    whose publication time is still ahead (see `PublicationState`)."""

    DRAFT = "draft", _("Draft")
    REVIEW = "review", _("In review")
    PUBLISHED = "published", _("Published")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    UNPUBLISHED = "unpublished", _("Unpublished")


class PublicationState(models.TextChoices):
    """What staff see: the status as of now. Derived, so no worker has to flip
    "scheduled" to "published" at the right second."""

    DRAFT = "draft", _("Draft")
    REVIEW = "review", _("In review")
    SCHEDULED = "scheduled", _("Scheduled")
    PUBLISHED = "published", _("Published")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    UNPUBLISHED = "unpublished", _("Unpublished")


# Editors may put an item in these states; every other one needs the
# publish permission.
EDITORIAL_STATUSES = (PublicationStatus.DRAFT, PublicationStatus.REVIEW)


class CurrentTime(models.Value):
    """`timezone.now()`, read when the query runs rather than when it is built.

    A queryset built once (a filter's choices, a sitemap's queryset) stays
    correct for the life of the process, and tests can move the clock by
    patching `django.utils.timezone.now`. The application's clock is used
    rather than the database's `NOW()` so that one clock decides everywhere,
    Python properties such as `is_public` included."""

    def __init__(self):
        super().__init__(None, output_field=models.DateTimeField())

    def as_sql(self, compiler, connection):
        value = models.Value(timezone.now(), output_field=self.output_field)
        return value.as_sql(compiler, connection)


class StaleObjectError(Exception):
    """Someone else saved the row since this copy was read (see Publishable.save)."""

    def __init__(self, obj, expected_version):
        self.obj = obj
        self.expected_version = expected_version
        super().__init__(
            f"{obj._meta.label} {obj.pk} was saved by someone else "
            f"(expected version {expected_version})."
        )


def _live(now):
    return Q(published_at__lte=now) & (Q(unpublish_at__isnull=True) | Q(unpublish_at__gt=now))


class PublishableQuerySet(models.QuerySet):
    def published(self, now=None):
        """What the public may see in lists, feeds, sitemaps, counts and
        search. Every public output goes through this one method (the detail
        page through `viewable()`); do not filter on status elsewhere.

        An item is published from `published_at` (to the second, no worker
        needed) until `unpublish_at`, if set. Withdrawn items are not listed."""
        return self.filter(_live(now or CurrentTime()), status=PublicationStatus.PUBLISHED)

    def viewable(self, now=None):
        """What the public may open at its address: the published items and
        the withdrawn ones, which stay readable with a notice saying why."""
        return self.filter(
            _live(now or CurrentTime()),
            status__in=[PublicationStatus.PUBLISHED, PublicationStatus.WITHDRAWN],
        )

    def gone(self, now=None):
        """Items that were public and are no longer: their address answers
        410 Gone, or redirects to the replacement chosen by the publisher."""
        now = now or CurrentTime()
        ended = Q(
            status__in=[PublicationStatus.PUBLISHED, PublicationStatus.WITHDRAWN],
            unpublish_at__lte=now,
        )
        return self.filter(
            Q(status=PublicationStatus.UNPUBLISHED) | ended, first_published_at__lte=now
        )

    def in_state(self, state, now=None):
        """Items whose derived `PublicationState` is `state` (the admin's filter)."""
        now = now or CurrentTime()
        if state == PublicationState.SCHEDULED:
            return self.filter(status=PublicationStatus.PUBLISHED, published_at__gt=now)
        if state == PublicationState.PUBLISHED:
            return self.published(now)
        if state == PublicationState.WITHDRAWN:
            return self.viewable(now).filter(status=PublicationStatus.WITHDRAWN)
        if state == PublicationState.UNPUBLISHED:
            return self.filter(
                Q(status=PublicationStatus.UNPUBLISHED)
                | Q(
                    status__in=[PublicationStatus.PUBLISHED, PublicationStatus.WITHDRAWN],
                    unpublish_at__lte=now,
                )
            )
        return self.filter(status=state)


class Publishable(models.Model):
    """A release or an event: its publication state, dates and version.

    Visibility is decided at query time (`PublishableQuerySet.published()`),
    so scheduled items go live to the second without a worker. Every save of
    an existing row is an optimistic-locked update: it succeeds only if
    nobody saved the row since it was read (see `save`)."""

    status = models.CharField(
        _("publication status"),
        max_length=20,
        choices=PublicationStatus,
        default=PublicationStatus.DRAFT,
        help_text=_(
            "Draft and in review are never public. Published with a future publication "
            "time means scheduled: it goes live at that second by itself. Withdrawn keeps "
            "the page, with a notice and the reason; unpublished removes it."
        ),
    )
    published_at = models.DateTimeField(
        _("publication time"),
        null=True,
        blank=True,
        help_text=_(
            "When the item becomes public. A future time schedules it. Leave empty to "
            "publish now; set an earlier date to keep the original date of an old item."
        ),
    )
    unpublish_at = models.DateTimeField(
        _("end of publication"),
        null=True,
        blank=True,
        help_text=_(
            "Optional. From this moment the item is no longer public and its address "
            "answers “410 Gone” (or redirects to the replacement below)."
        ),
    )
    first_published_at = models.DateTimeField(
        _("first published"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("Set when the item first goes public; later updates keep it."),
    )
    withdrawn_at = models.DateTimeField(_("withdrawn on"), null=True, blank=True, editable=False)
    withdrawal_reason = models.TextField(
        _("reason for withdrawal"),
        blank=True,
        help_text=_(
            "Required to withdraw. Shown on the page, for example "
            "“This statement was issued in error.”"
        ),
    )
    replaced_by = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("replaced by"),
        help_text=_(
            "For an unpublished item: its address redirects (301) to this one while it "
            "is public. Without it, the address answers “410 Gone”."
        ),
    )
    # Incremented by every save; a save from a stale copy is refused.
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last modified"), auto_now=True)

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        self.derive_publication_dates()
        sanitize_rich_text(self)
        if self._state.adding:
            super().save(*args, **kwargs)
            return
        expected = self.version
        using = kwargs.get("using") or router.db_for_write(type(self), instance=self)
        with transaction.atomic(using=using):
            # Claim the next version with a conditional UPDATE: of two
            # concurrent saves from the same version, exactly one matches.
            claimed = (
                type(self)
                ._base_manager.using(using)
                .filter(pk=self.pk, version=expected)
                .update(version=expected + 1)
            )
            if not claimed:
                raise StaleObjectError(self, expected)
            self.version = expected + 1
            if kwargs.get("update_fields") is not None:
                kwargs["update_fields"] = {*kwargs["update_fields"], "version"}
            try:
                super().save(*args, **kwargs)
            except Exception:
                self.version = expected
                raise

    def clean(self):
        super().clean()
        # Before the constraints are checked: "published" with no time means now.
        self.derive_publication_dates()

    def derive_publication_dates(self):
        """Fill the dates that follow from the status (this row only)."""
        now = timezone.now()
        if self.status == PublicationStatus.PUBLISHED and self.published_at is None:
            self.published_at = now
        went_live = self.first_published_at is not None and self.first_published_at <= now
        if self.status == PublicationStatus.PUBLISHED and self.published_at:
            if not went_live or self.published_at < self.first_published_at:
                # A schedule moved before it fired, or a back-dated correction.
                self.first_published_at = self.published_at
        elif not went_live:
            # Taken back before its scheduled time: it never went public.
            self.first_published_at = None
        if self.status != PublicationStatus.WITHDRAWN:
            self.withdrawn_at = None
        elif self.withdrawn_at is None:
            self.withdrawn_at = now

    @property
    def is_public(self):
        """True if `published()` would list it now."""
        now = timezone.now()
        return (
            self.status == PublicationStatus.PUBLISHED
            and self.published_at is not None
            and self.published_at <= now
            and (self.unpublish_at is None or self.unpublish_at > now)
        )

    @property
    def is_viewable(self):
        """True if `viewable()` would let the public open it now."""
        return self.state in (PublicationState.PUBLISHED, PublicationState.WITHDRAWN)

    @property
    def is_withdrawn(self):
        return self.status == PublicationStatus.WITHDRAWN

    @property
    def state(self):
        """The `PublicationState` as of now."""
        now = timezone.now()
        ended = self.unpublish_at is not None and self.unpublish_at <= now
        if self.status == PublicationStatus.PUBLISHED:
            if ended:
                return PublicationState.UNPUBLISHED
            if self.published_at and self.published_at > now:
                return PublicationState.SCHEDULED
        if self.status == PublicationStatus.WITHDRAWN and ended:
            return PublicationState.UNPUBLISHED
        return PublicationState(self.status)


def publishable_constraints():
    """The publication rules every Publishable table enforces."""
    return [
        models.CheckConstraint(
            condition=Q(unpublish_at__isnull=True)
            | Q(published_at__isnull=True)
            | Q(unpublish_at__gt=models.F("published_at")),
            name="%(class)s_unpublish_after_publish",
            violation_error_message=_("The end of publication must come after its start."),
        ),
        models.CheckConstraint(
            condition=~Q(status__in=[PublicationStatus.PUBLISHED, PublicationStatus.WITHDRAWN])
            | Q(published_at__isnull=False),
            name="%(class)s_published_has_time",
            violation_error_message=_("A published item needs a publication time."),
        ),
    ]


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
        return reverse("releases:topic", kwargs={"slug": self.slug})


class SpeakerQuerySet(models.QuerySet):
    def public(self):
        """Speakers whose page the public may open: named in a public release
        or taking part in a public event. Someone who appears only in drafts
        (an appointment not yet announced) has no page until then."""
        return self.filter(
            Q(pk__in=self.with_public_releases().values("pk"))
            | Q(
                pk__in=EventParticipant.objects.filter(event__in=Event.objects.published()).values(
                    "speaker"
                )
            )
        )

    def with_public_releases(self):
        """Speakers the public can find: those with at least one public release."""
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
    portrait = models.ImageField(
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
        return reverse("releases:speaker", kwargs={"slug": self.slug})

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
    def upcoming(self, today=None):
        """Events still to come or under way, soonest first."""
        today = today or timezone.localdate()
        return self.filter(
            Q(end_date__gte=today) | Q(end_date__isnull=True, start_date__gte=today)
        ).order_by("start_date", "start_time")

    def past(self, today=None):
        today = today or timezone.localdate()
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
                violation_error_message=_("The event cannot end before it starts."),
            ),
            models.CheckConstraint(
                condition=Q(end_time__isnull=True) | Q(start_time__isnull=False),
                name="event_end_time_needs_start_time",
                violation_error_message=_("Give a start time before an end time."),
            ),
            models.CheckConstraint(
                condition=(
                    Q(end_time__isnull=True)
                    | (Q(end_date__isnull=False) & Q(end_date__gt=models.F("start_date")))
                    | Q(end_time__gt=models.F("start_time"))
                ),
                name="event_end_time_after_start_time",
                violation_error_message=_(
                    "On a one-day event the end time must follow the start time."
                ),
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("releases:event", kwargs={"slug": self.slug})

    @property
    def starts_at(self):
        """The start as an aware datetime in the mission's zone, or None for a date-only event."""
        if self.start_time is None:
            return None
        return timezone.make_aware(datetime.datetime.combine(self.start_date, self.start_time))

    @property
    def is_upcoming(self):
        return self.last_date >= timezone.localdate()


class EventParticipant(models.Model):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="participations")
    speaker = models.ForeignKey(Speaker, on_delete=models.PROTECT, related_name="participations")
    role = models.CharField(
        _("role"),
        max_length=200,
        blank=True,
        help_text=_('For example "Head of the Russian delegation"'),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        constraints = [
            models.UniqueConstraint(
                fields=["event", "speaker"],
                name="eventparticipant_unique_speaker",
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
    image = models.ImageField(
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

    objects = ReleaseQuerySet.as_manager()

    tracked_translation_fields = ("title", "summary", "body")

    class Meta:
        ordering = ["-date", "-pk"]
        get_latest_by = "published_at"
        verbose_name = _("release")
        verbose_name_plural = _("releases")
        indexes = [
            models.Index(fields=["status", "-date"], name="release_status_date"),
        ]
        permissions = [
            ("publish_release", _("Can publish, schedule, withdraw and unpublish releases")),
        ]
        constraints = [
            *publishable_constraints(),
            models.UniqueConstraint(
                fields=["date", "slug"],
                name="release_unique_slug_per_date",
                violation_error_message=_("Another text of the same date already has this slug."),
            ),
            models.CheckConstraint(
                condition=Q(source_url="") | ~Q(source_name=""),
                name="release_source_url_has_name",
                violation_error_message=_("Name the source as well as its address."),
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse(
            "releases:detail",
            kwargs={
                "year": self.date.year,
                "month": self.date.month,
                "day": self.date.day,
                "slug": self.slug,
            },
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
    def dateline(self):
        formatted = date_format(self.date, "DATE_FORMAT")
        return f"{self.place}, {formatted}" if self.place else formatted


class ReleaseSpeaker(models.Model):
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

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("speaker")
        verbose_name_plural = _("speakers")
        constraints = [
            models.UniqueConstraint(
                fields=["release", "speaker"],
                name="releasespeaker_unique_speaker",
                violation_error_message=_("This speaker is already listed."),
            )
        ]

    def __str__(self):
        return f"{self.speaker} ({self.role})" if self.role else str(self.speaker)


class Attachment(models.Model):
    release = models.ForeignKey(Release, on_delete=models.CASCADE, related_name="attachments")
    title = models.CharField(_("title"), max_length=200)
    file = models.FileField(
        _("file"),
        upload_to=uploads.attachment_path,
        max_length=255,
        validators=[FileExtensionValidator(DOCUMENT_EXTENSIONS), validate_document_size],
        help_text=_("PDF or office document, up to 20 MB."),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self):
        return self.title

    @property
    def extension(self):
        return self.file.name.rsplit(".", 1)[-1].upper() if "." in self.file.name else ""


# The workflow's own models live in editorial.py; importing them here is how
# Django finds them.
from .editorial import AuditEntry, ChangeNote, EmbargoAccess, EmbargoLink  # noqa: E402, F401
