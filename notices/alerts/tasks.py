"""What the worker does (`manage.py db_worker`, django-tasks' database
backend). Tasks take ids, never addresses or texts, so the task table holds
nothing personal, and every task looks at the database again when it runs:
an item withdrawn, unpublished or rescheduled since it was enqueued sends
nothing; a subscriber who left gets nothing.

Sending is one task per subscriber and message. A failure to reach the mail
server is retried with growing pauses (1, 4, 16, 64 and 256 minutes); a
`Delivery` row claimed before sending makes a retried or repeated task send
at most one copy.
"""

import datetime
import logging
import smtplib

from django.conf import settings
from django.db.models import prefetch_related_objects
from django.tasks import task
from django.utils import timezone

from ..models import (
    Delivery,
    DigestRun,
    Dispatch,
    DispatchKind,
    DispatchState,
    Frequency,
    Subscription,
)
from . import messages

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 6
RETRY_BASE_SECONDS = 60
# An item that went public longer ago than this when the worker reaches it
# is not announced: it was back-dated or imported, not news.
NEWS_FOR = datetime.timedelta(hours=48)
SEND_ERRORS = (smtplib.SMTPException, OSError)


def backoff(attempt):
    return datetime.timedelta(seconds=RETRY_BASE_SECONDS * 4 ** (attempt - 1))


def retry(task_, attempt, *args):
    if attempt >= MAX_ATTEMPTS:
        logger.error("alert %s%s not sent after %d attempts", task_.name, args, attempt)
        return "gave up"
    task_.using(run_after=timezone.now() + backoff(attempt)).enqueue(*args, attempt=attempt + 1)
    return "retry"


# A Delivery is kept only as long as a retry could still come (the last of
# the pauses above is about four hours): it links a subscriber to what they read.
DELIVERIES_KEPT_FOR = datetime.timedelta(days=2)


def purge_unconfirmed():
    """Unconfirmed addresses after seven days; old delivery records."""
    Subscription.objects.expired_unconfirmed().delete()
    Delivery.objects.filter(sent_at__lt=timezone.now() - DELIVERIES_KEPT_FOR).delete()


def live_item(dispatch):
    item = dispatch.item if dispatch is not None else None
    if item is None or not item.is_public:
        return None
    if hasattr(item, "topics"):
        prefetch_related_objects([item], "topics", "speakers", "change_notes")
    else:
        prefetch_related_objects([item], "change_notes")
    return item


@task
def announce(dispatch_id):
    """An item went live (or got a change note): send it to whoever wants it
    at once, and put it in tomorrow's digest for the others."""
    purge_unconfirmed()
    dispatch = Dispatch.objects.filter(pk=dispatch_id, state=DispatchState.PENDING).first()
    item = live_item(dispatch)
    if item is None:
        # Not (or no longer) live. A schedule moved later has its own task.
        return "not live"
    now = timezone.now()
    if dispatch.kind == DispatchKind.NEW and item.first_publication < now - NEWS_FOR:
        dispatch.state = DispatchState.SKIPPED
        dispatch.save(update_fields=["state"])
        return "skipped: not news"
    claimed = Dispatch.objects.filter(pk=dispatch.pk, state=DispatchState.PENDING).update(
        state=DispatchState.SENT, sent_at=now
    )
    if not claimed:
        return "already sent"
    for_digest = False
    for subscription in Subscription.objects.for_matching():
        if not subscription.wants(item):
            continue
        if subscription.gets_at_once(item):
            deliver.enqueue(dispatch.pk, subscription.pk)
        else:
            for_digest = True
    if for_digest:
        schedule_digest(now)
    return "announced"


@task
def deliver(dispatch_id, subscription_id, attempt=1):
    dispatch = Dispatch.objects.filter(pk=dispatch_id).first()
    item = live_item(dispatch)
    subscription = Subscription.objects.confirmed().filter(pk=subscription_id).first()
    if item is None or subscription is None:
        return "not sent"
    delivery, created = Delivery.objects.get_or_create(
        subscription=subscription, key=f"dispatch:{dispatch.pk}"
    )
    if not created:
        return "sent before"
    try:
        messages.alert(subscription, item, dispatch).send()
    except SEND_ERRORS:
        logger.warning("alert not sent, will retry", exc_info=True)
        delivery.delete()
        return retry(deliver, attempt, dispatch_id, subscription_id)
    return "sent"


def digest_time(day):
    """When the digest of `day` goes out: ALERTS_DIGEST_HOUR, mission time."""
    moment = datetime.datetime.combine(day, datetime.time(settings.ALERTS_DIGEST_HOUR))
    return timezone.make_aware(moment, timezone.get_default_timezone())


def schedule_digest(now):
    day = timezone.localtime(now).date()
    if digest_time(day) <= now:
        day += datetime.timedelta(days=1)
    _run, created = DigestRun.objects.get_or_create(day=day)
    if created:
        send_digest.using(run_after=digest_time(day)).enqueue(day.isoformat())


def digest_items(day, subscription):
    """The live items announced in the day before the digest of `day` that
    `subscription` wants in a digest (emergencies went out at once)."""
    end = digest_time(day)
    start = digest_time(day - datetime.timedelta(days=1))
    dispatches = Dispatch.objects.filter(
        state=DispatchState.SENT, sent_at__gt=start, sent_at__lte=end
    ).order_by("sent_at", "pk")
    found = []
    for dispatch in dispatches:
        item = live_item(dispatch)
        if item is not None and subscription.wants(item) and not subscription.gets_at_once(item):
            found.append((dispatch, item))
    return found


@task
def send_digest(day_iso):
    day = datetime.date.fromisoformat(day_iso)
    for subscription in Subscription.objects.for_matching().filter(frequency=Frequency.DAILY):
        if digest_items(day, subscription):
            deliver_digest.enqueue(day_iso, subscription.pk)
    return "digest"


@task
def deliver_digest(day_iso, subscription_id, attempt=1):
    day = datetime.date.fromisoformat(day_iso)
    subscription = Subscription.objects.for_matching().filter(pk=subscription_id).first()
    if subscription is None:
        return "not sent"
    items = digest_items(day, subscription)
    if not items:
        return "nothing left"
    delivery, created = Delivery.objects.get_or_create(
        subscription=subscription, key=f"digest:{day_iso}"
    )
    if not created:
        return "sent before"
    try:
        messages.digest(subscription, day, items).send()
    except SEND_ERRORS:
        logger.warning("digest not sent, will retry", exc_info=True)
        delivery.delete()
        return retry(deliver_digest, attempt, day_iso, subscription_id)
    return "sent"


@task
def send_confirmation(subscription_id, attempt=1):
    """The only e-mail an unconfirmed address ever gets. A confirmed one that
    asks again gets the link to its settings instead (the page said the same)."""
    subscription = Subscription.objects.filter(pk=subscription_id).first()
    if subscription is None:
        return "gone"
    try:
        messages.confirmation(subscription).send()
    except SEND_ERRORS:
        logger.warning("confirmation not sent, will retry", exc_info=True)
        return retry(send_confirmation, attempt, subscription_id)
    return "sent"
