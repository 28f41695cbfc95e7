"""What each desk shows. Every function reads; none writes."""

import datetime

from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db.models import F, Q
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.dates import WEEKDAYS_ABBR
from reversion.models import Version

from embassy.dates import zone_label
from notices.models import Notice
from releases.models import (
    AuditAction,
    AuditEntry,
    EmbargoLink,
    Event,
    PendingRevision,
    PublicationState,
    PublicationStatus,
    Release,
)
from releases.workflow.services import review_author
from translations.tracking import out_of_date_translations, translation_languages

CALENDAR_DAYS = 14
CLOSURE_DAYS = 60
SERVICE_CHECK_DAYS = 183  # about six months
LIST_LENGTH = 10
PUBLISHABLE_MODELS = (Release, Event, Notice)


def models_for(user, action):
    """The publishable models `user` may `action` ("change", "publish"): a
    consular officer publishes notices, not releases, and sees only those."""
    return [
        model
        for model in PUBLISHABLE_MODELS
        if user.has_perm(f"{model._meta.app_label}.{action}_{model._meta.model_name}")
    ]


def change_url(obj):
    opts = obj._meta
    try:
        return reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])
    except NoReverseMatch:
        return ""


def entry(obj, url=None, **extra):
    return {"object": obj, "url": url or change_url(obj), "kind": obj._meta.verbose_name, **extra}


def _review_url(obj):
    opts = obj._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_review", args=[obj.pk])


def _saved_by(user, model):
    """Keys of the items of `model` that `user` saved at least once (their history)."""
    return set(
        Version.objects.get_for_model(model)
        .filter(revision__user=user)
        .values_list("object_id", flat=True)
    )


def editor_desk(user):
    drafts, sent_back = [], []
    for model in models_for(user, "change"):
        mine = _saved_by(user, model)
        for item in model.objects.filter(status=PublicationStatus.DRAFT).order_by("-updated_at"):
            if str(item.pk) not in mine:
                continue
            comment = _send_back_comment(item)
            if comment is not None and review_author(item) == user:
                sent_back.append(entry(item, comment=comment))
            else:
                drafts.append(entry(item))
    waiting = [
        entry(item, mine=review_author(item) == user)
        for model in models_for(user, "change")
        for item in model.objects.filter(status=PublicationStatus.REVIEW).order_by("updated_at")
    ]
    corrections = [
        {"object": revision, "url": change_url(revision.item) if revision.item else ""}
        for revision in PendingRevision.objects.pending().filter(proposed_by=user)
    ]
    return {
        "drafts": drafts[:LIST_LENGTH],
        "sent_back": sent_back,
        "waiting": waiting,
        "my_corrections": corrections,
    }


def _send_back_comment(item):
    """The comment of the last decision on `item`, if that was a send-back."""
    last = (
        AuditEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(item), object_id=str(item.pk)
        )
        .exclude(action__in=[AuditAction.EMBARGO_OPENED])
        .first()
    )
    if last is not None and last.action == AuditAction.SEND_BACK:
        return last.detail
    return None


def week_calendar(items, today, days=CALENDAR_DAYS):
    """Weeks (Monday first) from this week to the one `days` ahead, each a
    list of days with the items due that day, in the mission's time zone."""
    by_day = {}
    for item in items:
        by_day.setdefault(timezone.localtime(item["object"].published_at).date(), []).append(item)
    start = today - datetime.timedelta(days=today.weekday())
    last = today + datetime.timedelta(days=days)
    weeks = []
    while start <= last:
        week = []
        for offset in range(7):
            day = start + datetime.timedelta(days=offset)
            week.append(
                {
                    "date": day,
                    "items": by_day.get(day, []),
                    "in_range": today <= day <= last,
                    "is_today": day == today,
                }
            )
        weeks.append(week)
        start += datetime.timedelta(days=7)
    return weeks


def zone_name():
    return zone_label(settings.TIME_ZONE)


def publisher_desk(user):
    now = timezone.now()
    horizon = now + datetime.timedelta(days=CALENDAR_DAYS)
    publishable = models_for(user, "publish")
    waiting = [
        entry(item, review_url=_review_url(item), author=review_author(item))
        for model in publishable
        for item in model.objects.filter(status=PublicationStatus.REVIEW).order_by("updated_at")
    ]
    corrections = []
    for revision in PendingRevision.objects.pending().select_related("proposed_by"):
        item = revision.item
        if item is None or type(item) not in publishable:
            continue
        opts = item._meta
        url = reverse(f"admin:{opts.app_label}_{opts.model_name}_correction", args=[item.pk])
        corrections.append({"object": revision, "url": url})
    scheduled = sorted(
        (
            entry(item, time=item.published_at)
            for model in publishable
            for item in model.objects.in_state(PublicationState.SCHEDULED).filter(
                published_at__lte=horizon
            )
        ),
        key=lambda row: row["time"],
    )
    links = EmbargoLink.objects.filter(revoked_at__isnull=True, expires_at__gt=now)
    embargoes = [
        entry(link, url=change_url(link.release)) for link in links.select_related("release")
    ]
    return {
        "waiting": waiting,
        "corrections": corrections,
        "scheduled": scheduled,
        "calendar": week_calendar(scheduled, timezone.localdate()),
        "weekdays": [WEEKDAYS_ABBR[day] for day in range(7)],
        "zone": zone_name(),
        "embargoes": embargoes if Release in publishable else None,
        "stale_translations": _stale_translations(publishable),
        "last_changes": AuditEntry.objects.filter(
            content_type__in=ContentType.objects.get_for_models(*publishable).values()
        ).select_related("content_type")[:LIST_LENGTH],
    }


def _stale_translations(models):
    rows = []
    for language in translation_languages():
        for model in models:
            for item in out_of_date_translations(model.objects.all(), language)[:LIST_LENGTH]:
                rows.append(entry(item, language=language))
    return rows[:LIST_LENGTH]


def consular_desk(user):
    Office = apps.get_model("contacts", "Office")
    Closure = apps.get_model("contacts", "Closure")
    today = timezone.localdate()
    closures = Closure.objects.current_and_future(today).filter(
        start_date__lte=today + datetime.timedelta(days=CLOSURE_DAYS)
    )
    return {
        "offices": [entry(office) for office in Office.objects.order_by("name")],
        "closures": [entry(closure) for closure in closures.select_related("office")],
        "unchecked_services": unchecked_services(today),
    }


def unchecked_services(today):
    """Services not checked for six months (or never), oldest first."""
    from services.models import Service

    since = today - datetime.timedelta(days=SERVICE_CHECK_DAYS)
    stale = Service.objects.filter(
        Q(last_checked_on__isnull=True) | Q(last_checked_on__lt=since)
    ).order_by(F("last_checked_on").asc(nulls_first=True), "pk")
    return [entry(service) for service in stale[:50]]


def desk_context(request):
    """The desks `request.user` may see, by the permissions of their roles."""
    user = request.user
    context = {}
    if models_for(user, "change"):
        context["editor_desk"] = editor_desk(user)
    if models_for(user, "publish"):
        context["publisher_desk"] = publisher_desk(user)
    if user.has_perm("contacts.change_office"):
        context["consular_desk"] = consular_desk(user)
    return context
