"""Corrections to texts that are or were public: an editor's save becomes a
`PendingRevision`, the live row stays as it is, and only a publisher's
approval writes it (optimistic-locked, with a revision and an audit entry).

`data` keeps each changed column as text (`Field.value_to_string`), and
many-to-many fields as lists of keys, so any Publishable can use it.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from history.diffs import current_field_dict, field_changes

from ..models import (
    EDITORIAL_STATUSES,
    AuditAction,
    PendingRevision,
    PendingRevisionStatus,
    StaleObjectError,
)
from . import notifications
from .services import audit_entry_add, can_publish, item_save


def needs_review(user, item):
    """Does a save of `item` by `user` become a proposed correction? For an
    editor (no publish right) on a text that is not a draft or in review."""
    return (
        item.pk is not None
        and item.status not in EDITORIAL_STATUSES
        and not can_publish(user, item)
    )


def pending_revision_of(item):
    return PendingRevision.objects.pending().for_item(item).select_related("proposed_by").first()


def correctable_fields(model):
    """Fields a correction may change: content, not publication or files."""
    skip = {"status", "slug", "version"}
    return [
        field
        for field in [*model._meta.concrete_fields, *model._meta.many_to_many]
        if field.editable
        and field.name not in skip
        and not field.primary_key
        and not isinstance(field, models.FileField)
    ]


def _serialise(item, fields, m2m_values):
    data = {}
    for field in fields:
        if field.many_to_many:
            data[field.name] = sorted(obj.pk for obj in m2m_values[field.name])
        else:
            data[field.attname] = field.value_to_string(item)
    return data


def correction_propose(*, item, by, changed, m2m_values=None, link_base=""):
    """Keep the values of the fields named in `changed` (of `item`, edited
    in memory and not saved) as a correction waiting for a publisher. A
    pending correction of the same item takes these changes on top of its
    own and keeps the version it was first made on."""
    if not by.has_perm(f"{item._meta.app_label}.change_{item._meta.model_name}"):
        raise PermissionDenied
    fields = [f for f in correctable_fields(type(item)) if f.name in changed]
    data = _serialise(item, fields, m2m_values or {})
    with transaction.atomic():
        revision = pending_revision_of(item)
        if revision is None:
            revision = PendingRevision(item=item, base_version=item.version)
        revision.object_repr = str(type(item)._base_manager.get(pk=item.pk))[:300]
        revision.data = {**revision.data, **data}
        revision.proposed_by = by
        revision.proposed_at = timezone.now()
        revision.save()
        audit_entry_add(action=AuditAction.CORRECTION_PROPOSED, item=item, by=by)
        notifications.correction_proposed(item=item, by=by, link_base=link_base)
    return revision


def _proposed(revision, model):
    """(field, key, value as a Python object) for each field the revision changes."""
    for field in correctable_fields(model):
        key = field.name if field.many_to_many else field.attname
        if key in revision.data:
            raw = revision.data[key]
            yield field, key, (raw if field.many_to_many else field.to_python(raw))


def proposed_values(revision, model):
    """The revision's values as Python objects, by column or m2m name."""
    return {key: value for _field, key, value in _proposed(revision, model)}


def show_proposal(item, revision):
    """Put the proposed values on `item`, in memory only, so that the
    editor's form opens on the correction waiting rather than the live text
    (many-to-many fields keep showing the live choice)."""
    for field, key, value in _proposed(revision, type(item)):
        if not field.many_to_many:
            setattr(item, key, value)
    return item


def correction_changes(revision, item):
    """What the correction changes on the live row, word by word, per field
    and language (the rows of history.diffs.field_changes)."""
    live = current_field_dict(item)
    return field_changes(type(item), live, {**live, **proposed_values(revision, type(item))})


def _decide(revision, by, status, comment):
    revision.status = status
    revision.decided_by = by
    revision.decided_at = timezone.now()
    revision.comment = comment
    revision.save(update_fields=["status", "decided_by", "decided_at", "comment"])


def correction_approve(*, revision, by, change_note="", link_base=""):
    """Write the correction to the live row. Refused (StaleObjectError) if the
    row was saved since the correction was made on it. `change_note`, if
    given, is shown to readers ("Updated on …: …") where the model has notes."""
    item = revision.item
    if not can_publish(by, item):
        raise PermissionDenied(_("Only a publisher can approve a correction."))
    if revision.status != PendingRevisionStatus.PENDING:
        raise ValidationError(_("This correction was already decided."))
    if item.version != revision.base_version:
        raise StaleObjectError(item, revision.base_version)
    change_note = change_note.strip()
    with transaction.atomic():
        for field, key, value in _proposed(revision, type(item)):
            if field.many_to_many:
                # Before the save, so that its revision holds them.
                getattr(item, key).set(value)
            else:
                setattr(item, key, value)
        item.full_clean(exclude=["status"])
        comment = _("Correction by %(name)s approved") % {
            "name": revision.proposed_by.get_username() if revision.proposed_by else "—"
        }
        item_save(item=item, by=by, before_status=item.status, comment=comment)
        if change_note and hasattr(item, "change_notes"):
            item.change_notes.create(note=change_note)
        _decide(revision, by, PendingRevisionStatus.APPROVED, change_note)
        audit_entry_add(
            action=AuditAction.CORRECTION_APPROVED, item=item, by=by, detail=change_note
        )
        notifications.correction_decided(
            revision=revision, by=by, approved=True, link_base=link_base
        )
    return item


def correction_reject(*, revision, by, comment="", link_base=""):
    """Drop the correction; the live text stays as it is. The author is told why."""
    item = revision.item
    if not can_publish(by, item):
        raise PermissionDenied(_("Only a publisher can reject a correction."))
    if revision.status != PendingRevisionStatus.PENDING:
        raise ValidationError(_("This correction was already decided."))
    with transaction.atomic():
        _decide(revision, by, PendingRevisionStatus.REJECTED, comment.strip())
        audit_entry_add(
            action=AuditAction.CORRECTION_REJECTED, item=item, by=by, detail=comment.strip()
        )
        notifications.correction_decided(
            revision=revision, by=by, approved=False, link_base=link_base
        )
    return revision
