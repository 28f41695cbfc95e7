"""The editorial workflow's writes: publication decisions on releases and
events, revision restores, and embargo links.

Every function is keyword-only, checks the actor's permission itself (the
admin checks first; this is the last line), saves in one transaction with a
revision (who and why, for the history) and writes the audit trail. Saves
are optimistic-locked (`Publishable.save`): a stale copy raises
`StaleObjectError` and nothing is written.
"""

import secrets

import reversion
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _

from embassy.dates import local_datetime
from embassy.permissions import permission
from history.versions import restore_comment, restore_version

from ..models import (
    EDITORIAL_STATUSES,
    AuditAction,
    AuditEntry,
    EmbargoAccess,
    EmbargoAccessOutcome,
    EmbargoLink,
    EmbargoLinkState,
    PublicationStatus,
    Release,
    StaleObjectError,
    hash_token,
)
from . import notifications

Status = PublicationStatus


def can_publish(user, item):
    """May `user` change the publication state of `item` (or of its model)?"""
    return user.has_perm(permission("publish", item))


def can_edit(user, item):
    """Editors change drafts and items in review; what is or was public is
    the publishers' (an editor's fix to a live page would go live unreviewed)."""
    if not user.has_perm(permission("change", item)):
        return False
    return can_publish(user, item) or item.status in EDITORIAL_STATUSES


def audit_entry_add(*, action, item, by=None, actor_name="", detail=""):
    from django.contrib.contenttypes.models import ContentType

    return AuditEntry.objects.create(
        action=action,
        actor=by,
        # Names and titles are cut to their columns: "<a 200-character
        # name> (embargo link)" must not fail the opening it records.
        actor_name=_fit(AuditEntry, "actor_name", actor_name or by.get_username()),
        content_type=ContentType.objects.get_for_model(item),
        object_id=str(item.pk),
        object_repr=_fit(AuditEntry, "object_repr", str(item)),
        detail=detail,
    )


def _fit(model, name, text):
    # Not Truncator.chars(): it does not count combining marks, the column does.
    limit = model._meta.get_field(name).max_length
    return text if len(text) <= limit else text[: limit - 1] + "…"


def transition_action(item, before_status=None, before_published_at=None):
    """The audit action implied by saving `item` after it had
    `before_status` (None for a new item), or None for a plain edit."""
    status = item.status
    if status == before_status and (
        status != Status.PUBLISHED or item.published_at == before_published_at
    ):
        return None
    if status == Status.PUBLISHED:
        future = item.published_at is not None and item.published_at > timezone.now()
        return AuditAction.SCHEDULE if future else AuditAction.PUBLISH
    if before_status is None and status == Status.DRAFT:
        return None
    return {
        Status.DRAFT: AuditAction.DRAFT,
        Status.REVIEW: AuditAction.SUBMIT,
        Status.WITHDRAWN: AuditAction.WITHDRAW,
        Status.UNPUBLISHED: AuditAction.UNPUBLISH,
    }[status]


# The withdrawal reason in the site's main language, which every item has.
REASON_FIELD = f"withdrawal_reason_{settings.LANGUAGE_CODE}"


def _reason(item):
    return getattr(item, REASON_FIELD, None) or ""


def _went_public(item):
    return item.first_published_at is not None and item.first_published_at <= timezone.now()


def check_transition(*, item, by, before_status=None):
    """Refuse a status change `by` may not make, or one that makes no sense.
    Raises PermissionDenied or ValidationError (with field keys for forms)."""
    editorial = item.status in EDITORIAL_STATUSES and before_status in (None, *EDITORIAL_STATUSES)
    if not editorial and not can_publish(by, item):
        raise PermissionDenied(
            _(
                "Only a publisher can publish, schedule, withdraw or unpublish, "
                "or edit what is or was public."
            )
        )
    if item.status == Status.WITHDRAWN and before_status != Status.WITHDRAWN:
        if not _went_public(item):
            raise ValidationError(
                {"status": _("Only an item that has been public can be withdrawn.")}
            )
        if not _reason(item).strip():
            raise ValidationError(
                {REASON_FIELD: _("Say why it is withdrawn: readers will see it.")}
            )
    unpublishing = item.status == Status.UNPUBLISHED and before_status != Status.UNPUBLISHED
    if unpublishing and not _went_public(item):
        raise ValidationError(
            {
                "status": _(
                    "Only an item that has been public can be unpublished. "
                    "Return it to draft instead."
                )
            }
        )
    if item.replaced_by_id is not None and item.replaced_by_id == item.pk:
        raise ValidationError({"replaced_by": _("An item cannot replace itself.")})


