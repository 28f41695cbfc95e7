"""The editorial workflow's own records: public change notes, embargo links
for journalists (and every opening of one), and the audit trail of
publication decisions. Re-exported by releases.models so Django finds them;
writes go through releases/workflow/services.py."""

import hashlib

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from embassy.constraints import FieldConstraintsMixin


class ChangeNoteBase(models.Model):
    """A public note on a substantive update: "Updated 12 February 2018: ...".
    Minor fixes need none. The first publication date stays as it was.
    Abstract: each publishable model with change notes (releases, consular
    notices) adds the foreign key to its item, `related_name="change_notes"`."""

    note = models.TextField(
        _("note"),
        help_text=_(
            "What changed, in one sentence for readers, for example "
            "“Corrected the name of the head of delegation.”"
        ),
    )
    created_at = models.DateTimeField(
        _("date"),
        default=timezone.now,
        help_text=_(
            "Shown on the page as “Updated 12 February 2018: …”. "
            "Keep the original date of a migrated note."
        ),
    )

    class Meta:
        abstract = True
        ordering = ["created_at", "pk"]
        verbose_name = _("change note")
        verbose_name_plural = _("change notes")

    def __str__(self):
        return self.note


class ChangeNote(ChangeNoteBase):
    release = models.ForeignKey(
        "releases.Release", on_delete=models.CASCADE, related_name="change_notes"
    )

    class Meta(ChangeNoteBase.Meta):
        pass


def hash_token(token):
    """Embargo tokens are stored hashed: a copy of the database opens nothing."""
    return hashlib.sha256(token.encode()).hexdigest()


class EmbargoLinkState(models.TextChoices):
    ACTIVE = "active", _("Active")
    EXPIRED = "expired", _("Expired")
    REVOKED = "revoked", _("Revoked")


class EmbargoLinkQuerySet(models.QuerySet):
    def for_token(self, token):
        return self.filter(token_hash=hash_token(token))


class EmbargoLink(models.Model):
    """A personal link that shows one release to one journalist before it is
    public. Only the hash of its token is stored; the address is shown once,
    when the link is issued."""

    release = models.ForeignKey(
        "releases.Release",
        on_delete=models.CASCADE,
        related_name="embargo_links",
        verbose_name=_("release"),
    )
    recipient_name = models.CharField(_("recipient"), max_length=200)
    recipient_email = models.EmailField(_("recipient's e-mail"))
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    expires_at = models.DateTimeField(
        _("expires"), help_text=_("After this moment the link opens nothing.")
    )
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        editable=False,
        related_name="+",
        verbose_name=_("issued by"),
    )
    created_at = models.DateTimeField(_("issued"), auto_now_add=True)

    objects = EmbargoLinkQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("embargo link")
        verbose_name_plural = _("embargo links")

    def __str__(self):
        return f"{self.recipient_name} — {self.release}"

    @property
    def state(self):
        if self.revoked_at is not None:
            return EmbargoLinkState.REVOKED
        if self.expires_at <= timezone.now():
            return EmbargoLinkState.EXPIRED
        return EmbargoLinkState.ACTIVE


class EmbargoAccessOutcome(models.TextChoices):
    SHOWN = "shown", _("Shown under embargo")
    REDIRECTED = "redirected", _("Redirected to the public page")
    EXPIRED = "expired", _("Refused: expired")
    REVOKED = "revoked", _("Refused: revoked")
    GONE = "gone", _("Refused: release withdrawn or unpublished")


class EmbargoAccess(models.Model):
    """One opening of an embargo link, refused ones included: a leak can be
    traced to a link, and a revoked link still in use shows up."""

    link = models.ForeignKey(EmbargoLink, on_delete=models.CASCADE, related_name="accesses")
    opened_at = models.DateTimeField(_("opened"), default=timezone.now)
    outcome = models.CharField(_("outcome"), max_length=20, choices=EmbargoAccessOutcome)
    # A keyed hash: tells whether two openings came from the same address
    # without keeping the address itself.
    ip_hash = models.CharField(_("address fingerprint"), max_length=16, blank=True)

    class Meta:
        ordering = ["-opened_at", "-pk"]
        verbose_name = _("embargo link opening")
        verbose_name_plural = _("embargo link openings")

    def __str__(self):
        return f"{self.link} @ {self.opened_at:%Y-%m-%d %H:%M}"


