"""From a save to an announcement. Whatever saves a release or a notice (the
admin, an action, a service, an import), once the transaction commits:

- a published item gets its "went live" dispatch, and a task is enqueued to
  run at its publication time (now, or its scheduled second). The task looks
  at the item again when it runs, so a schedule moved or an item withdrawn
  in the meantime sends nothing; each save enqueues again, and the dispatch's
  state makes sure it goes out once.
- a change note added to an item already announced sends an update.
- any other edit sends nothing.
"""

from django.db import transaction
from django.db.models.signals import post_save
from django.utils import timezone

from releases.models import ChangeNote, PublicationStatus, Release

from ..models import Dispatch, DispatchKind, DispatchState, Notice, NoticeChangeNote


def connect():
    for model in (Release, Notice):
        post_save.connect(item_saved, sender=model, dispatch_uid=f"alerts:{model._meta.label}")
    for model in (ChangeNote, NoticeChangeNote):
        post_save.connect(note_saved, sender=model, dispatch_uid=f"alerts:{model._meta.label}")


def item_saved(sender, instance, raw=False, **kwargs):
    if raw or instance.status != PublicationStatus.PUBLISHED:
        return
    transaction.on_commit(lambda: schedule_announcement(instance))


def note_saved(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        transaction.on_commit(lambda: schedule_update(instance))


def schedule_announcement(item):
    from .tasks import announce

    dispatch, _created = Dispatch.objects.get_or_create(
        key=Dispatch.key_for(item, DispatchKind.NEW),
        defaults={"item": item, "kind": DispatchKind.NEW},
    )
    if dispatch.state != DispatchState.PENDING:
        return
    run_after = item.published_at if item.published_at > timezone.now() else None
    announce.using(run_after=run_after).enqueue(dispatch.pk)


def schedule_update(note):
    from .tasks import announce

    item = note.release if isinstance(note, ChangeNote) else note.notice
    announced = Dispatch.objects.filter(
        key=Dispatch.key_for(item, DispatchKind.NEW), state=DispatchState.SENT
    ).exists()
    if not announced:
        # Not out yet: the first alert will carry the text as it is then.
        return
    dispatch, created = Dispatch.objects.get_or_create(
        key=Dispatch.key_for(item, DispatchKind.UPDATE, note),
        defaults={"item": item, "kind": DispatchKind.UPDATE, "change_note_id": note.pk},
    )
    if created:
        announce.enqueue(dispatch.pk)