def item_save(*, item, by, before_status=None, before_published_at=None, comment="", link_base=""):
    """Save a release or event edited by `by`, checking and recording the
    status change the edit makes. Returns the AuditAction, or None.
    A submission for review mails the publishers (`link_base`: the site's
    address, for the links in the mail)."""
    check_transition(item=item, by=by, before_status=before_status)
    action = transition_action(item, before_status, before_published_at)
    with transaction.atomic(), reversion.create_revision():
        item.save()
        if action == AuditAction.SUBMIT:
            notifications.submitted(item=item, by=by, link_base=link_base)
        reversion.set_user(by)
        if comment or action:
            reversion.set_comment(comment or str(AuditAction(action).label))
        if action:
            detail = ""
            if action in (AuditAction.PUBLISH, AuditAction.SCHEDULE):
                detail = _("Publication time: %s") % local_datetime(item.published_at)
            elif action == AuditAction.WITHDRAW:
                detail = _reason(item)
            elif action == AuditAction.UNPUBLISH and item.replaced_by_id:
                detail = _("Redirects to: %s") % item.replaced_by
            audit_entry_add(action=action, item=item, by=by, detail=detail)
    return action


def _change_status(item, by, status, link_base="", **fields):
    before_status, before_published_at = item.status, item.published_at
    item.status = status
    for name, value in fields.items():
        setattr(item, name, value)
    return item_save(
        item=item,
        by=by,
        before_status=before_status,
        before_published_at=before_published_at,
        link_base=link_base,
    )


def item_publish(*, item, by, at=None):
    """Publish `item` now, or at `at` (a future time schedules it; a past
    one back-dates it). A publication time already set in the past is kept,
    so migrated items keep their original date."""
    now = timezone.now()
    if at is None:
        at = item.published_at if item.published_at and item.published_at <= now else now
    return _change_status(item, by, Status.PUBLISHED, published_at=at)


def item_submit_for_review(*, item, by, link_base=""):
    """Ask the publishers to review a draft; they are told by e-mail and on their desk."""
    if item.status != Status.DRAFT:
        raise ValidationError(_("Only a draft can be submitted for review."))
    return _change_status(item, by, Status.REVIEW, link_base=link_base)


def review_author(item):
    """Who submitted `item` for review last (the author the review answers), or None."""
    from django.contrib.contenttypes.models import ContentType

    entry = (
        AuditEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(item),
            object_id=str(item.pk),
            action=AuditAction.SUBMIT,
        )
        .select_related("actor")
        .first()
    )
    return entry.actor if entry else None


def item_send_back(*, item, by, comment, link_base=""):
    """A publisher returns an item in review to draft with `comment` for its
    author, who is told by e-mail and on their desk. The comment is kept in
    the audit trail and the revision history."""
    if not can_publish(by, item):
        raise PermissionDenied(_("Only a publisher can send a text back."))
    if item.status != Status.REVIEW:
        raise ValidationError(_("Only a text in review can be sent back."))
    comment = comment.strip()
    if not comment:
        raise ValidationError({"comment": _("Say what to change: the author will read it.")})
    with transaction.atomic(), reversion.create_revision():
        item.status = Status.DRAFT
        item.save()
        reversion.set_user(by)
        reversion.set_comment(_("Sent back: %s") % comment)
        audit_entry_add(action=AuditAction.SEND_BACK, item=item, by=by, detail=comment)
        author = review_author(item)
        if author is not None:
            notifications.sent_back(
                item=item, by=by, author=author, comment=comment, link_base=link_base
            )
    return AuditAction.SEND_BACK


def item_return_to_draft(*, item, by):
    return _change_status(item, by, Status.DRAFT)


def item_withdraw(*, item, by, reason):
    """Keep the page, with a notice: "Withdrawn on <date>: <reason>".
    `reason` is English text or a dict of texts by language code."""
    reasons = reason if isinstance(reason, dict) else {settings.LANGUAGE_CODE: reason}
    fields = {f"withdrawal_reason_{code}": text for code, text in reasons.items()}
    return _change_status(item, by, Status.WITHDRAWN, **fields)


def item_unpublish(*, item, by, replacement=None):
    """Remove the page: 410 Gone, or a 301 to `replacement` while it is public."""
    return _change_status(item, by, Status.UNPUBLISHED, replaced_by=replacement)


def unpublished_event(release):
    """The event of `release` if it will not be public when the release goes
    live (a draft, in review, or scheduled for later), else None. The
    release page names only a public event, and the event's page is a 404
    until then. Withdrawn and unpublished events were taken down on purpose."""
    event = release.event
    if event is None:
        return None
    if event.status in EDITORIAL_STATUSES:
        return event
    goes_live = release.published_at or timezone.now()
    scheduled_later = event.published_at is not None and event.published_at > goes_live
    if event.status == Status.PUBLISHED and scheduled_later:
        return event
    return None