class AuditAction(models.TextChoices):
    SUBMIT = "submit", _("Submitted for review")
    DRAFT = "draft", _("Returned to draft")
    PUBLISH = "publish", _("Published")
    SCHEDULE = "schedule", _("Scheduled")
    WITHDRAW = "withdraw", _("Withdrawn")
    UNPUBLISH = "unpublish", _("Unpublished")
    RESTORE = "restore", _("Earlier version restored")
    EMBARGO_ISSUED = "embargo-issued", _("Embargo link issued")
    EMBARGO_REVOKED = "embargo-revoked", _("Embargo link revoked")
    EMBARGO_OPENED = "embargo-opened", _("Embargo link opened")
    SEND_BACK = "send-back", _("Sent back to the author")
    CORRECTION_PROPOSED = "correction", _("Correction proposed")
    CORRECTION_APPROVED = "correction-ok", _("Correction approved")
    CORRECTION_REJECTED = "correction-no", _("Correction rejected")


class AuditEntry(FieldConstraintsMixin, models.Model):
    """One publication decision or embargo event: who, what, when. Written
    only by releases/workflow/services.py; nobody can add, change or delete one."""

    at = models.DateTimeField(_("when"), default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("user"),
    )
    # Kept as text so the trail survives the deletion of an account.
    actor_name = models.CharField(_("by"), max_length=200)
    action = models.CharField(_("action"), max_length=20, choices=AuditAction)
    content_type = models.ForeignKey(
        ContentType, on_delete=models.PROTECT, verbose_name=_("kind of item")
    )
    object_id = models.CharField(max_length=40)
    item = GenericForeignKey("content_type", "object_id")
    object_repr = models.CharField(_("item"), max_length=300)
    detail = models.TextField(_("detail"), blank=True)

    constraint_error_fields = {"actor_name_missing": "actor_name"}

    class Meta:
        ordering = ["-at", "-pk"]
        # Read-only by design: there is nothing to grant but viewing.
        default_permissions = ("view",)
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit trail")
        indexes = [models.Index(fields=["content_type", "object_id"], name="auditentry_item")]
        constraints = [
            models.CheckConstraint(
                condition=~Q(actor_name=""),
                name="auditentry_has_actor_name",
                violation_error_code="actor_name_missing",
                violation_error_message=_("Every entry names who did it."),
            )
        ]

    def __str__(self):
        return f"{self.get_action_display()}: {self.object_repr}"


class PendingRevisionStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for a publisher")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")


class PendingRevisionQuerySet(models.QuerySet):
    def pending(self):
        return self.filter(status=PendingRevisionStatus.PENDING)

    def for_item(self, item):
        content_type = ContentType.objects.get_for_model(item)
        return self.filter(content_type=content_type, object_id=str(item.pk))


class PendingRevision(models.Model):
    """A correction an editor proposed to a text that is or was public. The
    live row stays as it is until a publisher approves; `data` holds the
    proposed values of the changed fields (by column, as text), and
    `base_version` the version they were made on (optimistic locking).
    Written only by releases/workflow/corrections.py."""

    content_type = models.ForeignKey(
        ContentType, on_delete=models.CASCADE, verbose_name=_("kind of item")
    )
    object_id = models.CharField(max_length=40)
    item = GenericForeignKey("content_type", "object_id")
    object_repr = models.CharField(_("item"), max_length=300)
    base_version = models.PositiveIntegerField(_("made on version"))
    data = models.JSONField(_("proposed values"), encoder=DjangoJSONEncoder, default=dict)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=PendingRevisionStatus,
        default=PendingRevisionStatus.PENDING,
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("proposed by"),
    )
    proposed_at = models.DateTimeField(_("proposed"), default=timezone.now)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    comment = models.TextField(_("publisher's comment"), blank=True)

    objects = PendingRevisionQuerySet.as_manager()

    class Meta:
        ordering = ["-proposed_at", "-pk"]
        default_permissions = ("view",)
        verbose_name = _("proposed correction")
        verbose_name_plural = _("proposed corrections")
        indexes = [models.Index(fields=["content_type", "object_id"], name="pendingrevision_item")]
        constraints = [
            # A second proposal replaces the first: the publisher reviews one text.
            models.UniqueConstraint(
                fields=["content_type", "object_id"],
                condition=Q(status="pending"),
                name="pendingrevision_one_pending_per_item",
                violation_error_code="correction_pending",
                violation_error_message=_(
                    "A correction of this item is already waiting for a publisher."
                ),
            )
        ]

    def __str__(self):
        return _("Correction of %s") % self.object_repr
