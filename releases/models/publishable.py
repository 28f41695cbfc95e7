"""What every public item shares: publication status and state, the
queryset that decides what the public sees (`published()`, `viewable()`,
`gone()`, `in_state()`), optimistic locking, and the rich-text field.
Imports nothing of the newsroom."""

from django.conf import settings
from django.db import models, router, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_prose_editor.fields import ProseEditorField

from embassy.constraints import FieldConstraintsMixin


def rich_text_field(**kwargs):
    """A rich-text body: the admin's editor and the server's sanitiser share
    one configuration, so editors cannot make what the site would strip.
    Every save sanitises it (embassy/text.py), whatever code path saves."""
    return ProseEditorField(
        extensions=settings.PROSE_EDITOR_EXTENSIONS, sanitize=True, blank=True, **kwargs
    )


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
# The public may open these at their address, inside the publication window.
VIEWABLE_STATUSES = (PublicationStatus.PUBLISHED, PublicationStatus.WITHDRAWN)


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
    def published(self):
        """What the public may see in lists, feeds, sitemaps, counts and
        search. Every public output goes through this one method (the detail
        page through `viewable()`); do not filter on status elsewhere.

        An item is published from `published_at` (to the second, no worker
        needed) until `unpublish_at`, if set. Withdrawn items are not listed."""
        return self.filter(_live(CurrentTime()), status=PublicationStatus.PUBLISHED)

    def viewable(self):
        """What the public may open at its address: the published items and
        the withdrawn ones, which stay readable with a notice saying why."""
        return self.filter(_live(CurrentTime()), status__in=VIEWABLE_STATUSES)

    def gone(self):
        """Items that were public and are no longer: their address answers
        410 Gone, or redirects to the replacement chosen by the publisher."""
        now = CurrentTime()
        ended = Q(
            status__in=VIEWABLE_STATUSES,
            unpublish_at__lte=now,
        )
        return self.filter(
            Q(status=PublicationStatus.UNPUBLISHED) | ended, first_published_at__lte=now
        )

    def in_state(self, state):
        """Items whose derived `PublicationState` is `state` (the admin's filter)."""
        now = CurrentTime()
        if state == PublicationState.SCHEDULED:
            return self.filter(status=PublicationStatus.PUBLISHED, published_at__gt=now)
        if state == PublicationState.PUBLISHED:
            return self.published()
        if state == PublicationState.WITHDRAWN:
            # Like `state`: withdrawn until the end of publication, whether or
            # not the publication time has come.
            return self.filter(
                Q(unpublish_at__isnull=True) | Q(unpublish_at__gt=now),
                status=PublicationStatus.WITHDRAWN,
            )
        if state == PublicationState.UNPUBLISHED:
            return self.filter(
                Q(status=PublicationStatus.UNPUBLISHED)
                | Q(
                    status__in=VIEWABLE_STATUSES,
                    unpublish_at__lte=now,
                )
            )
        return self.filter(status=state)


class Publishable(FieldConstraintsMixin, models.Model):
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
    constraint_error_fields = {
        "unpublish_before_publish": "unpublish_at",
        "published_without_time": "published_at",
    }
    # Incremented by every save; a save from a stale copy is refused.
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last modified"), auto_now=True)

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        self.derive_publication_dates()
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

    def _is_live(self):
        """The Python side of `_live()`: inside the publication window now."""
        now = timezone.now()
        return (
            self.published_at is not None
            and self.published_at <= now
            and (self.unpublish_at is None or self.unpublish_at > now)
        )

    @property
    def is_public(self):
        """True if `published()` would list it now."""
        return self.status == PublicationStatus.PUBLISHED and self._is_live()

    @property
    def is_viewable(self):
        """True if `viewable()` would let the public open it now. A withdrawn
        item whose publication time is still ahead never went public: no."""
        return self.status in VIEWABLE_STATUSES and self._is_live()

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

    @property
    def first_publication(self):
        """When the item first went public; a later re-publication keeps it."""
        return self.first_published_at or self.published_at

    @property
    def last_change(self):
        """When the public last saw the item change: an item edited before its
        scheduled publication time changed, for the public, when it appeared."""
        if self.published_at and self.published_at > self.updated_at:
            return self.published_at
        return self.updated_at


def publishable_constraints():
    """The publication rules every Publishable table enforces."""
    return [
        models.CheckConstraint(
            condition=Q(unpublish_at__isnull=True)
            | Q(published_at__isnull=True)
            | Q(unpublish_at__gt=models.F("published_at")),
            name="%(class)s_unpublish_after_publish",
            violation_error_code="unpublish_before_publish",
            violation_error_message=_("The end of publication must come after its start."),
        ),
        models.CheckConstraint(
            condition=~Q(status__in=[PublicationStatus.PUBLISHED, PublicationStatus.WITHDRAWN])
            | Q(published_at__isnull=False),
            name="%(class)s_published_has_time",
            violation_error_code="published_without_time",
            violation_error_message=_("A published item needs a publication time."),
        ),
    ]