def release_event_publish(*, release, by):
    """Publish the event of `release` so that both are public together: now,
    or at the release's time when the release is scheduled. Needs the right
    to publish events, whatever the right to publish releases."""
    event = unpublished_event(release)
    if event is None:
        return None
    if not can_publish(by, event):
        raise PermissionDenied(_("Only a publisher of events can publish the event."))
    at = release.published_at
    return item_publish(item=event, by=by, at=at if at and at > timezone.now() else None)


def item_publish_with_event(*, item, by):
    """Publish release `item` and its event, in one transaction: both or neither."""
    with transaction.atomic():
        action = item_publish(item=item, by=by)
        release_event_publish(release=item, by=by)
    return action


# Columns a restore leaves alone: restoring brings back the content of an
# earlier version, never its publication state (that is a publisher's
# decision, recorded in the audit trail).
KEPT_ON_RESTORE = (
    "status",
    "published_at",
    "unpublish_at",
    "first_published_at",
    "withdrawn_at",
    "withdrawal_reason",
    "replaced_by",
    "version",
    "created_at",
)


def _kept_columns(model):
    return [
        field.attname
        for field in model._meta.concrete_fields
        if field.name.startswith(KEPT_ON_RESTORE)
    ]


def item_restore(*, item, version, by):
    """Bring back the content of `version` of a release or event (and the
    objects its history follows: speakers, attachments...). The publication
    state stays as it is; the restore is itself a new version, audited."""
    if not can_edit(by, item):
        raise PermissionDenied

    def not_stale(current):
        if current.version != item.version:
            raise StaleObjectError(item, item.version)

    with transaction.atomic():
        restored = restore_version(
            item=item, version=version, by=by, keep=_kept_columns(type(item)), check=not_stale
        )
        audit_entry_add(
            action=AuditAction.RESTORE, item=restored, by=by, detail=restore_comment(version)
        )
    return restored


def embargo_link_issue(*, release, by, recipient_name, recipient_email, expires_at):
    """A personal link showing `release` before it is public. Returns
    (link, token): the token is not stored, so show the address now."""
    if not can_publish(by, release):
        raise PermissionDenied
    if release.status in (Status.WITHDRAWN, Status.UNPUBLISHED) or release.is_public:
        raise ValidationError(
            _("Embargo links are for releases not yet public (drafts and scheduled ones).")
        )
    if expires_at <= timezone.now():
        raise ValidationError({"expires_at": _("The expiry must be in the future.")})
    token = secrets.token_urlsafe(32)
    with transaction.atomic():
        link = EmbargoLink.objects.create(
            release=release,
            recipient_name=recipient_name,
            recipient_email=recipient_email,
            expires_at=expires_at,
            token_hash=hash_token(token),
            created_by=by,
        )
        audit_entry_add(
            action=AuditAction.EMBARGO_ISSUED,
            item=release,
            by=by,
            detail=_("To %(name)s <%(email)s>, until %(expiry)s")
            % {
                "name": recipient_name,
                "email": recipient_email,
                "expiry": local_datetime(expires_at),
            },
        )
    return link, token


def embargo_link_revoke(*, link, by):
    if not can_publish(by, link.release):
        raise PermissionDenied
    if link.revoked_at is not None:
        return link
    with transaction.atomic():
        link.revoked_at = timezone.now()
        link.save(update_fields=["revoked_at"])
        audit_entry_add(
            action=AuditAction.EMBARGO_REVOKED,
            item=link.release,
            by=by,
            detail=f"{link.recipient_name} <{link.recipient_email}>",
        )
    return link


def embargo_link_open(*, token, ip_address=""):
    """Look up the link of `token` and log the opening. Returns
    (link, outcome), or (None, None) for a token that was never issued."""
    link = EmbargoLink.objects.select_related("release").for_token(token).first()
    if link is None:
        return None, None
    release = link.release
    if Release.objects.viewable().filter(pk=release.pk).exists():
        outcome = EmbargoAccessOutcome.REDIRECTED
    elif link.state == EmbargoLinkState.REVOKED:
        outcome = EmbargoAccessOutcome.REVOKED
    elif link.state == EmbargoLinkState.EXPIRED:
        outcome = EmbargoAccessOutcome.EXPIRED
    elif release.status in (Status.WITHDRAWN, Status.UNPUBLISHED):
        outcome = EmbargoAccessOutcome.GONE
    else:
        outcome = EmbargoAccessOutcome.SHOWN
    fingerprint = (
        salted_hmac("releases.embargo", ip_address, algorithm="sha256").hexdigest()[:16]
        if ip_address
        else ""
    )
    with transaction.atomic():
        EmbargoAccess.objects.create(link=link, outcome=outcome, ip_hash=fingerprint)
        if outcome == EmbargoAccessOutcome.SHOWN:
            audit_entry_add(
                action=AuditAction.EMBARGO_OPENED,
                item=release,
                actor_name=_("%s (embargo link)") % link.recipient_name,
                detail=link.recipient_email,
            )
    return link, outcome
