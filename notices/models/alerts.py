"""E-mail alerts: who asked for what, and what has gone out.

A subscription stores only the address, the choices, when it was confirmed
and, until then, when the confirmation was sent (for the ten-minute limit;
unconfirmed rows are deleted after seven days). Deleting the row is the
unsubscription: nothing of the subscriber stays.

A `Dispatch` is one thing to announce (a release or notice that went live, or
a change note added to one already announced): its unique key makes it go out
once, whatever retries or repeated saves. A `Delivery` records that one
subscriber got one dispatch or one day's digest, so a retried task never sends
a second copy; it goes with the subscription.
"""

import datetime

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# A confirmation link works this long; an unconfirmed address is then deleted.
CONFIRMATION_VALID_FOR = datetime.timedelta(days=7)


class Frequency(models.TextChoices):
    IMMEDIATE = "immediate", _("At once")
    DAILY = "daily", _("Once a day (digest)")


class SubscriptionQuerySet(models.QuerySet):
    def confirmed(self):
        return self.filter(confirmed_at__isnull=False)

    def expired_unconfirmed(self, now=None):
        """Never confirmed within the seven days the link was valid."""
        limit = (now or timezone.now()) - CONFIRMATION_VALID_FOR
        return self.filter(confirmed_at__isnull=True, confirmation_sent_at__lt=limit)

    def for_matching(self):
        return self.confirmed().prefetch_related("topics", "speakers")


class Subscription(models.Model):
    email = models.EmailField(_("e-mail address"), max_length=254, unique=True)
    language = models.CharField(
        _("language"), max_length=8, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )
    frequency = models.CharField(
        _("how often"), max_length=10, choices=Frequency, default=Frequency.IMMEDIATE
    )
    all_releases = models.BooleanField(_("all releases"), default=False)
    release_kinds = models.JSONField(_("releases of these kinds"), default=list, blank=True)
    topics = models.ManyToManyField(
        "releases.Topic", blank=True, related_name="+", verbose_name=_("releases on these topics")
    )
    speakers = models.ManyToManyField(
        "releases.Speaker",
        blank=True,
        related_name="+",
        verbose_name=_("releases by these speakers"),
    )
    consular_notices = models.BooleanField(_("consular notices"), default=False)
    emergency_alerts = models.BooleanField(_("emergency alerts"), default=False)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    confirmation_sent_at = models.DateTimeField(
        _("confirmation sent"), null=True, blank=True, editable=False
    )

    objects = SubscriptionQuerySet.as_manager()

    class Meta:
        verbose_name = _("alert subscription")
        verbose_name_plural = _("alert subscriptions")
        # Staff see counts; addresses are for superusers only (see admin.py).
        default_permissions = ("view", "delete")

    def __str__(self):
        return self.email

    @property
    def is_confirmed(self):
        return self.confirmed_at is not None

    def wants(self, item):
        """Does this subscriber want an alert about `item` (a release or a
        notice)? Matched in Python over prefetched choices: a few thousand
        rows at most, and JSON containment has no SQLite lookup."""
        if item._meta.label_lower == "notices.notice":
            return self.emergency_alerts if item.is_emergency else self.consular_notices
        if self.all_releases or item.kind in self.release_kinds:
            return True
        topics = {topic.pk for topic in self.topics.all()}
        speakers = {speaker.pk for speaker in self.speakers.all()}
        return bool(
            topics & {t.pk for t in item.topics.all()}
            or speakers & {s.pk for s in item.speakers.all()}
        )

    def gets_at_once(self, item):
        """Emergencies go at once, whatever the subscriber chose."""
        return self.frequency == Frequency.IMMEDIATE or getattr(item, "is_emergency", False)


class DispatchKind(models.TextChoices):
    NEW = "new", _("Went live")
    UPDATE = "update", _("Update with a change note")


class DispatchState(models.TextChoices):
    PENDING = "pending", _("Waiting for the item to go live")
    SENT = "sent", _("Sent")
    SKIPPED = "skipped", _("Not sent (back-dated or imported)")


class Dispatch(models.Model):
    key = models.CharField(max_length=100, unique=True)
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    item = GenericForeignKey("content_type", "object_id")
    kind = models.CharField(max_length=10, choices=DispatchKind)
    change_note_id = models.PositiveBigIntegerField(null=True, blank=True)
    state = models.CharField(max_length=10, choices=DispatchState, default=DispatchState.PENDING)
    created_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True, db_index=True)

    class Meta:
        verbose_name = _("alert dispatch")
        verbose_name_plural = _("alert dispatches")
        default_permissions = ()

    def __str__(self):
        return self.key

    @classmethod
    def key_for(cls, item, kind, change_note=None):
        suffix = f":{change_note.pk}" if change_note is not None else ""
        return f"{item._meta.label_lower}:{item.pk}:{kind}{suffix}"


class Delivery(models.Model):
    subscription = models.ForeignKey(Subscription, on_delete=models.CASCADE, related_name="+")
    # "dispatch:<id>" or "digest:<YYYY-MM-DD>".
    key = models.CharField(max_length=100)
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        default_permissions = ()
        constraints = [
            models.UniqueConstraint(fields=["subscription", "key"], name="delivery_once")
        ]

    def __str__(self):
        return self.key


class DigestRun(models.Model):
    """One daily digest, scheduled once (the first announcement of the day
    that a digest subscriber wants enqueues it)."""

    day = models.DateField(unique=True)

    class Meta:
        default_permissions = ()

    def __str__(self):
        return self.day.isoformat()
