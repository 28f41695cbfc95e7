"""A consular notice: an announcement, a travel advisory or an emergency
alert. It is a Publishable like a release: `published()` decides what the
public sees, its start is the publication time and its optional end the end
of publication, so it appears and disappears at those seconds by itself."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from embassy.addresses import cached_reverse
from releases.models import ChangeNoteBase
from releases.models.publishable import (
    Publishable,
    PublishableQuerySet,
    publishable_constraints,
    rich_text_field,
)
from translations.status import TranslatedFieldsMixin
from translations.tracking import TrackedTranslationModel


class Severity(models.TextChoices):
    INFORMATION = "information", _("Information")
    IMPORTANT = "important", _("Important")
    EMERGENCY = "emergency", _("Emergency")


class NoticeQuerySet(PublishableQuerySet):
    def emergencies(self):
        """The live emergency notices: what the crisis banner shows."""
        return self.published().filter(severity=Severity.EMERGENCY)

    def for_listing(self):
        return self.select_related("office").prefetch_related("change_notes")


class Notice(TranslatedFieldsMixin, Publishable, TrackedTranslationModel):
    title = models.CharField(_("title"), max_length=300)
    slug = models.SlugField(
        _("slug"),
        max_length=200,
        unique=True,
        help_text=_("Part of the address. Do not change it once published."),
    )
    severity = models.CharField(
        _("severity"),
        max_length=20,
        choices=Severity,
        default=Severity.INFORMATION,
        help_text=_(
            "Emergency puts a banner on top of every page of the site, in every "
            "language, while the notice is live, and sends an alert at once to "
            "everyone who asked for emergency alerts."
        ),
    )
    summary = models.TextField(
        _("summary"),
        blank=True,
        help_text=_("One or two sentences for lists, search results and e-mail alerts."),
    )
    body = rich_text_field(verbose_name=_("text"))
    audience = models.CharField(
        _("audience"),
        max_length=250,
        blank=True,
        help_text=_(
            "Leave empty if the notice is for everyone. Otherwise say who it is for, e.g. "
            '"Citizens of Russia in Nepal".'
        ),
    )
    office = models.ForeignKey(
        "contacts.Office",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="notices",
        verbose_name=_("office"),
        help_text=_("Optional: the office the notice comes from or is about."),
    )

    constraint_error_fields = {**Publishable.constraint_error_fields}

    objects = NoticeQuerySet.as_manager()

    tracked_translation_fields = ("title", "summary", "body")

    class Meta:
        ordering = ["-published_at", "-pk"]
        verbose_name = _("consular notice")
        verbose_name_plural = _("consular notices")
        indexes = [
            models.Index(fields=["status", "-published_at"], name="notice_status_published"),
        ]
        permissions = [
            ("publish_notice", _("Can publish, schedule, withdraw and unpublish notices")),
        ]
        constraints = [*publishable_constraints()]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return cached_reverse("notices:detail", slug=self.slug)

    @property
    def is_emergency(self):
        return self.severity == Severity.EMERGENCY

    @property
    def last_substantive_change(self):
        """When readers were last told the notice changed (see Release)."""
        notes = [note.created_at for note in self.change_notes.all()]
        return max([self.published_at, *notes])


class NoticeChangeNote(ChangeNoteBase):
    notice = models.ForeignKey(Notice, on_delete=models.CASCADE, related_name="change_notes")

    class Meta(ChangeNoteBase.Meta):
        pass
